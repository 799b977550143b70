"""One batch of the digests job: who is still due, where each digest goes, what it holds.

The consumer's work for one SQS message (digests.py hands it over): the batch shares its
reads (digest_content.SharedReads), an email-only address an account now owns is folded
into that member's subscriber, and each digest then goes through digest_sending.py, so one
failing digest never holds back the others.
"""
import logging
from datetime import timedelta

from chalicelib.core import clock
from chalicelib.platform import members
from chalicelib.models.members import Member, UniqueClaim
from chalicelib.models.subscriptions import Subscriber
from chalicelib.notifications import delivery
from chalicelib.subscriptions import digest_content, follows, subscribers
from chalicelib.subscriptions.digest_sending import send_digest

log = logging.getLogger("lantern.jobs")
FIRST_WINDOW = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
# An email-only reader's first digest also carries this long a look back at the busiest threads.
FIRST_LOOK_BACK = timedelta(days=7)


def deliver_batch(entries, scheduled_at):
    """Build and send the digests of one batch; returns counts by outcome."""
    wanted = {entry["id"]: entry["due"] for entry in entries}
    current = [s for s in Subscriber.batch_get(list(wanted), consistent_read=True)
               if s.digest_due == wanted[s.subscriber_id] and s.status == "active"]
    outcome = {"sent": 0, "empty": 0, "skipped": len(wanted) - len(current)}
    if not current:
        return outcome
    addresses, accounts = _addresses(current, scheduled_at)
    windows = {s.subscriber_id: _window(s) for s in current}
    reads = digest_content.SharedReads(min(_reach(s, windows[s.subscriber_id]) for s in current))
    failure = None
    for subscriber in current:
        address = addresses.get(subscriber.subscriber_id)
        if address is None:
            outcome["skipped"] += 1
            continue
        since, until = windows[subscriber.subscriber_id]
        if _visited_since(accounts.get(subscriber.member_id), since):
            # They have been reading: what the digest would hold, they could see. Nothing is
            # sent and the window still closes, so the next one starts from here.
            digest = digest_content.Digest()
        else:
            followed = follows.followed_thread_ids(subscriber.member_id) \
                if subscriber.member_id else []
            digest = digest_content.build_digest(
                reads, since, until, subscriber.categories or (), followed,
                subscriber.member_id, skip_own_thread_replies=subscriber.own_replies == "immediate")
            if _is_first(subscriber):
                digest_content.add_week_threads(digest, reads, until - FIRST_LOOK_BACK, since,
                                                until, subscriber.categories or ())
            if subscriber.member_id:
                digest.notifications = delivery.digest_lines(
                    accounts.get(subscriber.member_id), since, until,
                    replies_told=subscriber.own_replies == "immediate",
                    threads_shown={thread.thread_id for thread, *_ in digest.followed})
        try:
            outcome[send_digest(subscriber, address, digest, until, scheduled_at)] += 1
        except Exception as error:  # the others in the batch still go out
            log.exception("digest for %s failed", subscriber.subscriber_id)
            failure = failure or error
    log.info("digest batch", extra={"summary": {"job": "digests-batch", **outcome}})
    if failure:
        # SQS redelivers the message; the digests already sent are skipped then.
        raise failure
    return outcome


def _is_first(subscriber):
    return subscriber.kind == "email" and not subscriber.digests_sent


def _reach(subscriber, window):
    """How far back this subscriber's digest reads: its window, or the week for a first one."""
    since, until = window
    return min(since, until - FIRST_LOOK_BACK) if _is_first(subscriber) else since


def _visited_since(account, since):
    return account is not None and account.last_seen_at is not None \
        and account.last_seen_at > since


def _window(subscriber):
    until = clock.parse_iso(subscriber.digest_due)
    since = subscriber.last_digest_at or until - FIRST_WINDOW.get(subscriber.frequency,
                                                                  timedelta(days=7))
    return since, until


def _addresses(batch, now):
    """Each subscriber's address, and the accounts of members. An email-only address an account now owns is folded
    into that member's subscriber (same address, one digest) and skipped here."""
    member_ids = [s.member_id for s in batch if s.kind == "member"]
    accounts = {m.member_id: m for m in Member.batch_get(member_ids)} if member_ids else {}
    emails = [s for s in batch if s.kind == "email"]
    claims = {c.claim: c.member_id for c in UniqueClaim.batch_get(
        [members.email_claim(s.email) for s in emails])} if emails else {}
    found = {}
    by_member = {s.member_id: s for s in batch if s.member_id}
    for subscriber in batch:
        owner_id = claims.get(members.email_claim(subscriber.email)) \
            if subscriber.kind == "email" else None
        if owner_id:
            _fold_into_account(subscriber, owner_id, now)
            if owner_id in by_member:  # due in this very batch: include the categories now
                by_member[owner_id].categories = set(by_member[owner_id].categories or ()) \
                    | set(subscriber.categories or ())
            continue
        found[subscriber.subscriber_id] = subscribers.address_of(
            subscriber, accounts.get(subscriber.member_id))
    return found, accounts


def _fold_into_account(subscriber, member_id, now):
    account = subscribers.for_member(Member(member_id=member_id), now)
    account.member_id = member_id
    frequency = account.frequency if account.digest_due else subscriber.frequency
    subscribers.save_preferences(account, frequency,
                                 set(account.categories or ()) | set(subscriber.categories or ()),
                                 now=now)
    subscribers.unsubscribe(subscriber.subscriber_id)
