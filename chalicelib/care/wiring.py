"""Care's registrations: it keeps its lists from the forum's and the mail's streams."""
from chalicelib.platform import streams

streams.on_change("posts", "chalicelib.care.unanswered:on_post")
streams.on_change("threads", "chalicelib.care.unanswered:on_thread_change")
streams.on_change("threads", "chalicelib.care.newcomers:on_thread_change")
streams.on_change("suppressions", "chalicelib.care.addresses:on_suppression_change")
