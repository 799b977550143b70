"""What a thread page needs from moderation: whom the reader blocked, who is staff (never
offered a Block link: moderators cannot be blocked), and the tools."""
from chalicelib.forum import hooks, reading, withdrawal
from chalicelib.models.members import Member
from chalicelib.models.moderation import Block
from chalicelib.web import permissions

# The thread page's one BatchGetItem holds 100 keys: the thread, the authors' cards
# (chalicelib/journal/cards.py), then as many authors as fit here.
BATCH_KEYS = 100


def thread_batch_part(member_id, thread_id, posts):
    """Whether the reader blocked each author on the page: their block items, read in the
    thread page's one BatchGetItem (a GetItem's worth per author, no Query)."""
    keys = [{"blocker_id": {"S": member_id}, "blocked_id": {"S": author_id}}
            for author_id in sorted({post.author_id for post in posts} - {member_id})]
    return hooks.BatchPart("blocked_ids", Block.Meta.table_name, keys,
                           lambda raw_items: {raw["blocked_id"]["S"] for raw in raw_items})


def thread_context(member, blocked_ids=frozenset(), staff_ids=frozenset(), movable=True):
    """Template variables for a thread page: the moderator's "move" control reads the
    categories (one Query, moderators only, and not on a hidden thread, which shows
    Restore instead of the thread tools)."""
    moderator = permissions.is_moderator(member)
    return {
        "blocked_ids": set(blocked_ids) if member else set(),
        "staff_ids": staff_ids,
        "is_moderator": moderator,
        "move_categories": reading.list_categories() if moderator and movable else [],
    }


def thread_page_context(view):
    """``thread_context`` for the forum's thread-page hook."""
    return thread_context(view.member, view.extras.get("blocked_ids", ()),
                          view.extras.get("staff", frozenset()),
                          movable=not withdrawal.is_withdrawn(view.thread))


def staff_batch_part(author_ids):
    """The page's authors, read in the thread page's BatchGetItem (no request of their own),
    to know which are moderators or admins."""
    room = BATCH_KEYS - 1 - min(len(author_ids), BATCH_KEYS - 1)
    keys = [{"member_id": {"S": member_id}} for member_id in author_ids[:room]]
    return hooks.BatchPart("staff", Member.Meta.table_name, keys, _staff_ids)


def _staff_ids(raw_items):
    return frozenset(raw["member_id"]["S"] for raw in raw_items
                     if raw.get("role", {}).get("S") in permissions.STAFF_ROLES)
