"""Subscriptions' registrations: the follow button on the thread page, following and
reply notices from new posts, and the member data subscriptions keep."""
from chalicelib.forum import hooks
from chalicelib.platform import member_data, streams

hooks.thread_member_batch.register("chalicelib.subscriptions.follows:thread_batch_part")
hooks.thread_page.register("chalicelib.subscriptions.follows:thread_page_context")

streams.on_change("posts", "chalicelib.subscriptions.reactions:follow_poster")
streams.on_change("posts", "chalicelib.subscriptions.reactions:enqueue_reply_notice")
streams.on_change("posts", "chalicelib.subscriptions.summaries:on_post")
streams.on_change("posts", "chalicelib.subscriptions.thread_summaries:on_post")

member_data.register("subscriptions",
                     export="chalicelib.subscriptions.member_data:export_member_data",
                     delete="chalicelib.subscriptions.member_data:delete_member_data",
                     models=("Subscriber", "Follow", "Suppression", "DigestSummary"))
