"""Care's registrations: the unanswered count and continuations on the forum's pages."""
from chalicelib.forum import hooks

hooks.home_page.register("chalicelib.care.forum_pages:home_page_context")
hooks.new_thread_prefill.register("chalicelib.care.forum_pages:new_thread_prefill")
hooks.thread_started.register("chalicelib.care.forum_pages:link_continuation")
