"""Correspondence's registrations: a block ends the pair's correspondence."""
from chalicelib.platform import streams

streams.on_change("blocks", "chalicelib.correspondence.safety:on_block_change")
