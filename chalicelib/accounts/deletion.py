"""Deleting an account: every domain forgets the member, then the member row goes.

One line per domain: a module that stores member data adds its call to
``forget_everywhere``. Afterwards no table holds the member's email (a test reads every
table in ALL_MODELS to prove it).
"""

from chalicelib.platform import members, sessions
from chalicelib.accounts import authorship, tokens
from chalicelib.models.members import Member, UniqueClaim
from chalicelib.correspondence import privacy as correspondence
from chalicelib.journal import export as journal
from chalicelib.models import writes
from chalicelib.subscriptions import member_data as subscriptions


def forget_everywhere(member, keep_posts):
    authorship.forget_author(member, keep_posts)
    subscriptions.forget_member(member)
    correspondence.delete_for(member)
    journal.delete_for(member.member_id)
    tokens.void_all(member.member_id)
    sessions.end_all_sessions(member)


def remove_member(member):
    """Delete the member row and the email claim together.

    The handle claim stays, pointing at no one, so nobody can later sign up as a departed
    member and be mistaken for them.
    """
    with writes.transaction() as tx:
        tx.update(UniqueClaim(claim=members.handle_claim(member.handle)),
                  condition=UniqueClaim.member_id == member.member_id,
                  actions=[UniqueClaim.member_id.set(authorship.FORMER_MEMBER_ID)])
        if member.email:
            tx.delete(UniqueClaim(claim=members.email_claim(member.email)),
                      condition=UniqueClaim.member_id == member.member_id)
        tx.delete(Member(member_id=member.member_id))


def delete_account(member, keep_posts):
    forget_everywhere(member, keep_posts)
    remove_member(member)
