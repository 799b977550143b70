"""What the correspondence services share: transactions, statuses, loading with access checks."""
from chalicelib.core import clock, errors
from chalicelib.models import writes
from chalicelib.models.base import shared_connection
from chalicelib.models.correspondence import Correspondence, CorrespondenceLink
from chalicelib.platform import batches, own_reads

LOG_IN = "Please log in to read your letters."
LIVE = ("open", "paused")
# Statuses that leave a pair free to start again.
FINISHED = ("ended", "not_available")


class Transaction(writes.ConflictRetryingWrite):
    """A transaction whose items can be named, to tell which condition failed; like every
    transaction it is tried again after a conflict and counted once committed (so a failure
    after it says what may be saved: chalicelib/web/responses.py).

    PynamoDB sends condition checks, then deletes, puts and updates, whatever order they
    were added in; the cancellation reasons follow that order, so the names do too.
    """

    def __init__(self, **kwargs):
        super().__init__(connection=shared_connection(), **kwargs)
        self._labels = {"check": [], "delete": [], "put": [], "update": []}

    def condition_check(self, model_cls, hash_key, range_key=None, condition=None, label=None):
        self._labels["check"].append(label)
        super().condition_check(model_cls, hash_key, range_key, condition)

    def delete(self, model, condition=None, label=None, **kwargs):
        self._labels["delete"].append(label)
        super().delete(model, condition, **kwargs)

    def save(self, model, condition=None, return_values=None, label=None):
        self._labels["put"].append(label)
        super().save(model, condition, return_values)

    def update(self, model, actions, condition=None, return_values=None, label=None, **kwargs):
        self._labels["update"].append(label)
        super().update(model, actions, condition, return_values, **kwargs)

    def failed(self, error):
        """Names of the items whose condition failed in ``error``."""
        order = [*self._labels["check"], *self._labels["delete"], *self._labels["put"],
                 *self._labels["update"]]
        return {order[index] for index, reason in enumerate(error.cancellation_reasons or [])
                if index < len(order) and reason is not None
                and reason.code == "ConditionalCheckFailed"}


def transaction():
    return Transaction()


def activity_key(now, correspondence_id):
    return f"{clock.iso(now)}#{correspondence_id}"


def correspondence_for(member, correspondence_id):
    """The correspondence if ``member`` is one of its two members.

    Anyone else, moderators included, gets the same 404 as for an id that does not exist,
    so a private correspondence's existence is never confirmed.
    :raise NotFound:
    """
    if member is None:
        raise errors.LoginRequired(LOG_IN)
    try:
        found = Correspondence.get(correspondence_id, consistent_read=True)
    except Correspondence.DoesNotExist:
        raise errors.NotFound()
    return _theirs(member, found)


def readers_correspondence(reader, correspondence_id, also=None):
    """(member, correspondence, raw items by table) as ``correspondence_for``, the
    correspondence (and the keys ``also`` names) read in the session's BatchGetItem
    (``reader``, a ``sessions.PendingVisitor``)."""
    member, found = own_reads.member_and_items(reader, lambda _: batches.merge(
        {Correspondence.Meta.table_name: {"Keys": [{"correspondence_id": {
            "S": correspondence_id}}], "ConsistentRead": True}}, also))
    if member is None:
        raise errors.LoginRequired(LOG_IN)
    raw = found.get(Correspondence.Meta.table_name)
    if not raw:
        raise errors.NotFound()
    return member, _theirs(member, Correspondence.from_raw_data(raw[0])), found


def _theirs(member, correspondence):
    if not correspondence.involves(member.member_id):
        raise errors.NotFound()
    return correspondence


def link_updates(correspondence, now, status=None, last_letter_by=None):
    """(link, actions) for both members' links, moved in step with the correspondence."""
    key = activity_key(now, correspondence.correspondence_id)
    pairs = [(correspondence.asker_id, correspondence.recipient_id),
             (correspondence.recipient_id, correspondence.asker_id)]
    updates = []
    for member_id, other_id in pairs:
        actions = [CorrespondenceLink.updated_at.set(now),
                   CorrespondenceLink.activity_key.set(key)]
        if status:
            actions.append(CorrespondenceLink.status.set(status))
        if last_letter_by:
            actions.append(CorrespondenceLink.last_letter_by.set(last_letter_by))
        updates.append((CorrespondenceLink(member_id=member_id, other_id=other_id), actions))
    return updates


def add_link_updates(transaction_, correspondence, now, **changes):
    """Add both link updates to ``transaction_``; each applies only to this correspondence."""
    condition = CorrespondenceLink.correspondence_id == correspondence.correspondence_id
    for link, actions in link_updates(correspondence, now, **changes):
        transaction_.update(link, actions=actions, condition=condition, label="link")
