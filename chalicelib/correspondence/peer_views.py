"""A member's peer profile, and asking them to correspond from it."""
from chalicelib.core import clock, errors
from chalicelib.platform import members, sessions
from chalicelib.correspondence import asking, peers
from chalicelib.profiles.views import NOINDEX, choices, logged_in_member
from chalicelib.web import page, read_form, redirect, route


def _peer_page(request, handle, status=200, errors_=None, form=None):
    shown = peers.peer_page(sessions.PendingVisitor(request), handle, clock.utcnow())
    return page(request, "profiles/peer.html", status=status, headers=NOINDEX,
                peer=shown.peer, profile=shown.profile,
                refusal=shown.refusal.message if shown.refusal else None,
                requests_left=shown.requests_left, max_intro=asking.MAX_INTRO_CHARS,
                errors=errors_ or {}, form=form or {}, **choices())


@route("/peers/{handle}")
def peer_profile(request, handle):
    """Show a member's peer profile and, if they are open, the form to ask to correspond."""
    return _peer_page(request, handle)


@route("/peers/{handle}", methods=("POST",))
def ask_to_correspond(request, handle):
    """Send a request with an introduction; any refusal shows the introduction again."""
    member = logged_in_member(request, "Please log in to ask a member to correspond.")
    peer = members.member_by_handle(handle)
    if peer is None:
        raise errors.NotFound(peers.NO_SUCH_PEER)
    form = read_form(request)
    try:
        correspondence = asking.ask(member, peer, form.raw("intro"))
    except asking.Refused as refused:
        return _peer_page(request, handle, status=409 if not refused.field else 400,
                          errors_={refused.field or "intro": refused.message},
                          form=form.kept())
    return redirect(f"/letters/{correspondence.correspondence_id}", done="asked")
