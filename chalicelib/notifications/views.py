"""The Notifications page, opening an entry, Mark all as read, and the settings per kind."""
from chalicelib.core import clock
from chalicelib.notifications import entries, preferences, reads
from chalicelib.web import page, permissions, query, read_form, redirect, route


@route("/notifications")
def notifications_page(request):
    """Show the member's notifications, newest first; the header's count starts again."""
    member = permissions.require_member(request)
    cursor = query(request, "after")
    shown, next_cursor = entries.page_for(member, cursor)
    return page(request, "notifications/list.html", entries=shown, next_cursor=next_cursor,
                is_first_page=not cursor, done=query(request, "done"))


@route("/notifications/open")
def open_entry(request):
    """Mark one notification read and go to its place (reading twice changes nothing)."""
    member = permissions.require_member(request)
    return redirect(entries.open_entry(member, query(request, "ref"), clock.utcnow()))


@route("/notifications/read", methods=["POST"])
def mark_all_read(request):
    """Mark every notification read."""
    member = permissions.require_member(request)
    reads.mark_all_read(member, clock.utcnow())
    return redirect("/notifications", done="read")


@route("/settings/notifications")
def settings_form(request):
    """Show how each kind of notification reaches the member."""
    member = permissions.require_member(request)
    return page(request, "notifications/settings.html", chosen=preferences.choices_of(member),
                kinds=preferences.LABELS, choices=preferences.CHOICES,
                saved=query(request, "saved"))


@route("/settings/notifications", methods=["POST"])
def settings_submit(request):
    """Save the choice for each kind; a missing or odd choice is shown beside its kind."""
    member = permissions.require_member(request)
    chosen, problems = preferences.check(read_form(request))
    if problems:
        return page(request, "notifications/settings.html", status=400, chosen=chosen,
                    kinds=preferences.LABELS, choices=preferences.CHOICES, errors=problems)
    preferences.save(member, chosen)
    return redirect("/settings/notifications", saved=1)
