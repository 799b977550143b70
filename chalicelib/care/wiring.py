"""Care's registrations: its lists follow the forum's and the mail's streams, and it
adds the unanswered count and continuations to the forum's pages."""
from chalicelib.forum import hooks
from chalicelib.platform import streams

hooks.home_page.register("chalicelib.care.forum_pages:home_page_context")
hooks.new_thread_prefill.register("chalicelib.care.forum_pages:new_thread_prefill")
hooks.thread_started.register("chalicelib.care.forum_pages:link_continuation")

streams.on_change("posts", "chalicelib.care.unanswered:on_post")
streams.on_change("threads", "chalicelib.care.unanswered:on_thread_change")
streams.on_change("threads", "chalicelib.care.newcomers:on_thread_change")
streams.on_change("suppressions", "chalicelib.care.addresses:on_suppression_change")
