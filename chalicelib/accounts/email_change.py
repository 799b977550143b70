"""Changing the email address: the new address must be confirmed before it counts.

Whether the new address belongs to another account is never shown on the page: that
address's inbox is told instead.
"""
from chalicelib.core import errors, passwords
from chalicelib.platform import mailer, members, rendering
from chalicelib.accounts import rules, tokens
from chalicelib.models.members import Member, UniqueClaim


def request_change(member, current_password, email_text, now):
    """Email a confirmation link to the new address.

    :return: {field: message}; empty means "check the new inbox".
    """
    problems = {}
    email, problem = rules.normalise_email(email_text)
    if problem:
        problems["new_email"] = problem
    elif email.lower() == (member.email or "").lower():
        problems["new_email"] = "That is already your email address."
    if not passwords.verify_password(member.password_hash, current_password):
        problems["current_password"] = "That is not your current password."
    if problems:
        return problems
    if members.member_by_email(email) is not None:
        message = mailer.compose(email, "This address already has a Lantern account",
                                 "email_in_use", login_link=rendering.absolute_url("/login"),
                                 reset_link=rendering.absolute_url("/reset"))
    else:
        token = tokens.issue(tokens.CHANGE_EMAIL, member.member_id, now, email=email)
        message = mailer.compose(email, "Confirm your new email address for Lantern",
                                 "change_email", handle=member.handle,
                                 link=rendering.absolute_url(f"/verify/{token}"))
    mailer.send(message)
    return {}


def apply(row, now):
    """Spend a change-email token: move the email claim and the address in one transaction.

    :raise Conflict: if the token was spent or the address was claimed meanwhile.
    """
    member = Member.get(row.member_id, consistent_read=True)
    old_email = member.email

    def move_claim(tx):
        tx.save(UniqueClaim(claim=members.email_claim(row.email), member_id=member.member_id),
                condition=UniqueClaim.claim.does_not_exist())
        if old_email:
            tx.delete(UniqueClaim(claim=members.email_claim(old_email)),
                      condition=UniqueClaim.member_id == member.member_id)
        tx.update(member, condition=Member.email == old_email if old_email
                  else Member.email.does_not_exist(),
                  actions=[Member.email.set(row.email), Member.email_verified.set(True)])

    try:
        tokens.spend(row, move_claim)
    except errors.Conflict:
        raise errors.Conflict("That link has already been used, or the address now belongs "
                              "to another account.", title="That link no longer works")
    if old_email:
        mailer.send(mailer.compose(old_email, "Your Lantern email address was changed",
                                   "email_changed", handle=member.handle,
                                   reset_link=rendering.absolute_url("/reset")))
    return Member.get(row.member_id, consistent_read=True)
