"""Account settings that need the current password: change password, delete account."""
from chalicelib.core import passwords, signing
from chalicelib.platform import ratelimits, session_lifecycle
from chalicelib.accounts import deletion, rules, tokens
from chalicelib.models.members import Member

PASSWORD_CHECKS_PER_HOUR = 10
WRONG_PASSWORD = "That is not your current password."


def check_current_password(member, password, now):
    """Someone holding a stolen session must not be able to guess the password at leisure.

    :raise TooManyRequests: after PASSWORD_CHECKS_PER_HOUR checks in an hour.
    """
    ratelimits.hit("password-check", signing.digest("member", member.member_id),
                   PASSWORD_CHECKS_PER_HOUR, 3600, now)
    return passwords.verify_password(member.password_hash, password)


def change_password(member, current_password, new_password, now):
    """:return: {field: message}; empty means changed, and every session has ended."""
    problems = {}
    if not check_current_password(member, current_password, now):
        problems["current_password"] = WRONG_PASSWORD
    problem = rules.password_problem(new_password, member.handle, member.email or "")
    if problem:
        problems["new_password"] = problem
    if problems:
        return problems
    member.update(actions=[Member.password_hash.set(passwords.hash_password(new_password))])
    tokens.void_all(member.member_id, {tokens.RESET_PASSWORD})
    session_lifecycle.end_all_sessions(member)
    return {}


def delete_my_account(member, password, choice, now):
    """:return: {field: message}; empty means the account is gone."""
    problems = {}
    if choice not in ("remove", "keep"):
        problems["posts"] = "Choose what happens to your posts."
    if not check_current_password(member, password, now):
        problems["current_password"] = WRONG_PASSWORD
    if problems:
        return problems
    deletion.delete_account(member, keep_posts=choice == "keep", now=now)
    return {}
