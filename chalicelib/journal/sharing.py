"""Who may see a journal. Private by default; moderators get no exception.

- private: only its owner.
- members-all: any logged-in member sees the chart, the table and the notes.
- members-chart: any logged-in member sees the chart and its table, without notes.
- a published introduction thread shows the chart (no notes) to anyone reading it.
"""
from chalicelib.core import errors
from chalicelib.forum import withdrawal
from chalicelib.journal import cards, store
from chalicelib.models.forum import Thread
from chalicelib.models.journal import JournalSettings
from chalicelib.platform import members, own_reads

SHARING_CHOICES = (
    ("private", "Private: only you can see it"),
    ("members-chart", "Members can see the chart and its table (no notes)"),
    ("members-all", "Members can see all of it, notes included"),
)
SHARING_KEYS = {key for key, _ in SHARING_CHOICES}
FULL, CHART_ONLY = "all", "chart"
HIDDEN = "This journal is private, or there is no such journal."


def access_for(settings, owner_id, viewer):
    """What ``viewer`` (a Member or None) may see of a journal: FULL, CHART_ONLY or None."""
    if viewer is not None and viewer.member_id == owner_id:
        return FULL
    if viewer is None:
        return None
    return {"members-all": FULL, "members-chart": CHART_ONLY}.get(settings.sharing)


def shared_journal(reader, handle, first_day=None):
    """(owner, their journal with check-ins from ``first_day``, the viewer's access) for
    ``/u/{handle}/journal``: the session with the handle's claim (its card names the
    owner), then the journal in one Query (with the owner's row for a claim from before
    cards). What a viewer may not see is read but never handed back.

    :raise NotFound: no live session, no such member, or not shared with the viewer.
    """
    viewer, found = own_reads.member_and_items(reader, lambda _: own_reads.claim_keys(handle))
    owner_id, owner = own_reads.claim_owner(found, handle) if viewer else (None, None)
    if owner_id is None:
        raise errors.NotFound(HIDDEN)
    owner = owner or members.get_member(owner_id)
    journal = store.load_since(owner_id, first_day)
    access = access_for(journal.settings, owner_id, viewer)
    if owner is None or access is None:
        raise errors.NotFound(HIDDEN)
    return owner, journal, access


def own_threads(member_id, limit=50):
    """The member's threads, newest first, to pick an introduction from (one Query)."""
    return withdrawal.visible(Thread.threads_by_author.query(
        member_id, scan_index_forward=False, limit=limit))


def update(member_id, sharing, intro_thread_id, signature_on, now):
    """Save the member's sharing choices and refresh their public card.

    :raise BadRequest: for an unknown sharing choice or a thread that is not theirs.
    """
    if sharing not in SHARING_KEYS:
        raise errors.BadRequest("Please choose who can see your journal.")
    if intro_thread_id:
        try:
            thread = Thread.get(intro_thread_id)
        except Thread.DoesNotExist:
            thread = None
        if thread is None or thread.author_id != member_id:
            raise errors.BadRequest("You can only publish your journal on a thread you started.")
    intro = (JournalSettings.intro_thread_id.set(intro_thread_id) if intro_thread_id
             else JournalSettings.intro_thread_id.remove())
    store.update_settings(member_id, JournalSettings.sharing.set(sharing), intro,
                          JournalSettings.signature_on.set(bool(signature_on)))
    return cards.rebuild(member_id, now)
