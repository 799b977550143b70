"""Public profiles: a handle, a role, a join date and the member's threads. Never an email."""
from chalicelib.core import config, errors
from chalicelib.platform import batches, members, pagination
from chalicelib.forum import withdrawal
from chalicelib.forum.authorship import FORMER_MEMBER_ID
from chalicelib.models import Member
from chalicelib.models.forum import Thread
from chalicelib.models.moderation import Block

THREAD_KEYS = ("thread_id", "author_id")
NO_SUCH_MEMBER = "There is no member with that name."


def profile_page(handle, cursor=None, reader=None):
    """The member, a page of their threads (newest first), the reader and whether the reader
    blocked them. The handle's claim (GetItem) carries the public card, then the threads
    (Query): 2 requests for a visitor. A reader with a session cookie adds one BatchGetItem
    of their session, the member row (moderators' tools need it) and their block item; so
    does a claim from before cards (docs/data-model.md, A8).

    :return: (member, threads, next cursor, visitor or None, blocked)
    :raise NotFound: no member has this handle (or they deleted their account).
    """
    claim = members.handle_card(handle)
    if claim is None or claim.member_id == FORMER_MEMBER_ID:
        raise errors.NotFound(NO_SUCH_MEMBER)
    member_id, card = claim.member_id, members.member_from_card(claim)

    def query(**options):
        return Thread.threads_by_author.query(member_id, scan_index_forward=False, **options)

    threads, next_cursor = pagination.fetch_page(query, THREAD_KEYS, cursor,
                                                 config.settings.page_size)
    reader_id = reader.member_id if reader else None
    wanted = {Member.Meta.table_name: {"Keys": [{"member_id": {"S": member_id}}]}}
    if reader_id and reader_id != member_id:
        wanted[Block.Meta.table_name] = {"Keys": [{"blocker_id": {"S": reader_id},
                                                   "blocked_id": {"S": member_id}}]}
    found = batches.batch_get(batches.merge(reader.request_items() if reader else {}, wanted)) \
        if reader_id or card is None else {}
    visitor = reader.settle(found) if reader else None
    shown = [raw for raw in found.get(Member.Meta.table_name, [])
             if raw["member_id"]["S"] == member_id]
    if not shown and card is None:
        raise errors.NotFound(NO_SUCH_MEMBER)
    trusted = visitor is not None and visitor.member is not None \
        and visitor.member.member_id == reader_id
    blocked = trusted and bool(found.get(Block.Meta.table_name))
    shown = Member.from_raw_data(shown[0]) if shown else card
    # Filtered after the page is cut (not by the Query), so the next cursor stays right.
    return shown, withdrawal.visible(threads), next_cursor, visitor, blocked
