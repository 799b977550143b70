"""Notifications' registrations: the posts, threads, reactions, letters, blocks and
letter_shares streams feed them, and what it keeps about a member joins the export and the
deletion."""
from chalicelib.platform import member_data, streams

streams.on_change("posts", "chalicelib.notifications.events:on_post")
streams.on_change("threads", "chalicelib.notifications.events:on_thread")
streams.on_change("reactions", "chalicelib.notifications.events:on_reaction")
streams.on_change("letters", "chalicelib.notifications.events:on_letter")
streams.on_change("blocks", "chalicelib.notifications.events:on_block")
streams.on_change("letter_shares", "chalicelib.notifications.shares:on_share")

member_data.register("notifications",
                     export="chalicelib.notifications.member_data:export_member_data",
                     delete="chalicelib.notifications.member_data:delete_member_data",
                     models=("Notification",))
