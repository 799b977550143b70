"""Suspending a member for a while, with a reason they are emailed and see when they try to
log in."""
import logging
from datetime import timedelta

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import errors, timefmt
from chalicelib.models.members import Member
from chalicelib.models import writes
from chalicelib.moderation import audit
from chalicelib.platform import mailer, rendering
from chalicelib.web import permissions

log = logging.getLogger("lantern")

DURATIONS = {"1": "1 day", "3": "3 days", "7": "1 week", "14": "2 weeks", "30": "30 days",
             "90": "90 days", "365": "1 year"}
MAX_REASON = 1000


def member_tools(subject, now):
    """What a moderator's suspend-or-lift tools show for ``subject`` (template context)."""
    return {"subject": subject, "suspended": is_suspended(subject, now),
            "durations": DURATIONS, "can_suspend": not permissions.is_moderator(subject)}


def is_suspended(member, now):
    return bool(member.suspended_until and member.suspended_until > now)


def login_refusal(member, now):
    """The message a suspended member sees instead of logging in, or None."""
    if not is_suspended(member, now):
        return None
    reason = member.suspension_reason or "No reason was given."
    return (f"Your account is suspended until {timefmt.human(member.suspended_until)}. "
            f"The moderators' reason: {reason} We have emailed you the same. If you think "
            f"this is a mistake, write to the moderators once it ends.")


def refuse_suspended(member, now):
    """The forum's posting rule (``forum.policy.may_post``).

    :raise Forbidden: while ``member`` is suspended.
    """
    refusal = login_refusal(member, now)
    if refusal:
        raise errors.Forbidden(refusal, title="Account suspended")


def validate(days, reason):
    """Field errors of the suspension form ({} when fine)."""
    problems = {}
    if days not in DURATIONS:
        problems["days"] = "Choose how long the suspension lasts."
    if not reason:
        problems["reason"] = "Give a reason: the member sees it when they try to log in."
    elif len(reason) > MAX_REASON:
        problems["reason"] = f"Keep the reason under {MAX_REASON} characters."
    return problems


def suspend(moderator, member, days, reason, now):
    """Suspend ``member`` for ``days`` days; every session they have ends at once.

    :raise Forbidden: for suspending oneself or another moderator.
    """
    if member.member_id == moderator.member_id or permissions.is_moderator(member):
        raise errors.Forbidden("Moderators and admins cannot be suspended here.")
    until = now + timedelta(days=int(days))
    with writes.transaction() as transaction:
        # The epoch bump ends every session of theirs (sessions check it on each request).
        transaction.update(member, add_version_condition=False, actions=[
            Member.suspended_until.set(until), Member.suspension_reason.set(reason),
            Member.session_epoch.add(1)], condition=Member.member_id.exists())
        audit.save_in(transaction, audit.entry(
            moderator, "suspend", now, reason, subject=(member.member_id, member.handle),
            detail=f"until {timefmt.human(until)} ({DURATIONS[days]})"))
    member.refresh(consistent_read=True)
    tell_member(member, until, reason)


def tell_member(member, until, reason):
    """Email the suspended member the reason and the end; a failed send never undoes the
    suspension (it is logged; the log-in page says the same)."""
    if not member.email:
        return
    message = mailer.compose(member.email, "Your Lantern account is suspended", "suspended",
                             handle=member.handle, until=timefmt.human(until), reason=reason,
                             crisis_link=rendering.absolute_url("/crisis"))
    try:
        mailer.send(message)
    except (BotoCoreError, ClientError):
        log.exception("the suspension email failed")
    return member


def lift(moderator, member, reason, now):
    """End a suspension now.

    :raise Conflict: when it was not suspended (another moderator lifted it first).
    """
    try:
        with writes.transaction() as transaction:
            transaction.update(member, add_version_condition=False,
                               condition=Member.suspended_until > now,
                               actions=[Member.suspended_until.remove(),
                                        Member.suspension_reason.remove()])
            audit.save_in(transaction, audit.entry(
                moderator, "lift", now, reason, subject=(member.member_id, member.handle)))
    except TransactWriteError as error:
        if writes.condition_failed(error):
            raise errors.Conflict(f"{member.handle} is not suspended any more.")
        raise
    member.refresh(consistent_read=True)
    return member
