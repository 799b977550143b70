"""Which ``@handle`` mentions name a member: resolved once, when a post or letter is
written, so the stored HTML carries the links and reading costs no request.

One BatchGetItem of the handles' claims: a claim names the member who holds the handle
(a deleted member's claim names ``former-member`` and stays plain text).
"""
from chalicelib.core import markup
from chalicelib.models.members import UniqueClaim
from chalicelib.platform.members import FORMER_MEMBER_ID, handle_claim

# Handles looked up per text (one BatchGetItem holds 100 keys); later ones stay plain text.
MAX_RESOLVED = 25
# Members a post notifies (docs: issue 17); more mentions still link.
MAX_NOTIFIED = 10


class Resolved:
    """``links``: lower-case handle -> handle for the URL; ``member_ids``: in text order."""

    def __init__(self, links=None, member_ids=()):
        self.links = links or {}
        self.member_ids = list(member_ids)

    def html(self, source):
        return markup.render_markdown(source, mentions=self.links)


def resolve(source):
    """The members ``source`` mentions (no request when it mentions nobody)."""
    handles = markup.mentioned_handles(source)[:MAX_RESOLVED]
    if not handles:
        return Resolved()
    owners = {claim.claim: claim.member_id
              for claim in UniqueClaim.batch_get([handle_claim(h) for h in handles])}
    links, member_ids = {}, []
    for handle in handles:
        member_id = owners.get(handle_claim(handle))
        if member_id and member_id != FORMER_MEMBER_ID:
            links[handle] = handle
            member_ids.append(member_id)
    return Resolved(links, dict.fromkeys(member_ids))


def notified_ids(resolved, author_id, earlier=()):
    """Who a post notifies: those it notified before (an edit keeps them, so no one is told
    twice and the total stays at most ``MAX_NOTIFIED``), then newly mentioned members."""
    kept = list(earlier or ())
    for member_id in resolved.member_ids:
        if member_id != author_id and member_id not in kept:
            kept.append(member_id)
    return kept[:MAX_NOTIFIED]
