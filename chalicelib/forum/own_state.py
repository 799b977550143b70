"""A member's own state on the forum's pages, read with what the page reads anyway.

The thread page gets the reader's read position in the thread, the posts of it they saved,
their "Mark all as read" horizon and their reactions on the page's posts as parts of its
one BatchGetItem (``reading.thread_page``); a thread list gets the positions of its threads
in the BatchGetItem that reads the session (``for_threads``). docs/data-model.md, R-patterns.
"""
from collections import namedtuple

from chalicelib.core import clock
from chalicelib.platform import batches
from chalicelib.forum.hooks import BatchPart
from chalicelib.models.reactions import Reaction
from chalicelib.models.readings import HORIZON_KEY, ReadingItem, thread_key

# ``last_read_id``: newest post read (None: never opened); ``read_count``: posts read up to
# it (None when unknown); ``saved``: post ids saved here; ``horizon``: "Mark all as read".
ThreadState = namedtuple("ThreadState", "last_read_id read_count saved horizon")
NOTHING_READ = ThreadState(None, None, frozenset(), None)


def _key(member_id, item_key):
    return {"member_id": {"S": member_id}, "item_key": {"S": item_key}}


def _states(raw_items):
    """``{thread id: ThreadState}`` and the horizon, from raw ``readings`` items."""
    items = [ReadingItem.from_raw_data(raw) for raw in raw_items]
    horizon = next((item.read_through for item in items if item.item_key == HORIZON_KEY), None)
    states = {item.thread_id: ThreadState(item.last_read_id, item.read_count,
                                          frozenset(item.saved or ()), horizon)
              for item in items if item.item_key.startswith("t#")}
    return states, horizon


def thread_parts(member_id, thread_id, posts):
    """The reader's parts of the thread page's BatchGetItem: state and own reactions."""
    def build_state(raw_items):
        states, horizon = _states(raw_items)
        return states.get(thread_id, NOTHING_READ)._replace(horizon=horizon)

    reading = BatchPart("own_state", ReadingItem.Meta.table_name,
                        [_key(member_id, thread_key(thread_id)), _key(member_id, HORIZON_KEY)],
                        build_state)
    # Only a post someone reacted to can hold this reader's reaction.
    keys = [{"thread_member": {"S": f"{thread_id}#{member_id}"}, "post_id": {"S": post.post_id}}
            for post in posts if post.reaction_count]
    reacted = BatchPart("reacted", Reaction.Meta.table_name, keys,
                        lambda raw_items: {raw["post_id"]["S"] for raw in raw_items})
    return [reading, reacted]


def for_threads(reader, threads):
    """(visitor, ``{thread id: ThreadState}``) for a thread list: the session and the
    member's positions in ``threads`` in one BatchGetItem (none without a session cookie)."""
    if reader.member_id is None or reader.known is not None and reader.known.member is None:
        return reader.settle({}), {}
    # Nothing from before a member joined is new to them, and a member id is a ULID of the
    # moment they joined: those threads need no key (each key costs half a read unit).
    joined = reader.member_id[:10]
    own = [_key(reader.member_id, thread_key(thread.thread_id)) for thread in threads
           if (thread.last_post_id or thread.thread_id)[:10] >= joined]
    own.append(_key(reader.member_id, HORIZON_KEY))
    found = batches.batch_get(batches.merge(reader.request_items(),
                                            {ReadingItem.Meta.table_name: {"Keys": own}}))
    visitor = reader.settle(found)
    if visitor.member is None or visitor.member.member_id != reader.member_id:
        return visitor, {}
    states, horizon = _states(found.get(ReadingItem.Meta.table_name, []))
    return visitor, {thread.thread_id: states.get(thread.thread_id, NOTHING_READ)._replace(
        horizon=horizon) for thread in threads}


def seen_through(state, member=None):
    """The newest post id this reader counts as read in a thread (or '' for none): their
    position, "Mark all as read", and nothing from before they joined counts as new."""
    joined = clock.id_floor(member.created_at) if member is not None else ""
    return max(state.last_read_id or "", state.horizon or "", joined)
