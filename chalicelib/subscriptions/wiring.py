"""Subscriptions' registrations: following and reply notices react to new posts, and the
member data subscriptions keep."""
from chalicelib.platform import member_data, streams

streams.on_change("posts", "chalicelib.subscriptions.reactions:follow_poster")
streams.on_change("posts", "chalicelib.subscriptions.reactions:enqueue_reply_notice")

member_data.register("subscriptions",
                     export="chalicelib.subscriptions.member_data:export_member_data",
                     delete="chalicelib.subscriptions.member_data:delete_member_data",
                     models=("Subscriber", "Follow", "Suppression"))
