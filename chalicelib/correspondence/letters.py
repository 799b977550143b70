"""Writing and reading letters: a private two-person thread, oldest letter first."""
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import clock
from chalicelib.platform import mentions, pagination
from chalicelib.correspondence import notifications, safety, store
from chalicelib.models.correspondence import Correspondence, Letter
from chalicelib.models.forum import MAX_BODY_CHARS

LETTER_KEY_NAMES = ["correspondence_id", "letter_id"]
PAGE_SIZE = 30


class CannotSend(Exception):
    """The letter was not saved; ``message`` says why (the draft is shown again)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def letters_page(correspondence, cursor="", size=PAGE_SIZE):
    """One page of letters, oldest first: 1 Query.

    :return: (letters, next cursor or None)
    """
    def run(limit, last_evaluated_key):
        return Letter.query(correspondence.correspondence_id, limit=limit,
                            last_evaluated_key=last_evaluated_key, consistent_read=True)

    return pagination.fetch_page(run, LETTER_KEY_NAMES, cursor, size)


def send_letter(author, correspondence, body, now=None):
    """Save a letter (one transaction), then tell the other member as they chose.

    :raise CannotSend: for an empty or too long letter, or a correspondence not open.
    """
    now = now or clock.utcnow()
    if not body.strip():
        raise CannotSend("Please write your letter before sending it.", field="body")
    if len(body) > MAX_BODY_CHARS:
        raise CannotSend(f"Please keep a letter to {MAX_BODY_CHARS:,} characters "
                         f"(it has {len(body):,}).", field="body")
    other_id, _ = correspondence.other_of(author.member_id)
    if correspondence.status != "open":
        raise CannotSend(_closed_message(correspondence))
    if safety.blocked_between(author.member_id, other_id):
        from chalicelib.correspondence import ending

        ending.end(correspondence, now, reason="blocked")
        raise CannotSend("This correspondence has ended; your letter was not sent.")
    letter = Letter(correspondence_id=correspondence.correspondence_id,
                    letter_id=clock.new_id(now), author_id=author.member_id,
                    author_handle=author.handle, body_source=body,
                    body_html=mentions.resolve(body).html(body), created_at=now)
    choice = notifications.choice_of(other_id)
    transaction = store.transaction()
    try:
        with transaction:
            transaction.save(letter, condition=Letter.letter_id.does_not_exist())
            transaction.update(correspondence, condition=Correspondence.status == "open",
                               actions=[Correspondence.letter_count.add(1),
                                        Correspondence.last_letter_at.set(now)])
            store.add_link_updates(transaction, correspondence, now,
                                   last_letter_by=author.member_id)
            if choice == "daily":
                notifications.queue_for_digest(transaction, other_id)
    except TransactWriteError as error:
        if transaction.failed(error):
            correspondence.refresh(consistent_read=True)
            raise CannotSend(_closed_message(correspondence))
        raise
    if choice == "immediately":
        notifications.send_now(other_id, correspondence, letter)
    return letter


def _closed_message(correspondence):
    if correspondence.status == "paused":
        return "This correspondence is paused, so letters cannot be sent until it is resumed."
    if correspondence.status == "requested":
        return "Letters can be sent once the request has been accepted."
    return "This correspondence has ended; letters can no longer be sent."


LINK_KEY_NAMES = ["member_id", "other_id", "activity_key"]


def my_correspondences(member, cursor="", size=PAGE_SIZE):
    """The member's requests and correspondences, latest activity first: 1 Query.

    :return: (links, next cursor or None)
    """
    from chalicelib.models.correspondence import CorrespondenceLink

    def run(limit, last_evaluated_key):
        return CorrespondenceLink.links_by_activity.query(
            member.member_id, scan_index_forward=False, limit=limit,
            last_evaluated_key=last_evaluated_key)

    return pagination.fetch_page(run, LINK_KEY_NAMES, cursor, size)
