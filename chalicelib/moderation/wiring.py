"""Moderation's registrations: suspensions and first-day limits on posting, and the
thread page's blocks and moderator tools."""
from chalicelib.forum import hooks, policy

policy.may_post.register("chalicelib.moderation.suspensions:refuse_suspended")
policy.post_field_errors.register("chalicelib.moderation.new_members:field_errors")
hooks.thread_page.register("chalicelib.moderation.context:thread_page_context")
