"""Sharing letters with both writers' consent: propose, change, approve or decline.

Either writer proposes publishing some of their letters as a forum thread, each letter's
text edited or redacted as they wish, with a title and a category. The other writer reads
exactly what would be published and approves or declines. Any change (by either of them)
raises the proposal's ``version`` and needs the other writer's approval again; the
approval is one transaction conditioned on the version the approver read, so approving a
proposal that changed meanwhile publishes nothing. The letters themselves never change.

A correspondence has at most one open proposal (``Correspondence.open_share_id``, set and
cleared in the proposal's own transactions). Unpublishing: unpublishing.py.
"""
from pynamodb.exceptions import TransactWriteError, UpdateError

from chalicelib.core import clock, errors
from chalicelib.correspondence import share_forms, store
from chalicelib.correspondence.share_forms import Refused
from chalicelib.forum import publishing
from chalicelib.models.correspondence import Correspondence, Letter, LetterShare, SharedLetter

OUTDATED = ("The proposal changed after you opened it, so nothing was published. "
            "Please read it again below.")


def shares_of(correspondence):
    """The correspondence's proposals, newest first (1 Query)."""
    return list(LetterShare.query(correspondence.correspondence_id, scan_index_forward=False,
                                  consistent_read=True))


def _shared(choice, letters):
    by_id = {letter.letter_id: letter for letter in letters}
    return [SharedLetter(letter_id=letter_id, author_id=by_id[letter_id].author_id,
                         author_handle=by_id[letter_id].author_handle,
                         body_source=choice.texts[letter_id])
            for letter_id in choice.letter_ids]


def propose(member, correspondence, choice, now=None):
    """Open a proposal; :raise Refused: (field errors) or Conflict (one is open already)."""
    now = now or clock.utcnow()
    letters = share_forms.check(member, correspondence, choice, now)
    share = LetterShare(correspondence_id=correspondence.correspondence_id,
                        share_id=clock.new_id(now), changed_by=member.member_id,
                        changed_by_handle=member.handle, title=choice.title,
                        category_slug=choice.category, letters=_shared(choice, letters),
                        created_at=now, changed_at=now)
    transaction = store.transaction()
    try:
        with transaction:
            transaction.save(share, condition=LetterShare.share_id.does_not_exist())
            transaction.update(correspondence, label="correspondence",
                               condition=Correspondence.open_share_id.does_not_exist(),
                               actions=[Correspondence.open_share_id.set(share.share_id)])
    except TransactWriteError as error:
        if "correspondence" in transaction.failed(error):
            raise errors.Conflict("There is already a proposal to share these letters: "
                                  "please read it below.")
        raise
    return share


def _open(correspondence, share_id):
    try:
        share = LetterShare.get(correspondence.correspondence_id, share_id or "-",
                                consistent_read=True)
    except LetterShare.DoesNotExist:
        raise Refused("That proposal is no longer open.")
    if share.status != "proposed":
        raise Refused("That proposal is no longer open.")
    return share


def _proposed(share_id, version):
    condition = (LetterShare.status == "proposed") & (LetterShare.share_id == share_id)
    return condition & (LetterShare.version == version) if version is not None else condition


def revise(member, correspondence, share_id, seen_version, choice, now=None):
    """Change an open proposal: it then waits for the other writer's approval.

    :raise Refused: field errors, a closed proposal, or one changed since ``seen_version``.
    """
    now = now or clock.utcnow()
    share = _open(correspondence, share_id)
    letters = share_forms.check(member, correspondence, choice, now)
    if seen_version is None:
        raise Refused(OUTDATED)
    try:
        share.update(condition=_proposed(share_id, seen_version), actions=[
            LetterShare.version.add(1), LetterShare.changed_by.set(member.member_id),
            LetterShare.changed_by_handle.set(member.handle),
            LetterShare.title.set(choice.title), LetterShare.category_slug.set(choice.category),
            LetterShare.letters.set(_shared(choice, letters)), LetterShare.changed_at.set(now)])
    except UpdateError as error:
        if share_forms.condition_failed(error):
            raise Refused("The proposal changed while you were editing it. Your text is kept "
                          "below; please read the new version before saving yours.")
        raise
    return share


def approve(member, correspondence, share_id, seen_version, now=None):
    """Publish the proposal as a thread, if it is still the version ``member`` read.

    :return: the new thread. :raise Refused: for an outdated, closed or own proposal, or a
    writer who may not post now.
    """
    now = now or clock.utcnow()
    share = _open(correspondence, share_id)
    if share.changed_by == member.member_id:
        raise Refused("You made the latest change, so the other writer approves it.")
    if seen_version is None or share.version != seen_version:
        raise Refused(OUTDATED)
    share_forms.check_writers(member, correspondence, now)
    # Both writers are named, whoever wrote the letters chosen: both consented.
    handles = sorted({correspondence.asker_handle, correspondence.recipient_handle})
    thread, posts = publishing.build_thread(
        share.category_slug, share.title,
        [(letter.author_id, letter.author_handle, letter.body_source) for letter in share.letters],
        handles, now, shared_from=f"{correspondence.correspondence_id}/{share_id}")
    transaction = store.transaction()
    try:
        with transaction:
            transaction.update(share, label="share", condition=_proposed(share_id, seen_version)
                               & (LetterShare.changed_by != member.member_id), actions=[
                LetterShare.status.set("published"), LetterShare.thread_id.set(thread.thread_id),
                LetterShare.published_at.set(now)])
            transaction.update(correspondence, label="correspondence",
                               condition=Correspondence.open_share_id == share_id,
                               actions=[Correspondence.open_share_id.remove()])
            publishing.add_thread(transaction, thread, posts)
            # A letter a moderator removed since the proposal is not published.
            for letter in share.letters:
                transaction.condition_check(Letter, correspondence.correspondence_id,
                                            letter.letter_id, label="letter",
                                            condition=Letter.status == "visible")
    except TransactWriteError as error:
        failed = transaction.failed(error)
        if "share" in failed or "correspondence" in failed:
            raise Refused(OUTDATED)
        if "letter" in failed:
            raise Refused("A moderator removed one of these letters, so it cannot be "
                          "published: please change the proposal.")
        if failed:  # the category was removed meanwhile
            raise Refused("That category is no longer there: please change the proposal "
                          "and choose another.")
        raise
    return thread


def decline(member, correspondence, share_id, now=None):
    """Decline (or, for the one who proposed, withdraw) an open proposal."""
    now = now or clock.utcnow()
    share = _open(correspondence, share_id)
    transaction = store.transaction()
    try:
        with transaction:
            transaction.update(share, condition=_proposed(share_id, None), actions=[
                LetterShare.status.set("declined"), LetterShare.closed_by.set(member.member_id),
                LetterShare.closed_at.set(now)])
            transaction.update(correspondence, condition=Correspondence.open_share_id == share_id,
                               actions=[Correspondence.open_share_id.remove()])
    except TransactWriteError as error:
        if transaction.failed(error):
            raise Refused("That proposal is no longer open.")
        raise
