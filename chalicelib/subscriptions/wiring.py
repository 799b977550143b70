"""Subscriptions' registration: the follow button on the forum's thread page."""
from chalicelib.forum import hooks

hooks.thread_page.register("chalicelib.subscriptions.follows:thread_page_context")
