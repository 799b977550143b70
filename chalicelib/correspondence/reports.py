"""Reporting a letter: the one way a moderator ever reads one, and then only that letter.

Moderators cannot open correspondences (they get the same 404 as anyone else); a
reported letter enters a sparse index that the moderators' queue reads, with that
letter's text alone.
"""
from pynamodb.exceptions import UpdateError

from chalicelib.core import clock, errors
from chalicelib.platform import pagination
from chalicelib.models.correspondence import REPORT_QUEUE_OPEN, Letter
from chalicelib.models import writes

MAX_REASON_CHARS = 1000
QUEUE_KEY_NAMES = ["report_queue", "letter_id", "correspondence_id"]


def letter_in(correspondence, letter_id):
    """:raise NotFound: when the letter is not in this correspondence."""
    try:
        return Letter.get(correspondence.correspondence_id, letter_id, consistent_read=True)
    except Letter.DoesNotExist:
        raise errors.NotFound()


def report_letter(member, letter, reason, now=None):
    """Send one letter to the moderators' queue (only one of the two members can)."""
    now = now or clock.utcnow()
    letter.update(actions=[Letter.reported_by.set(member.member_id),
                           Letter.report_reason.set(reason[:MAX_REASON_CHARS] or None),
                           Letter.reported_at.set(now),
                           Letter.report_queue.set(REPORT_QUEUE_OPEN)])


def open_reports(cursor="", size=20):
    """Reported letters awaiting a moderator, oldest first: 1 Query of the sparse index."""
    def run(limit, last_evaluated_key):
        return Letter.reported_letters.query(REPORT_QUEUE_OPEN, limit=limit,
                                             last_evaluated_key=last_evaluated_key)

    return pagination.fetch_page(run, QUEUE_KEY_NAMES, cursor, size)


def reported_letter(correspondence_id, letter_id):
    """A letter a moderator may read: only while it is in the report queue.

    :raise NotFound: for any letter that was not reported (or was already handled).
    """
    try:
        letter = Letter.get(correspondence_id, letter_id, consistent_read=True)
    except Letter.DoesNotExist:
        raise errors.NotFound()
    if letter.report_queue != REPORT_QUEUE_OPEN:
        raise errors.NotFound()
    return letter


def resolve(letter, remove):
    """Take a report off the queue, removing the letter if the moderator decided so."""
    actions = [Letter.report_queue.remove()]
    if remove:
        actions.append(Letter.status.set("removed"))
    try:
        letter.update(actions=actions, condition=Letter.report_queue == REPORT_QUEUE_OPEN)
    except UpdateError as error:
        if not writes.condition_failed(error):
            raise
