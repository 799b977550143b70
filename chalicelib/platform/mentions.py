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
    """``ids``: lower-case handle -> member id, in text order, of the members named."""

    def __init__(self, ids=None):
        self.ids = ids or {}

    def html(self, source):
        """``source`` rendered, each resolved ``@handle`` a link to its profile."""
        return markup.render_markdown(source, mentions={handle: handle for handle in self.ids})

    def notified(self, author_id, except_handles=()):
        """Whom the text notifies: the first ``MAX_NOTIFIED`` members it names, never its
        author; ``except_handles`` (named by an earlier version) are left out, so an edit
        tells no one twice."""
        named = [member_id for member_id in dict.fromkeys(self.ids.values())
                 if member_id != author_id][:MAX_NOTIFIED]
        earlier = {self.ids[h] for h in except_handles if h in self.ids}
        return [member_id for member_id in named if member_id not in earlier]


def resolve(source):
    """The members ``source`` mentions (no request when it mentions nobody)."""
    handles = markup.mentioned_handles(source)[:MAX_RESOLVED]
    if not handles:
        return Resolved()
    owners = {claim.claim: claim.member_id
              for claim in UniqueClaim.batch_get([handle_claim(h) for h in handles])}
    return Resolved({handle: owners[handle_claim(handle)] for handle in handles
                     if owners.get(handle_claim(handle)) not in (None, FORMER_MEMBER_ID)})
