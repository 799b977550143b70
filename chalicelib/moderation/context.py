"""What a thread page needs from moderation: whom the reader blocked, and the tools."""
from chalicelib.forum import reading
from chalicelib.moderation import blocks
from chalicelib.web import permissions


def thread_context(member):
    """Template variables for a thread page: one Query for a member, two for a moderator."""
    moderator = permissions.is_moderator(member)
    return {
        "blocked_ids": blocks.blocked_ids(member.member_id) if member else set(),
        "is_moderator": moderator,
        "move_categories": reading.list_categories() if moderator else [],
    }


def thread_page_context(view):
    """``thread_context`` for the forum's thread-page hook."""
    return thread_context(view.member)
