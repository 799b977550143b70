"""Addresses we must not mail: SES bounce and complaint notifications, arriving via SNS.

A permanent bounce or a complaint suppresses the address at once; transient bounces count
toward a threshold. SNS delivers at least once and one notification can name several
recipients, so each recipient's count moves only for a feedback id it has not seen.
"""
import json
import logging

from pynamodb.exceptions import UpdateError

from chalicelib.core import clock
from chalicelib.models.subscriptions import Suppression
from chalicelib.models import writes
from chalicelib.platform.mailer import is_suppressed, normalise  # noqa: F401  (the mailer asks)

log = logging.getLogger("lantern.mail")
TRANSIENT_BOUNCE_LIMIT = 3


def suppress(address, reason, now):
    """Stop mailing ``address``; its member is flagged from the suppressions stream
    (chalicelib/care/addresses.py), so they are told on their next visit."""
    Suppression(email=normalise(address)).update(actions=[
        Suppression.suppressed.set(True), Suppression.reason.set(reason),
        Suppression.updated_at.set(now)])


def count_transient_bounce(address, feedback_id, now):
    """Count one transient bounce once; suppress when the limit is reached.

    :return: the count after this notification, or None if it was a duplicate.
    """
    item = Suppression(email=normalise(address))
    try:
        item.update(
            condition=~Suppression.seen_feedback.contains(feedback_id),
            actions=[Suppression.transient_bounces.add(1),
                     Suppression.seen_feedback.add({feedback_id}),
                     Suppression.updated_at.set(now)])
    except UpdateError as error:
        if writes.condition_failed(error):
            return None
        raise
    if item.transient_bounces >= TRANSIENT_BOUNCE_LIMIT and not item.suppressed:
        suppress(address, "transient-bounces", now)
    return item.transient_bounces


def handle_ses_notification(message_text, now=None):
    """Act on one SES notification (the SNS message body); returns what it did."""
    now = now or clock.utcnow()
    notification = json.loads(message_text)
    kind = notification.get("notificationType") or notification.get("eventType")
    done = {"type": kind, "suppressed": 0, "counted": 0, "duplicates": 0}
    if kind == "Complaint":
        for recipient in notification["complaint"].get("complainedRecipients", []):
            suppress(recipient["emailAddress"], "complaint", now)
            done["suppressed"] += 1
    elif kind == "Bounce":
        bounce = notification["bounce"]
        feedback_id = bounce.get("feedbackId") or notification.get("mail", {}).get("messageId")
        for recipient in bounce.get("bouncedRecipients", []):
            if bounce.get("bounceType") == "Permanent":
                suppress(recipient["emailAddress"], "permanent-bounce", now)
                done["suppressed"] += 1
            elif count_transient_bounce(recipient["emailAddress"], feedback_id, now) is None:
                done["duplicates"] += 1
            else:
                done["counted"] += 1
    log.info("ses notification", extra={"summary": done})
    return done
