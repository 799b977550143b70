"""Deleting an account: every feature forgets the member, then the account itself goes.

Each feature's deleter is registered in chalicelib.platform.member_data; this module keeps
only the account's own records (tokens, sessions, the member row and its claims).
Afterwards no table holds the member's email (a test reads every table in ALL_MODELS to
prove it), and tests/test_member_data.py checks every model holding member data is covered.
"""
from chalicelib.platform import member_data, members, session_lifecycle
from chalicelib.accounts import tokens
from chalicelib.forum.authorship import FORMER_MEMBER_ID
from chalicelib.models.members import Member, UniqueClaim
from chalicelib.models import writes


def forget_everywhere(member, keep_posts, now):
    member_data.delete_all(member, now, keep_posts=keep_posts)
    tokens.void_all(member.member_id)
    session_lifecycle.end_all_sessions(member)


def remove_member(member):
    """Delete the member row and the email claim together.

    The handle claim stays, pointing at no one, so nobody can later sign up as a departed
    member and be mistaken for them.
    """
    with writes.transaction() as tx:
        tx.update(UniqueClaim(claim=members.handle_claim(member.handle)),
                  condition=UniqueClaim.member_id == member.member_id,
                  actions=[UniqueClaim.member_id.set(FORMER_MEMBER_ID),
                           UniqueClaim.handle.remove(), UniqueClaim.role.remove(),
                           UniqueClaim.joined_at.remove()])
        if member.email:
            tx.delete(UniqueClaim(claim=members.email_claim(member.email)),
                      condition=UniqueClaim.member_id == member.member_id)
        tx.delete(Member(member_id=member.member_id))


def delete_account(member, keep_posts, now):
    forget_everywhere(member, keep_posts, now)
    remove_member(member)
