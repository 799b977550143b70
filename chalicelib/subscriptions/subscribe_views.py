"""Starting and ending a subscription: the public subscribe form (digests by email without
an account), its confirmation link, and unsubscribing from any email's link.

Apart from ``views`` (following and settings) because these pages serve people who may have
no account: the form is public, and the rest work from a signed link alone.
"""

from chalicelib.core import clock, errors
from chalicelib.platform import ratelimits
from chalicelib.forum import reading
from chalicelib.subscriptions import email_subscriptions, subscribers, tokens
from chalicelib.subscriptions.views import read_choices
from chalicelib.web import page, read_form, route


@route("/subscribe")
def subscribe_form(request):
    """The public form: digests of chosen categories by email, without an account."""
    return page(request, "subscriptions/subscribe.html", categories=reading.list_categories(),
                form={"frequency": "weekly", "categories": set()})


@route("/subscribe", methods=["POST"])
def subscribe(request):
    """Mail a confirmation link; nothing else is sent until it is clicked."""
    form = read_form(request)
    categories = reading.list_categories()
    choices, problems = read_choices(form, categories, member=False)
    if choices["frequency"] == "never":
        problems["frequency"] = "Choose daily or weekly."
    if not choices["categories"]:
        problems["categories"] = "Choose at least one category."
    try:
        email = email_subscriptions.normalise_email(form.get("email"))
    except email_subscriptions.InvalidEmail as error:
        problems["email"], email = str(error), None
    if problems:
        return page(request, "subscriptions/subscribe.html", categories=categories,
                    errors=problems, status=400,
                    form={"email": form.get("email"), "frequency": choices["frequency"],
                          "categories": choices["categories"]})
    ratelimits.hit("subscribe", subscribers.email_subscriber_id(email), 3, 3600,
                   message="We have sent several confirmation emails to that address "
                           "recently. Please check your inbox, or try again in an hour.")
    email_subscriptions.request_email_subscription(email, choices["categories"],
                                                   choices["frequency"])
    return page(request, "subscriptions/check_inbox.html", email=email)


def _confirm_request(token):
    request = tokens.read_confirm(token, clock.utcnow())
    if request is None:
        raise errors.NotFound("This confirmation link is not valid or is more than three days "
                              "old. You can subscribe again.", title="Link not valid")
    return request


@route("/subscribe/confirm/{token}")
def confirm_form(request, token):
    """Ask for one click to confirm (a GET changes nothing: mail scanners follow links)."""
    wanted = _confirm_request(token)
    return page(request, "subscriptions/confirm.html", token=token, frequency=wanted["f"])


@route("/subscribe/confirm/{token}", methods=["POST"])
def confirm(request, token):
    """Confirm an email-only subscription."""
    subscriber = email_subscriptions.confirm_email_subscription(_confirm_request(token))
    return page(request, "subscriptions/confirmed.html",
                preferences_url=tokens.preferences_url(subscriber.subscriber_id))


@route("/unsubscribe/{token}")
def unsubscribe_form(request, token):
    """Show a button that unsubscribes; link scanners fetching this change nothing."""
    if tokens.read_unsubscribe(token) is None:
        raise errors.NotFound("This unsubscribe link is not valid.", title="Link not valid")
    return page(request, "subscriptions/unsubscribe.html", token=token, done=False)


@route("/unsubscribe/{token}", methods=["POST"])
def unsubscribe(request, token):
    """RFC 8058 one-click unsubscribe: the token alone, no cookie or CSRF token; 200."""
    subscriber_id = tokens.read_unsubscribe(token)
    if subscriber_id is None:
        raise errors.NotFound("This unsubscribe link is not valid.", title="Link not valid")
    subscribers.unsubscribe(subscriber_id)
    return page(request, "subscriptions/unsubscribe.html", token=token, done=True,
                preferences_url=tokens.preferences_url(subscriber_id))
