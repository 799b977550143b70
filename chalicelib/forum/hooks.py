"""What the features above the forum add to its pages, and how they learn of a new thread.

The forum cannot import them (docs/architecture.md): each registers here from its own
wiring module. Light on purpose: wiring modules import this at start-up.
"""
from collections import namedtuple

from chalicelib.core.hooks import Hook

# handler(stats) -> template variables for the home page; ``stats`` is the site-stats
# item the forum read with the categories (None before the first thread).
home_page = Hook("forum.home_page")
# handler(author_ids) -> a BatchPart or None: items read in the thread page's one
# BatchGetItem with the thread, so they cost no request of their own.
thread_batch = Hook("forum.thread_batch")
# handler(member_id, thread_id, posts) -> a BatchPart or None: the reader's own items
# (follow state, whom they blocked), read in that same BatchGetItem with their session;
# ``build`` gets nothing unless the session turns out live.
thread_member_batch = Hook("forum.thread_member_batch")
# handler(ThreadView) -> template variables for the thread page.
thread_page = Hook("forum.thread_page")
# handler(query_params) -> form fields to start the new-thread form with ({} for none).
new_thread_prefill = Hook("forum.new_thread_prefill")
# handler(thread, form): a member's new thread was just written from ``form``.
thread_started = Hook("forum.thread_started")

# ``keys``: raw DynamoDB keys in ``table_name`` (99 at most); ``build(raw_items)``: what
# the thread page gets as ``ThreadView.extras[name]`` from the raw items read there.
BatchPart = namedtuple("BatchPart", "name table_name keys build")

# One thread page as its contributors see it: ``member`` is None for a visitor,
# ``extras`` holds each BatchPart's built value by name.
ThreadView = namedtuple("ThreadView", "thread posts member extras is_first_page now")


def merged_context(hook, *args):
    """Every handler's template variables, merged in registration order."""
    context = {}
    for contribution in hook.call_all(*args):
        context.update(contribution or {})
    return context
