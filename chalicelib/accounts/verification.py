"""Email verification: a 48-hour single-use link; confirming it marks the address verified.

The same /verify/{token} page also confirms a change of address (see email_change.py).
"""
from chalicelib.core import signing
from chalicelib.platform import mailer, ratelimits, rendering
from chalicelib.accounts import email_change, tokens
from chalicelib.models.members import Member

RESEND_LIMIT_PER_HOUR = 5


def send_verification(member, now):
    """Email ``member`` a fresh verification link (older links stay valid until used)."""
    token = tokens.issue(tokens.VERIFY_EMAIL, member.member_id, now)
    message = mailer.compose(member.email, "Confirm your email address for Lantern",
                             "verify_email", handle=member.handle,
                             link=rendering.absolute_url(f"/verify/{token}"))
    mailer.send(message)


def resend(member, now):
    """A new link for a logged-in member who has not verified yet (rate limited).

    :raise TooManyRequests: after RESEND_LIMIT_PER_HOUR links in an hour.
    """
    if member.email_verified:
        return False
    ratelimits.hit("verify-resend", signing.digest("member", member.member_id),
                   RESEND_LIMIT_PER_HOUR, 3600, now,
                   "We have sent several links already. Please check your inbox and spam "
                   "folder, and try again in a little while.")
    send_verification(member, now)
    return True


def pending(token, now):
    """The live verification or email-change token behind a link, or None."""
    return tokens.find(token, {tokens.VERIFY_EMAIL, tokens.CHANGE_EMAIL}, now)


def confirm(row, now):
    """Spend the token and apply it. :return: the member. :raise Conflict: if spent."""
    if row.purpose == tokens.CHANGE_EMAIL:
        return email_change.apply(row, now)

    def mark_verified(tx):
        tx.update(Member(member_id=row.member_id), condition=Member.member_id.exists(),
                  actions=[Member.email_verified.set(True)])

    tokens.spend(row, mark_verified)
    return Member.get(row.member_id, consistent_read=True)
