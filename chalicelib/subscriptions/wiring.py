"""Subscriptions' registrations: following and reply notices react to new posts."""
from chalicelib.platform import streams

streams.on_change("posts", "chalicelib.subscriptions.reactions:follow_poster")
streams.on_change("posts", "chalicelib.subscriptions.reactions:enqueue_reply_notice")
