"""Search's registrations: the index follows the posts and threads tables' streams, one
change file per stream batch."""
from chalicelib.platform import streams

streams.on_batch("posts", "chalicelib.search.indexing:on_posts")
streams.on_batch("threads", "chalicelib.search.indexing:on_threads")
