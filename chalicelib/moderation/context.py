"""What a thread page needs from moderation: whom the reader blocked, and the tools."""
from chalicelib.forum import reading
from chalicelib.forum.hooks import BatchPart
from chalicelib.models.moderation import Block
from chalicelib.web import permissions


def thread_batch_part(member_id, thread_id, posts):
    """Whether the reader blocked each author on the page: their block items, read in the
    thread page's one BatchGetItem (a GetItem's worth per author, no Query)."""
    keys = [{"blocker_id": {"S": member_id}, "blocked_id": {"S": author_id}}
            for author_id in sorted({post.author_id for post in posts} - {member_id})]
    return BatchPart("blocked_ids", Block.Meta.table_name, keys,
                     lambda raw_items: {raw["blocked_id"]["S"] for raw in raw_items})


def thread_context(member, blocked_ids=frozenset()):
    """Template variables for a thread page: the moderator's "move" control reads the
    categories (one Query, moderators only)."""
    moderator = permissions.is_moderator(member)
    return {
        "blocked_ids": set(blocked_ids) if member else set(),
        "is_moderator": moderator,
        "move_categories": reading.list_categories() if moderator else [],
    }


def thread_page_context(view):
    """``thread_context`` for the forum's thread-page hook."""
    return thread_context(view.member, view.extras.get("blocked_ids", ()))
