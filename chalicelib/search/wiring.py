"""Search's registrations: the index follows the posts and threads tables' streams."""
from chalicelib.platform import streams

streams.on_change("posts", "chalicelib.search.indexing:on_post")
streams.on_change("threads", "chalicelib.search.indexing:on_thread")
