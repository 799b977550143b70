"""Asking to correspond: the rules a request must pass, and the request itself.

A request is one transaction: the correspondence, both members' links (at most one live
request or correspondence per pair), a check that the recipient is still open and below
their limit, and the asker's daily request counter, so no race can slip past a rule.
Answering a request is in answering.py; the daily limit itself in daily_requests.py.
"""
from datetime import datetime, timedelta, timezone

from pynamodb.exceptions import TransactWriteError

from chalicelib.core import clock, markup
from chalicelib.correspondence import safety, store
from chalicelib.correspondence.daily_requests import DAY_SECONDS, REQUESTS_PER_DAY, daily_counter
from chalicelib.models.correspondence import Correspondence, CorrespondenceLink
from chalicelib.models.limits import RateWindow
from chalicelib.models.profiles import Profile
from chalicelib.profiles.editing import profile_of

MAX_INTRO_CHARS = 2000
# After a quiet decline the asker may not ask the same member again for a while.
ASK_AGAIN_AFTER = timedelta(days=30)
NOT_AVAILABLE = "{handle} is not available for new correspondence right now."


class Refused(Exception):
    """A request that cannot be made; ``message`` is safe to show the asker."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def not_available(handle):
    return Refused(NOT_AVAILABLE.format(handle=handle))


def refusal_before_asking(asker, recipient, profile, blocked=None):
    """Why ``asker`` cannot ask ``recipient`` now, or None (for the peer page's form).
    ``blocked``: whether either blocked the other, when already read (None: read here)."""
    if asker.member_id == recipient.member_id:
        return Refused("This is your own profile.")
    if not profile.open_to_new or not profile.has_room:
        return not_available(recipient.handle)
    if blocked if blocked is not None else safety.blocked_between(asker.member_id,
                                                                  recipient.member_id):
        # Quiet, like a decline: a blocked member is never told they were blocked.
        return not_available(recipient.handle)
    return None


def ask(asker, recipient, intro, now=None):
    """Ask ``recipient`` to correspond, with an introduction.

    :raise Refused: with a message for the asker (never saying "declined" or "blocked").
    """
    now = now or clock.utcnow()
    if not intro.strip():
        raise Refused("Please write a short introduction.", field="intro")
    if len(intro) > MAX_INTRO_CHARS:
        raise Refused(f"Please keep your introduction to {MAX_INTRO_CHARS} characters "
                      f"(it has {len(intro)}).", field="intro")
    profile = profile_of(recipient.member_id)
    refusal = refusal_before_asking(asker, recipient, profile)
    if refusal:
        raise refusal
    correspondence_id = clock.new_id(now)
    correspondence = Correspondence(
        correspondence_id=correspondence_id, asker_id=asker.member_id,
        asker_handle=asker.handle, recipient_id=recipient.member_id,
        recipient_handle=recipient.handle, status="requested", intro_source=intro,
        intro_html=markup.render_markdown(intro), created_at=now)
    key = store.activity_key(now, correspondence_id)
    links = [CorrespondenceLink(member_id=me.member_id, other_id=other.member_id,
                                other_handle=other.handle, correspondence_id=correspondence_id,
                                direction=direction, status="requested", updated_at=now,
                                activity_key=key)
             for me, other, direction in ((asker, recipient, "sent"),
                                          (recipient, asker, "received"))]
    pair_is_free = (CorrespondenceLink.member_id.does_not_exist()
                    | (CorrespondenceLink.status == "ended")
                    | ((CorrespondenceLink.status == "not_available")
                       & (CorrespondenceLink.updated_at < now - ASK_AGAIN_AFTER)))
    counter, window_start = daily_counter(asker.member_id, now)
    transaction = store.transaction()
    try:
        with transaction:
            transaction.save(correspondence,
                             condition=Correspondence.correspondence_id.does_not_exist())
            transaction.save(links[0], condition=pair_is_free, label="pair")
            transaction.save(links[1], condition=pair_is_free, label="pair")
            transaction.condition_check(
                Profile, recipient.member_id, label="recipient",
                condition=(Profile.open_to_new == True)  # noqa: E712 (a DynamoDB condition)
                & (Profile.open_count < Profile.max_open))
            transaction.update(
                counter, label="daily",
                condition=RateWindow.hits.does_not_exist() | (RateWindow.hits < REQUESTS_PER_DAY),
                actions=[RateWindow.hits.add(1),
                         RateWindow.expires_at.set(datetime.fromtimestamp(
                             window_start + DAY_SECONDS + 3600, timezone.utc))])
    except TransactWriteError as error:
        failed = transaction.failed(error)
        if "pair" in failed:
            raise _pair_refusal(asker, recipient)
        if "recipient" in failed:
            raise not_available(recipient.handle)
        if "daily" in failed:
            raise Refused(f"You can ask up to {REQUESTS_PER_DAY} members a day. "
                          "Your introduction is kept below; please try again tomorrow.",
                          field="intro")
        raise
    return correspondence


def _pair_refusal(asker, recipient):
    try:
        link = CorrespondenceLink.get(asker.member_id, recipient.member_id, consistent_read=True)
    except CorrespondenceLink.DoesNotExist:
        return not_available(recipient.handle)
    if link.status == "not_available":
        return not_available(recipient.handle)
    if link.status == "requested" and link.direction == "received":
        return Refused(f"{recipient.handle} has already asked to correspond with you: "
                       "you can answer their request in your letters.")
    if link.status == "requested":
        return Refused(f"You have already asked {recipient.handle}; they have not answered yet.")
    return Refused(f"You already have a correspondence with {recipient.handle}.")
