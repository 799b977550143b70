"""Greeter pages: volunteering in settings, the Newcomers view, moderators adding greeters."""

from chalicelib.core import clock, errors
from chalicelib.platform import sessions
from chalicelib.care import greeters, newcomers, unanswered
from chalicelib.web import page, query, read_form, redirect, route


def _member(request, why):
    """:raise LoginRequired: for visitors."""
    member = sessions.load_visitor(request).member
    if member is None:
        raise errors.LoginRequired(why)
    return member


@route("/settings/greeter")
def greeter_settings(request):
    """Show the switch to volunteer as a greeter, and how often we may email."""
    member = _member(request, "Please log in to volunteer as a greeter.")
    return page(request, "care/greeter_settings.html", volunteering=greeters.is_greeter(member),
                email_choice=member.greeter_email or "each", choices=greeters.EMAIL_CHOICES,
                saved=bool(query(request, "saved")))


@route("/settings/greeter", methods=("POST",))
def save_greeter_settings(request):
    """Start or stop greeting; an unknown email choice is shown beside its field."""
    member = _member(request, "Please log in to volunteer as a greeter.")
    form = read_form(request)
    volunteering = form.get("greeter") == "yes"
    choice = form.get("greeter_email")
    if choice not in greeters.EMAIL_CHOICES:
        return page(request, "care/greeter_settings.html", status=400,
                    volunteering=volunteering, email_choice=choice,
                    choices=greeters.EMAIL_CHOICES, saved=False,
                    errors={"greeter_email": "Please choose how often we may email you."})
    greeters.set_greeter(member, volunteering, choice, clock.utcnow())
    return redirect("/settings/greeter", saved=1)


def _newcomers_page(request, status=200, **context):
    member = sessions.load_visitor(request).member
    now = clock.utcnow()
    allowed = greeters.may_see_newcomers(member)
    moderating = allowed and member.role in greeters.MODERATOR_ROLES
    return page(request, "care/newcomers.html", status=status, allowed=allowed, now=now,
                threads=newcomers.newcomer_threads(now) if allowed else [],
                is_greeter=greeters.is_greeter(member), is_moderator=moderating,
                greeters=greeters.list_greeters() if moderating else [],
                waited=unanswered.waited, **context)


@route("/newcomers")
def newcomers_view(request):
    """Show greeters and moderators the first threads of members who joined recently."""
    return _newcomers_page(request, granted=query(request, "granted"))


@route("/newcomers/greeters", methods=("POST",))
def add_greeter(request):
    """A moderator asks a member to greet; an unknown handle is shown beside the field."""
    moderator = _member(request, "Please log in.")
    form = read_form(request)
    member = greeters.grant(moderator, form.get("handle"), clock.utcnow())
    if member is None:
        return _newcomers_page(request, status=400, form=form.kept(),
                               errors={"handle": "There is no member with that handle."})
    return redirect("/newcomers", granted=member.handle)
