"""Password reset by email: a one-hour, single-use link.

Asking for a reset looks and costs the same whether or not an account exists: one email
is sent either way (a reset link, or a note that this address has no account), after the
same four DynamoDB requests (the address's claim, a member, a token, the suppression check),
so the time the answer takes tells nothing (bench/enumeration.py).
"""
from chalicelib.core import passwords, signing
from chalicelib.platform import mailer, members, ratelimits, rendering, session_lifecycle
from chalicelib.accounts import rules, tokens
from chalicelib.models.members import Member, UniqueClaim

# A member id no one has (ids are ULIDs): read when the address has no account.
NO_MEMBER = "no-member"

RESETS_PER_IP_PER_HOUR = 10
RESETS_PER_ADDRESS_PER_HOUR = 3


def request_reset(email_text, ip, now):
    """:return: {field: message}; empty means "if it exists, a link is on its way"."""
    email, problem = rules.normalise_email(email_text)
    if problem:
        return {"email": problem}
    ratelimits.hit("reset-ip", signing.digest("ip", ip), RESETS_PER_IP_PER_HOUR, 3600, now)
    ratelimits.hit("reset-address", signing.digest("email", email.lower()),
                   RESETS_PER_ADDRESS_PER_HOUR, 3600, now,
                   "We have sent several emails to that address in the last hour. Please "
                   "check its inbox and spam folder, or try again later.")
    member = _account_for(email)
    if member is None:
        tokens.issue(tokens.NO_ACCOUNT, None, now)
        message = mailer.compose(email, "Password reset for Lantern", "reset_no_account",
                                 signup_link=rendering.absolute_url("/signup"))
    else:
        token = tokens.issue(tokens.RESET_PASSWORD, member.member_id, now)
        message = mailer.compose(email, "Password reset for Lantern", "reset_password",
                                 handle=member.handle,
                                 link=rendering.absolute_url(f"/reset/{token}"))
    mailer.send(message)
    return {}


def _account_for(email):
    """The member with ``email``, or None: two GetItems either way (the address's claim,
    then its member, or a member id no one has)."""
    try:
        member_id = UniqueClaim.get(members.email_claim(email), consistent_read=True).member_id
    except UniqueClaim.DoesNotExist:
        member_id = NO_MEMBER
    try:
        return Member.get(member_id, consistent_read=True)
    except Member.DoesNotExist:
        return None


def pending(token, now):
    return tokens.find(token, {tokens.RESET_PASSWORD}, now)


def reset_password(row, new_password, now):
    """Set the new password, spend the link and end every session.

    Following the link proves the member reads that inbox, so the address counts as
    verified too.
    :return: (member or None, {field: message}). :raise Conflict: link already used.
    """
    member = Member.get(row.member_id, consistent_read=True)
    problem = rules.password_problem(new_password, member.handle, member.email or "")
    if problem:
        return None, {"password": problem}

    def set_password(tx):
        tx.update(member, condition=Member.member_id.exists(), actions=[
            Member.password_hash.set(passwords.hash_password(new_password)),
            Member.email_verified.set(True)])

    tokens.spend(row, set_password)
    member.refresh(consistent_read=True)
    tokens.void_all(member.member_id, {tokens.RESET_PASSWORD})
    session_lifecycle.end_all_sessions(member)
    return member, {}
