"""A member's peer profile, and asking them to correspond from it."""
from chalicelib.core import clock, errors
from chalicelib.platform import members
from chalicelib.correspondence import asking
from chalicelib.profiles import editing
from chalicelib.profiles.views import NOINDEX, choices, logged_in_member
from chalicelib.web import page, read_form, redirect, route


def _peer(handle):
    found = members.member_by_handle(handle)
    if found is None:
        raise errors.NotFound("We could not find a member with that name.")
    return found


def _peer_page(request, member, peer, status=200, errors_=None, form=None):
    profile = editing.profile_of(peer.member_id)
    refusal = asking.refusal_before_asking(member, peer, profile)
    return page(request, "profiles/peer.html", status=status, headers=NOINDEX, peer=peer,
                profile=profile, refusal=refusal.message if refusal else None,
                requests_left=asking.requests_left_today(member.member_id, clock.utcnow()),
                max_intro=asking.MAX_INTRO_CHARS, errors=errors_ or {}, form=form or {},
                **choices())


@route("/peers/{handle}")
def peer_profile(request, handle):
    """Show a member's peer profile and, if they are open, the form to ask to correspond."""
    member = logged_in_member(request)
    return _peer_page(request, member, _peer(handle))


@route("/peers/{handle}", methods=("POST",))
def ask_to_correspond(request, handle):
    """Send a request with an introduction; any refusal shows the introduction again."""
    member = logged_in_member(request, "Please log in to ask a member to correspond.")
    peer = _peer(handle)
    form = read_form(request)
    try:
        correspondence = asking.ask(member, peer, form.raw("intro"))
    except asking.Refused as refused:
        return _peer_page(request, member, peer, status=409 if not refused.field else 400,
                          errors_={refused.field or "intro": refused.message}, form=form.kept())
    return redirect(f"/letters/{correspondence.correspondence_id}", done="asked")
