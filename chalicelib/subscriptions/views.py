"""Following threads, subscription settings, the public subscribe form and unsubscribing."""
from chalice import Blueprint

from chalicelib import errors, sessions
from chalicelib.forum import reading
from chalicelib.subscriptions import follows
from chalicelib.web import read_form, redirect, route

subscription_pages = Blueprint(__name__)


def _member(request):
    """:raise LoginRequired: for visitors."""
    member = sessions.load_visitor(request).member
    if member is None:
        raise errors.LoginRequired("Please log in to follow threads.")
    return member


@route(subscription_pages, "/t/{thread_id}/follow", methods=["POST"])
def follow_thread(request, thread_id):
    """Follow or stop following a thread, then show it again."""
    member = _member(request)
    thread = reading.get_thread(thread_id)
    following = read_form(request).get("follow") == "yes"
    follows.set_following(member.member_id, thread, following)
    return redirect(f"/t/{thread_id}", followed="yes" if following else "no")
