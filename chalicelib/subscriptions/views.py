"""Following threads and subscription settings, a member's own or reached from an email's
signed link; subscribing and unsubscribing are in ``subscribe_views``."""

from chalicelib.core import clock, errors
from chalicelib.platform import sessions
from chalicelib.forum import reading
from chalicelib.subscriptions import follows, preferences, schedule, subscribers, tokens
from chalicelib.web import page, permissions, query, read_form, redirect, route


def _member(request):
    """:raise LoginRequired: for visitors."""
    return permissions.require_member(request, "Please log in to follow threads.")


@route("/t/{thread_id}/follow", methods=["POST"])
def follow_thread(request, thread_id):
    """Follow or stop following a thread, then show it again."""
    member = _member(request)
    thread = reading.get_thread(thread_id)
    following = read_form(request).get("follow") == "yes"
    follows.set_following(member.member_id, thread, following)
    return redirect(f"/t/{thread_id}", followed="yes" if following else "no")


def read_choices(form, categories, member=True):
    """Read a preferences or subscribe form; :return: (choices, errors) with field-level
    messages."""
    frequency = form.get("frequency")
    slugs = {category.slug for category in categories}
    chosen = {slug for slug in form.getlist("categories") if slug in slugs}
    problems = {}
    if frequency not in schedule.FREQUENCIES:
        problems["frequency"] = "Choose how often digests come."
    own_replies = form.get("own_replies") if member else None
    if member and own_replies not in subscribers.OWN_REPLIES:
        problems["own_replies"] = "Choose when replies to your threads reach you."
    return {"frequency": frequency, "categories": chosen, "own_replies": own_replies}, problems


def _preferences_page(request, subscriber, action, saved=False, errors=None, form=None,
                      status=200, categories=None):
    followed = preferences.followed_threads(subscriber)
    return page(request, "subscriptions/preferences.html", subscriber=subscriber,
                categories=reading.list_categories() if categories is None else categories,
                followed=followed, action=action,
                saved=saved, errors=errors or {}, form=form or {}, status=status,
                unsubscribe_token=tokens.unsubscribe_token(subscriber.subscriber_id))


def _save(request, subscriber, action):
    form = read_form(request)
    categories = reading.list_categories()
    choices, problems = read_choices(form, categories, member=subscriber.kind == "member")
    if problems:
        kept = {"frequency": choices["frequency"], "own_replies": choices["own_replies"],
                "categories": choices["categories"]}
        return _preferences_page(request, subscriber, action, errors=problems, form=kept,
                                 status=400)
    subscribers.save_preferences(subscriber, choices["frequency"], choices["categories"],
                                 choices["own_replies"])
    preferences.keep_followed(subscriber, form.getlist("shown_threads"),
                              form.getlist("threads"))
    return redirect(action, saved="yes")


@route("/settings/subscriptions")
def member_preferences(request):
    """Show a member's digest and notification preferences."""
    subscriber, categories = preferences.members_subscriber(sessions.PendingVisitor(request),
                                                            clock.utcnow())
    return _preferences_page(request, subscriber, "/settings/subscriptions",
                             saved=query(request, "saved") == "yes", categories=categories)


@route("/settings/subscriptions", methods=["POST"])
def save_member_preferences(request):
    """Save a member's digest and notification preferences."""
    return _save(request, subscribers.for_member(_member(request)), "/settings/subscriptions")


def _by_link(token):
    """:raise NotFound: for a bad link or a subscriber that no longer exists."""
    subscriber_id = tokens.read_preferences(token)
    subscriber = subscribers.get_subscriber(subscriber_id, consistent=True) \
        if subscriber_id else None
    if subscriber is None or subscriber.status == "pending":
        raise errors.NotFound("This link is not valid. Open the newest email from Lantern, "
                              "or log in to change your settings.", title="Link not valid")
    return subscriber


@route("/preferences/{token}")
def linked_preferences(request, token):
    """Preferences reached from an email's signed link, without logging in."""
    return _preferences_page(request, _by_link(token), f"/preferences/{token}",
                             saved=query(request, "saved") == "yes")


@route("/preferences/{token}", methods=["POST"])
def save_linked_preferences(request, token):
    """Save preferences from an email's signed link."""
    return _save(request, _by_link(token), f"/preferences/{token}")
