"""Told, not silently dropped: a member whose address SES suppressed is told so, and can
re-confirm it.

Suppressing an address flags its member (``email_suppressed`` = the reason), a moment
later from the suppressions stream, so the banner costs no request: the member item is
read on every logged-in page anyway. Confirming from the emailed link lifts the
suppression and the flag together.
"""
import logging

from pynamodb.exceptions import TransactWriteError

from chalicelib.core import signing
from chalicelib.platform import mailer, members, ratelimits
from chalicelib.models.members import Member
from chalicelib.models.subscriptions import Suppression
from chalicelib.models import writes
from chalicelib.platform.rendering import absolute_url

log = logging.getLogger("lantern.mail")
SALT = "reconfirm-address"
MAX_AGE = 3 * 24 * 3600


def on_suppression_change(change):
    """suppressions stream: an address just suppressed flags its member."""
    if change.new is None or not change.became("suppressed", True):
        return False
    return flag_member(change.new["email"], change.new.get("reason"))


def flag_member(address, reason):
    """Mark the member with this address (if any) so they are told on their next visit.

    Only while the address is still suppressed: a record handled after the member
    re-confirmed must not raise the flag again.
    :return: True if flagged.
    """
    member = members.member_by_email(address)
    if member is None:
        return False
    try:
        with writes.transaction() as write:
            write.condition_check(Suppression, mailer.normalise(address),
                                  condition=Suppression.suppressed == True)  # noqa: E712
            write.update(member, actions=[Member.email_suppressed.set(reason)])
    except TransactWriteError as error:
        if writes.condition_failed(error):
            return False
        raise
    return True


def reconfirm_token(member):
    return signing.timed_serializer(SALT).dumps({"m": member.member_id, "e": member.email})


def send_reconfirmation(member, now):
    """Email a confirmation link to the member's suppressed address (the one email we
    send there, because its owner asked; rate limited).

    :raise TooManyRequests: after three requests in an hour.
    """
    ratelimits.hit("reconfirm-address", member.member_id, 3, 3600, now,
                   "We have sent several confirmation emails this hour. Please check your "
                   "inbox (and spam folder), or try again later.")
    link = absolute_url("/settings/email/reconfirm", token=reconfirm_token(member))
    message = mailer.compose(member.email, "Please confirm your email address for Lantern",
                             "reconfirm_address", member=member, link=link)
    return mailer.send(message, even_if_suppressed=True)


def read_token(token):
    """:return: (member id, address) from a valid link, or None."""
    try:
        values = signing.timed_serializer(SALT).loads(token, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(values, dict) or not {"m", "e"} <= set(values):
        return None
    return values["m"], values["e"]


def confirm(member, token):
    """Lift the suppression when the link is the member's, for their current address.

    :return: True if confirmed.
    """
    found = read_token(token)
    if found is None or found != (member.member_id, member.email):
        return False
    with writes.transaction() as write:
        write.update(Suppression(email=mailer.normalise(member.email)), actions=[
            Suppression.suppressed.set(False), Suppression.reason.remove(),
            Suppression.transient_bounces.set(0)])
        write.update(member, actions=[Member.email_suppressed.remove()])
    log.info("suppression lifted after re-confirmation")
    return True
