"""Asking to correspond, and answering: accept, decline (quietly) or withdraw.

A request is one transaction: the correspondence, both members' links (at most one live
request or correspondence per pair), a check that the recipient is still open and below
their limit, and the asker's daily request counter, so no race can slip past a rule.
"""
from datetime import datetime, timedelta, timezone

from pynamodb.exceptions import TransactWriteError

from chalicelib.core import clock, markup
from chalicelib.correspondence import safety, store
from chalicelib.models.correspondence import Correspondence, CorrespondenceLink
from chalicelib.models.limits import RateWindow
from chalicelib.models.profiles import Profile
from chalicelib.profiles.editing import profile_of

MAX_INTRO_CHARS = 2000
REQUESTS_PER_DAY = 3
DAY_SECONDS = 24 * 3600
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


def _daily_counter(member_id, now):
    epoch = int(now.timestamp())
    start = epoch - epoch % DAY_SECONDS
    return RateWindow(window_key=f"correspondence-request#{member_id}#{start}"), start


def daily_counter_key(member_id, now):
    """The key of ``member_id``'s request counter for today (the peer page reads it)."""
    return _daily_counter(member_id, now)[0].window_key


def requests_left_today(member_id, now):
    try:
        return requests_left(RateWindow.get(daily_counter_key(member_id, now)))
    except RateWindow.DoesNotExist:
        return requests_left(None)


def requests_left(counter):
    """Requests left today, from today's counter (None: none made yet)."""
    return max(0, REQUESTS_PER_DAY - int((counter.hits if counter else 0) or 0))


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
    counter, window_start = _daily_counter(asker.member_id, now)
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


def accept(member, correspondence, now=None):
    """The recipient accepts: the correspondence opens and counts against both limits.

    :raise Refused: when the recipient is at their own limit, or the request is gone.
    """
    now = now or clock.utcnow()
    _must_be_pending_for(member, correspondence)
    if safety.blocked_between(correspondence.asker_id, correspondence.recipient_id):
        raise Refused("This request can no longer be accepted.")
    transaction = store.transaction()
    try:
        with transaction:
            transaction.update(correspondence, condition=Correspondence.status == "requested",
                               actions=[Correspondence.status.set("open"),
                                        Correspondence.answered_at.set(now)], label="status")
            transaction.update(
                Profile(member_id=member.member_id), label="limit",
                condition=Profile.open_count.does_not_exist()
                | Profile.max_open.does_not_exist()
                | (Profile.open_count < Profile.max_open),
                actions=[Profile.open_count.add(1)])
            transaction.update(Profile(member_id=correspondence.asker_id),
                               actions=[Profile.open_count.add(1)])
            store.add_link_updates(transaction, correspondence, now, status="open")
    except TransactWriteError as error:
        failed = transaction.failed(error)
        if "limit" in failed:
            raise Refused("You are at your limit of open correspondences. End or finish one, "
                          "or raise your limit in your peer profile, and then accept.")
        if failed:
            raise Refused("This request has already been answered or withdrawn.")
        raise
    correspondence.refresh(consistent_read=True)
    return correspondence


def decline(member, correspondence, now=None):
    """Decline quietly: the asker only ever sees "not available right now"."""
    now = now or clock.utcnow()
    _must_be_pending_for(member, correspondence)
    _finish_request(correspondence, "not_available", now)


def withdraw(member, correspondence, now=None):
    """The asker takes back a request that has not been answered."""
    now = now or clock.utcnow()
    if member.member_id != correspondence.asker_id or correspondence.status != "requested":
        raise Refused("Only an unanswered request you sent can be withdrawn.")
    _finish_request(correspondence, "ended", now, reason="withdrawn")


def _finish_request(correspondence, status, now, reason=None):
    transaction = store.transaction()
    try:
        with transaction:
            actions = [Correspondence.status.set(status), Correspondence.answered_at.set(now)]
            if reason:
                actions += [Correspondence.ended_reason.set(reason),
                            Correspondence.ended_at.set(now)]
            transaction.update(correspondence, condition=Correspondence.status == "requested",
                               actions=actions)
            store.add_link_updates(transaction, correspondence, now, status=status)
    except TransactWriteError as error:
        if transaction.failed(error):
            raise Refused("This request has already been answered or withdrawn.")
        raise


def _must_be_pending_for(member, correspondence):
    if member.member_id != correspondence.recipient_id:
        raise Refused("Only the member who was asked can answer this request.")
    if correspondence.status != "requested":
        raise Refused("This request has already been answered or withdrawn.")
