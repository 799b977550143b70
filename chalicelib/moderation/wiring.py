"""Moderation's registrations: suspensions and first-day limits on posting, the thread
page's blocks and moderator tools, and the member data it keeps (their blocks)."""
from chalicelib.forum import hooks, policy
from chalicelib.platform import member_data

policy.may_post.register("chalicelib.moderation.suspensions:refuse_suspended")
policy.post_field_errors.register("chalicelib.moderation.new_members:field_errors")
hooks.thread_member_batch.register("chalicelib.moderation.context:thread_batch_part")
hooks.thread_page.register("chalicelib.moderation.context:thread_page_context")
hooks.thread_batch.register("chalicelib.moderation.context:staff_batch_part")

member_data.register("moderation", export="chalicelib.moderation.member_data:export_member_data",
                     delete="chalicelib.moderation.member_data:delete_member_data",
                     models=("Block",))
