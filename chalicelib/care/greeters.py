"""Greeters: members who volunteer to welcome newcomers, and the email that calls them.

A greeter carries the sparse ``greeter_feed`` attribute (the ``greeters`` index lists
them) and chooses how often we email: as each newcomer waits, at most once a day, or never.
"""
import logging
import time
from datetime import timedelta

from pynamodb.exceptions import UpdateError

from chalicelib.core import clock, errors
from chalicelib.platform import mailer, members, rendering
from chalicelib.models.forum import ALL_THREADS, Thread
from chalicelib.models.members import Member
from chalicelib.models import writes

log = logging.getLogger("lantern.jobs")
EMAIL_CHOICES = {
    "each": "Email me each time a newcomer's first thread has waited 6 hours",
    "daily": "At most one email a day (the Newcomers page always has them all)",
    "never": "Never email me: I will look at the Newcomers page myself",
}
DAILY = timedelta(hours=24)
MODERATOR_ROLES = {"moderator", "admin"}


def is_greeter(member):
    return member is not None and member.greeter_feed == ALL_THREADS


def may_see_newcomers(member):
    return is_greeter(member) or (member is not None and member.role in MODERATOR_ROLES)


def set_greeter(member, volunteering, email_choice, now):
    """Start or stop volunteering; :raise BadRequest: for an unknown email choice."""
    if email_choice not in EMAIL_CHOICES:
        raise errors.BadRequest("Please choose how often we may email you.")
    if volunteering:
        member.update(actions=[Member.greeter_feed.set(ALL_THREADS),
                               Member.greeter_email.set(email_choice),
                               Member.greeter_since.set(member.greeter_since or now)])
    else:
        member.update(actions=[Member.greeter_feed.remove(),
                               Member.greeter_email.set(email_choice),
                               Member.greeter_since.remove()])


def grant(moderator, handle, now):
    """A moderator makes a member a greeter (emailed at most daily until they choose).

    :raise Forbidden: unless ``moderator`` moderates. :return: the member, or None.
    """
    if moderator is None or moderator.role not in MODERATOR_ROLES:
        raise errors.Forbidden("Only moderators can ask someone to greet newcomers.")
    member = members.member_by_handle(handle)
    if member is not None and not is_greeter(member):
        set_greeter(member, True, member.greeter_email or "daily", now)
    return member


def list_greeters():
    """Every greeter (1 Query on the sparse index + 1 BatchGetItem per 100)."""
    ids = [entry.member_id for entry in Member.greeters.query(ALL_THREADS)]
    return sorted(Member.batch_get(ids), key=lambda member: member.handle.lower()) if ids else []


def claim(thread_id, seen_due, now):
    """Take one due thread off the greetings index; True only for the one caller that did,
    and only while it is still open and unanswered (docs/pitfalls.md #5: the index may lag)."""
    try:
        Thread(thread_id=thread_id).update(
            condition=(Thread.greeting_due == seen_due) & Thread.unanswered.exists()
            & (Thread.status == "open"),
            actions=[Thread.greeting_due.remove(), Thread.greeters_told_at.set(now)])
        return True
    except UpdateError as error:
        if writes.condition_failed(error):
            return False
        raise


def wants_email(greeter, now):
    if greeter.greeter_email == "never" or not greeter.email or not greeter.email_verified:
        return False
    if greeter.greeter_email == "daily" and greeter.greeter_emailed_at:
        return now - greeter.greeter_emailed_at >= DAILY
    return True


def email_greeter(greeter, threads, now):
    count = len(threads)
    subject = ("A newcomer is waiting for a first reply" if count == 1
               else f"{count} newcomers are waiting for a first reply")
    message = mailer.compose(greeter.email, subject, "greeter_call", greeter=greeter,
                             threads=threads, newcomers_url=rendering.absolute_url("/newcomers"),
                             settings_url=rendering.absolute_url("/settings/greeter"))
    sent = mailer.send(message)
    greeter.update(actions=[Member.greeter_emailed_at.set(now)])
    return sent is not None


def call_greeters(now=None):
    """The greet-newcomers job: tell greeters about first threads waiting 6 hours.

    Each due thread is claimed with a conditional write before anyone is emailed, so a
    re-run (or an overlapping run) never emails about one thread twice.
    """
    now = now or clock.utcnow()
    started = time.monotonic()
    due = list(Thread.greetings_due.query(ALL_THREADS, Thread.greeting_due <= clock.iso(now)))
    claimed = [entry.thread_id for entry in due if claim(entry.thread_id, entry.greeting_due, now)]
    threads = sorted(Thread.batch_get(claimed), key=lambda t: t.thread_id) if claimed else []
    emailed = 0
    if threads:
        for greeter in list_greeters():
            mine = [thread for thread in threads if thread.author_id != greeter.member_id]
            if mine and wants_email(greeter, now) and email_greeter(greeter, mine, now):
                emailed += 1
    summary = {"job": "greet-newcomers", "threads": len(threads), "emailed": emailed,
               "skipped": len(due) - len(claimed),
               "took_ms": round((time.monotonic() - started) * 1000)}
    log.info("greet-newcomers finished", extra={"summary": summary})
    return summary
