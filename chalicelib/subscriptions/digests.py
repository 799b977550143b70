"""The digests job: an hourly fan-out to SQS, and the consumer that builds and sends.

Exactly once in practice (docs/data-model.md): each subscriber's window is claimed with
a conditional update and a short lease, sent, then recorded with a condition on the same
due time. A duplicate message finds the due time moved on; a failure before sending
releases the lease and re-raises, so SQS retries and, after five tries, dead-letters.
"""
import json
import logging
import time
from datetime import timedelta

from pynamodb.exceptions import UpdateError

from chalicelib.core import clock
from chalicelib.platform import mailer, members
from chalicelib.models.members import Member, UniqueClaim
from chalicelib.models.subscriptions import DUE_SHARDS, Subscriber
from chalicelib.models import writes
from chalicelib.notifications import delivery
from chalicelib.subscriptions import (digest_content, follows, queue, reply_notices, schedule,
                                      subscribers, tokens)

log = logging.getLogger("lantern.jobs")
# Subscribers per SQS message: one consumer run shares its reads among them.
BATCH_SIZE = 25
# Longer than building and sending one digest could take; shorter than SQS's retry delay.
LEASE = timedelta(minutes=5)
FIRST_WINDOW = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
# An email-only reader's first digest also carries this long a look back at the busiest threads.
FIRST_LOOK_BACK = timedelta(days=7)


def enqueue_due_digests(now=None):
    """Find every subscriber due by ``now`` (index Query, no Scan) and enqueue them."""
    now = now or clock.utcnow()
    started = time.monotonic()
    due = []
    for shard in range(DUE_SHARDS):
        for entry in Subscriber.digests_due.query(shard, Subscriber.digest_due <= clock.iso(now)):
            due.append({"id": entry.subscriber_id, "due": entry.digest_due})
    batches = [due[start:start + BATCH_SIZE] for start in range(0, len(due), BATCH_SIZE)]
    queue.enqueue([{"type": "digests", "now": clock.iso(now), "subscribers": batch}
                   for batch in batches])
    summary = {"job": "digests", "due": len(due), "messages": len(batches),
               "took_ms": round((time.monotonic() - started) * 1000)}
    log.info("digests enqueued", extra={"summary": summary})
    return summary


def handle_message(body):
    """The SQS consumer's work for one message (digest batch or reply notice)."""
    message = json.loads(body)
    if message["type"] == "reply":
        return reply_notices.send_reply_notice(message["thread_id"], message["post_id"])
    return deliver_batch(message["subscribers"], clock.parse_iso(message["now"]))


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


def send_digest(subscriber, address, digest, until, scheduled_at):
    """Claim the window, send (unless empty), record it. :return: sent | empty | skipped."""
    due = subscriber.digest_due
    if not claim_window(subscriber.subscriber_id, due):
        return "skipped"
    try:
        if not digest.is_empty:
            mailer.send(compose_digest(subscriber, address, digest))
    except Exception:
        release_window(subscriber.subscriber_id, due)
        raise
    next_due = schedule.next_due(subscriber.frequency, max(until, scheduled_at))
    complete_window(subscriber.subscriber_id, due, until, next_due, sent=not digest.is_empty)
    return "empty" if digest.is_empty else "sent"


def claim_window(subscriber_id, due):
    now = clock.utcnow()
    try:
        Subscriber(subscriber_id=subscriber_id).update(
            condition=(Subscriber.digest_due == due)
            & (Subscriber.lease_until.does_not_exist() | (Subscriber.lease_until < now)),
            actions=[Subscriber.lease_due.set(due), Subscriber.lease_until.set(now + LEASE)])
        return True
    except UpdateError as error:
        if writes.condition_failed(error):
            return False
        raise


def release_window(subscriber_id, due):
    try:
        Subscriber(subscriber_id=subscriber_id).update(
            condition=Subscriber.lease_due == due,
            actions=[Subscriber.lease_due.remove(), Subscriber.lease_until.remove()])
    except UpdateError:
        log.exception("could not release a digest lease; it expires by itself")


def complete_window(subscriber_id, due, until, next_due, sent):
    actions = [Subscriber.last_digest_at.set(until), Subscriber.lease_due.remove(),
               Subscriber.lease_until.remove(),
               Subscriber.digest_due.set(clock.iso(next_due)) if next_due
               else Subscriber.digest_due.remove()]
    if sent:
        actions.append(Subscriber.digests_sent.add(1))
    Subscriber(subscriber_id=subscriber_id).update(
        condition=(Subscriber.digest_due == due) & (Subscriber.lease_due == due), actions=actions)


def compose_digest(subscriber, address, digest):
    unsubscribe_url = tokens.unsubscribe_url(subscriber.subscriber_id)
    return mailer.compose(
        address, digest.subject, "digest", headers=tokens.unsubscribe_headers(
            subscriber.subscriber_id, "digests"), digest=digest, unsubscribe_url=unsubscribe_url,
        preferences_url=tokens.preferences_url(subscriber.subscriber_id),
        frequency=subscriber.frequency)
