"""Signing up: a handle, an email, a password and explicit consent.

The answer is the same whether or not the email already has an account: either way the
page says "check your email", and the inbox gets a verification link or a note that the
address is already registered. Only the handle's availability is told, since handles
are public anyway.
"""
from chalicelib.core import passwords, signing
from chalicelib.platform import mailer, members, ratelimits, rendering
from chalicelib.accounts import rules, verification
from chalicelib.models.members import UniqueClaim

SIGNUPS_PER_IP_PER_HOUR = 10


def handle_is_taken(handle):
    try:
        UniqueClaim.get(members.handle_claim(handle), consistent_read=True)
        return True
    except UniqueClaim.DoesNotExist:
        return False


def check(handle, email_text, password, consents):
    """:return: (normalised email, {field: message})."""
    problems = {}
    email, email_problem = rules.normalise_email(email_text)
    for field, problem in (("handle", rules.handle_problem(handle)), ("email", email_problem),
                           ("password", rules.password_problem(password, handle, email or ""))):
        if problem:
            problems[field] = problem
    if "guidelines" not in consents:
        problems["consent_guidelines"] = "Please agree to the community guidelines to join."
    if "privacy" not in consents:
        problems["consent_privacy"] = ("Please consent to Lantern keeping what you post, "
                                       "which may be health information, to join.")
    if "handle" not in problems and handle_is_taken(handle):
        problems["handle"] = "That handle is taken. Please choose another."
    return email, problems


def sign_up(handle, email_text, password, consents, ip, now):
    """Create an unverified member and email a verification link.

    :return: {field: message}; empty means "check your email" (new or known address).
    :raise TooManyRequests: after SIGNUPS_PER_IP_PER_HOUR attempts from one address.
    """
    ratelimits.hit("signup-ip", signing.digest("ip", ip), SIGNUPS_PER_IP_PER_HOUR, 3600, now,
                   "Several accounts were just created from your network. Please try "
                   "again in an hour.")
    email, problems = check(handle, email_text, password, consents)
    if problems:
        return problems
    password_hash = passwords.hash_password(password)
    try:
        member = members.create_member(handle, email, password_hash, now=now,
                                       consented_at=now)
    except members.AlreadyTaken:
        if handle_is_taken(handle):  # lost a race for the handle
            return {"handle": "That handle is taken. Please choose another."}
        send_already_registered(email)
        return {}
    verification.send_verification(member, now)
    return {}


def send_already_registered(email):
    message = mailer.compose(email, "You already have a Lantern account",
                             "already_registered",
                             login_link=rendering.absolute_url("/login"),
                             reset_link=rendering.absolute_url("/reset"))
    mailer.send(message)
