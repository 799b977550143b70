"""The letter_shares stream: each writer hears of the other's step in "Share our letters".

A proposal, or a change to it, tells the other writer (they must read and approve it);
approving, declining and unpublishing tell the other one of the two, so whoever proposed
learns what became of it; withdrawing tells the one who was asked. The entry carries the
sentence and the link to the sharing page (or the published thread), never the letters'
text. Keyed by share and version or outcome, so a record handled twice tells once.
"""
from chalicelib.core import clock
from chalicelib.models.correspondence import Correspondence
from chalicelib.notifications.events import notify

CLOSED = ("published", "declined", "unpublished")


def _step(change):
    """(what happened, who did it) for this write, or None for nothing to tell."""
    share, old = change.new, change.old
    if share is None or share.get("status") not in ("proposed",) + CLOSED:
        return None
    if old is None:
        return ("proposed", share["changed_by"]) if share["status"] == "proposed" else None
    if share["status"] == "proposed" and old.get("version") != share.get("version"):
        return "changed", share["changed_by"]
    if change.became("status", "published"):
        return "published", None  # by the writer who did not make the last change
    for status in ("declined", "unpublished"):
        if change.became("status", status):
            withdrawn = status == "declined" and share.get("closed_by") == share["changed_by"]
            return ("withdrawn" if withdrawn else status), share.get("closed_by")
    return None


def on_share(change):
    found = _step(change)
    if found is None:
        return
    step, actor_id = found
    share = change.new
    try:
        correspondence = Correspondence.get(share["correspondence_id"])
    except Correspondence.DoesNotExist:
        return
    if actor_id is None:  # published: the approver is the other of the last changer
        actor_id = correspondence.other_of(share["changed_by"])[0]
    if not correspondence.involves(actor_id):
        return
    told_id, _ = correspondence.other_of(actor_id)
    _, actor_handle = correspondence.other_of(told_id)
    version = int(share.get("version") or 1)
    ref = f"share#{share['share_id']}#" + (f"v{version}" if step in ("proposed", "changed")
                                           else step)
    notify(told_id, "sharing", ref, clock.utcnow(), actor_id=actor_id,
           actor_handle=actor_handle, correspondence_id=correspondence.correspondence_id,
           thread_id=share.get("thread_id"), thread_title=share.get("title"), detail=step)
