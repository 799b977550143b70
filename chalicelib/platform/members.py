"""Creating and finding members; handle and email stay unique through claim items."""

from chalicelib.core import clock
from chalicelib.models.members import Member, UniqueClaim
from chalicelib.models import writes

# Who a deleted member's posts, letters and handle claim point at afterwards.
FORMER_MEMBER_ID = "former-member"


def handle_claim(handle):
    return "handle:" + handle.lower()


def email_claim(email):
    return "email:" + email.lower()


class AlreadyTaken(Exception):
    """The handle or the email is claimed by another member."""


def create_member(handle, email, password_hash, now=None, verified=False, role="member",
                  consented_at=None):
    """Create a member and claim their handle and email in one conditional transaction.

    :raise AlreadyTaken: if either is taken (no check-then-write race).
    """
    from pynamodb.exceptions import TransactWriteError

    now = now or clock.utcnow()
    member = Member(member_id=clock.new_id(now), handle=handle, email=email,
                    password_hash=password_hash, created_at=now, email_verified=verified,
                    role=role, consented_at=consented_at)
    claims = [UniqueClaim(claim=handle_claim(handle), member_id=member.member_id, handle=handle,
                          role=role, joined_at=now)]
    if email:
        claims.append(UniqueClaim(claim=email_claim(email), member_id=member.member_id))
    try:
        with writes.transaction() as tx:
            tx.save(member, condition=Member.member_id.does_not_exist())
            for claim in claims:
                tx.save(claim, condition=UniqueClaim.claim.does_not_exist())
    except TransactWriteError as error:
        reasons = [getattr(r, "code", None) for r in (error.cancellation_reasons or []) if r]
        if "ConditionalCheckFailed" in reasons:
            raise AlreadyTaken() from error
        raise
    return member


def member_by_claim(claim):
    try:
        owner = UniqueClaim.get(claim, consistent_read=True)
        return Member.get(owner.member_id, consistent_read=True)
    except (UniqueClaim.DoesNotExist, Member.DoesNotExist):
        return None


def handle_card(handle):
    """The claim of this handle (any case), or None: one GetItem. Its ``member_id`` names
    the owner; ``handle``, ``role`` and ``joined_at`` are the public card, when kept."""
    try:
        return UniqueClaim.get(handle_claim(handle), consistent_read=True)
    except UniqueClaim.DoesNotExist:
        return None


def member_from_card(claim):
    """A Member holding only a claim's public card (None for a claim from before cards)."""
    if claim.joined_at is None or claim.handle is None:
        return None
    return Member(member_id=claim.member_id, handle=claim.handle, role=claim.role or "member",
                  created_at=claim.joined_at)


def member_by_handle(handle):
    """The member with this handle (any case), or None."""
    return member_by_claim(handle_claim(handle))


def member_by_email(email):
    return member_by_claim(email_claim(email))


def get_member(member_id):
    try:
        return Member.get(member_id)
    except Member.DoesNotExist:
        return None
