"""Unpublishing shared letters, the sharing page's reading, and the member data it keeps.

Either writer unpublishes at any time, alone: the thread is withdrawn from every page,
feed and search (chalicelib/forum/withdrawal.py) in the same transaction that marks the
share unpublished. The letters themselves were never touched, and stay private.
"""
from dataclasses import dataclass, field

from pynamodb.exceptions import TransactWriteError

from chalicelib.core import clock, markup
from chalicelib.correspondence import share_forms, sharing, store
from chalicelib.correspondence.share_forms import Refused
from chalicelib.forum import publishing, reading, withdrawal
from chalicelib.forum.authorship import FORMER_MEMBER_HANDLE
from chalicelib.models.correspondence import CorrespondenceLink, LetterShare


def unpublish(member, correspondence_id, share_id, now=None):
    """``member`` (one of the writers: the caller checked) unpublishes a share.

    :raise Refused: for a share that is not published (any more).
    """
    now = now or clock.utcnow()
    try:
        share = LetterShare.get(correspondence_id, share_id or "-",
                                consistent_read=True)
    except LetterShare.DoesNotExist:
        share = None
    if share is None or share.status != "published":
        raise Refused("Those letters are not published.")
    thread = withdrawal.load(share.thread_id)
    transaction = store.transaction()
    try:
        with transaction:
            transaction.update(share, label="share",
                               condition=LetterShare.status == "published", actions=[
                                   LetterShare.status.set("unpublished"),
                                   LetterShare.closed_by.set(member.member_id),
                                   LetterShare.closed_at.set(now)])
            # Gone already: the share only records its end. Hidden by a moderator: it
            # stays withdrawn, now unpublished, so no moderator's restore publishes it.
            if thread is not None and not withdrawal.is_withdrawn(thread):
                withdrawal.withdraw_thread(transaction, thread, "unpublished", now)
            elif thread is not None and thread.withdrawn == "hidden":
                withdrawal.unpublish_hidden(transaction, thread)
    except TransactWriteError as error:
        if "share" in transaction.failed(error):
            raise Refused("Those letters are not published.")
        raise
    if thread is not None:
        withdrawal.after_withdrawal(thread)


def thread_page_context(view):
    """forum.hooks.thread_page: each writer finds Unpublish on the thread itself (no
    request: the thread names its writers; the button's route checks who asks)."""
    thread, member = view.thread, view.member
    if not thread.shared_from or member is None or member.handle not in (thread.shared_by or []):
        return {}
    correspondence_id, _, share_id = thread.shared_from.partition("/")
    return {"shared_letters": {"correspondence_id": correspondence_id, "share_id": share_id}}


@dataclass
class SharePage:
    letters: list = field(default_factory=list)
    shares: list = field(default_factory=list)
    proposal: object = None
    preview: list = field(default_factory=list)  # [(handle, exact HTML)]
    categories: list = field(default_factory=list)
    may_share: bool = False


def share_page(correspondence, categories=None):
    """What the sharing page shows (2 Queries, and the categories' Query unless the page
    read them with the session: ``categories``)."""
    shares = sharing.shares_of(correspondence)
    proposal = next((share for share in shares if share.status == "proposed"
                     and share.share_id == correspondence.open_share_id), None)
    preview = [(letter.author_handle, markup.render_markdown(letter.body_source))
               for letter in proposal.letters] if proposal else []
    allowed = share_forms.may_share(correspondence)
    return SharePage(letters=share_forms.letters_of(correspondence) if allowed else [],
                     shares=[share for share in shares if share.status == "published"],
                     proposal=proposal, preview=preview, may_share=allowed,
                     categories=(reading.list_categories() if categories is None
                                 else categories) if allowed else [])


def _shares_of_member(member):
    for link in CorrespondenceLink.query(member.member_id, consistent_read=True):
        for share in LetterShare.query(link.correspondence_id, consistent_read=True):
            yield link, share


def export_member_data(member):
    """Each proposal the member took part in, with the texts of their own letters in it."""
    return {"shared_letters": [
        {"with": link.other_handle, "title": share.title, "status": share.status,
         "thread_id": share.thread_id, "proposed_at": clock.iso(share.created_at),
         "your_letters": [letter.body_source for letter in share.letters
                          if letter.author_id == member.member_id]}
        for link, share in _shares_of_member(member)]}


def delete_member_data(member, now, keep_posts):
    """Consent leaves with its giver: published shares are unpublished, and every proposal
    holding the member's words is deleted (runs before correspondence's deleter, which
    removes the links this walks; safe to run again)."""
    for link, share in list(_shares_of_member(member)):
        if share.status == "published":
            unpublish(member, link.correspondence_id, share.share_id, now)
        if share.thread_id:
            publishing.forget_sharer(share.thread_id, member.handle, FORMER_MEMBER_HANDLE)
        share.delete()
