"""What's new: the threads with posts a member has not read, newest activity first.

Walks the Latest index from the newest thread, in rounds of ROUND threads: each round is
one Query and one BatchGetItem of the member's positions in those threads (the first one
also reads the session), and the walk stops at the member's horizon, at a full page, or
after MAX_ROUNDS rounds (the page then links on). A member who keeps up pays 2 requests.
"""
from chalicelib.core import errors
from chalicelib.platform import pagination
from chalicelib.forum import own_state, positions, reading
from chalicelib.models.forum import LATEST_FEED, Thread

ROUND = 25
MAX_ROUNDS = 4


def unread_page(reader, cursor=None):
    """:return: (visitor, [(thread, NewPosts)], cursor of the next page or None)
    :raise LoginRequired: for a visitor without a live session."""
    if reader.member_id is None:
        raise errors.LoginRequired()
    size, found, visitor = reading.page_size(), [], None

    def query(**options):
        return Thread.latest_threads.query(LATEST_FEED, scan_index_forward=False, **options)

    for _ in range(MAX_ROUNDS):
        threads, next_cursor = pagination.fetch_page(query, reading.LATEST_KEYS, cursor, ROUND)
        visitor, states = own_state.for_threads(reader, threads)
        if visitor.member is None:
            raise errors.LoginRequired()
        floor = own_state.seen_through(own_state.NOTHING_READ._replace(
            horizon=next(iter(states.values())).horizon if states else None), visitor.member)
        for thread in threads:
            if (thread.last_post_id or thread.thread_id) <= floor:
                return visitor, found, None  # older than the horizon: nothing further is new
            news = positions.new_posts(thread, states[thread.thread_id], visitor.member)
            if news is not None:
                found.append((thread, news))
                if len(found) == size:
                    more = thread is not threads[-1] or next_cursor
                    return visitor, found, pagination.encode_cursor(
                        thread, reading.LATEST_KEYS) if more else None
        cursor = next_cursor
        if cursor is None:
            return visitor, found, None
    return visitor, found, cursor
