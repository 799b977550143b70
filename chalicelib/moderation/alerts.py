"""A report that a member may be in crisis emails every moderator at once."""
import logging

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.platform import mailer
from chalicelib.moderation import roles

log = logging.getLogger("lantern")


def alert_moderators(case, reporter, note, now):
    """Email each moderator and admin; one failed send never stops the others.

    :return: how many emails were sent.
    """
    sent = 0
    for moderator in roles.staff_members():
        if not moderator.email or moderator.member_id == reporter.member_id:
            continue
        message = mailer.compose(
            moderator.email, "A member may be in crisis: please look now", "crisis_report",
            moderator=moderator, case=case, reporter=reporter, note=note, now=now)
        try:
            mailer.send(message)
            sent += 1
        except (BotoCoreError, ClientError):
            log.exception("crisis alert to a moderator failed")
    return sent
