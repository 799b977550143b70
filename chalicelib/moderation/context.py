"""What a thread page needs from moderation: whom the reader blocked, who is staff (never
offered a Block link: moderators cannot be blocked), and the tools."""
from chalicelib.forum import hooks, reading
from chalicelib.models.members import Member
from chalicelib.moderation import blocks
from chalicelib.web import permissions

# The thread page's one BatchGetItem holds 100 keys: the thread, the authors' cards
# (chalicelib/journal/cards.py), then as many authors as fit here.
BATCH_KEYS = 100


def thread_context(member, staff_ids=frozenset()):
    """Template variables for a thread page: one Query for a member, two for a moderator."""
    moderator = permissions.is_moderator(member)
    return {
        "blocked_ids": blocks.blocked_ids(member.member_id) if member else set(),
        "staff_ids": staff_ids,
        "is_moderator": moderator,
        "move_categories": reading.list_categories() if moderator else [],
    }


def thread_page_context(view):
    """``thread_context`` for the forum's thread-page hook."""
    return thread_context(view.member, view.extras.get("staff", frozenset()))


def staff_batch_part(author_ids):
    """The page's authors, read in the thread page's BatchGetItem (no request of their own),
    to know which are moderators or admins."""
    room = BATCH_KEYS - 1 - min(len(author_ids), BATCH_KEYS - 1)
    keys = [{"member_id": {"S": member_id}} for member_id in author_ids[:room]]
    return hooks.BatchPart("staff", Member.Meta.table_name, keys, _staff_ids)


def _staff_ids(raw_items):
    return frozenset(raw["member_id"]["S"] for raw in raw_items
                     if raw.get("role", {}).get("S") in permissions.STAFF_ROLES)
