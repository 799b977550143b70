"""Letters pages: my correspondences, one correspondence, answering, pausing, reporting."""

from chalicelib.correspondence import answering, asking, ending, letters, reports, store
from chalicelib.web import page, permissions, query, read_form, redirect, route

NOINDEX = {"X-Robots-Tag": "noindex, nofollow"}
# What a redirect's ``done`` shows on the next page (never "declined" to an asker).
DONE_MESSAGES = {
    "asked": "Your request has been sent. You will see here when it is answered.",
    "accepted": "You accepted. You can write your first letter below.",
    "declined": "You declined this request. They will only see that you are not available right now.",
    "withdrawn": "You withdrew your request.",
    "sent": "Your letter has been sent.",
    "paused": "This correspondence is paused. No letters can be sent until you resume it.",
    "resumed": "This correspondence is open again.",
    "ended": "This correspondence has ended.",
    "reported": "Thank you. A moderator will read that one letter, and only that letter.",
}


def _member(request):
    return permissions.require_member(request, "Please log in to read your letters.")


@route("/letters")
def my_letters(request):
    """List the member's requests and correspondences, most recent activity first."""
    member = _member(request)
    cursor = query(request, "after")
    links, next_cursor = letters.my_correspondences(member, cursor)
    return page(request, "correspondence/list.html", headers=NOINDEX, links=links,
                next_cursor=next_cursor, is_first_page=not cursor)


def _show(request, member, correspondence, status=200, form=None, errors_=None, notice=None):
    cursor = query(request, "after")
    found, next_cursor = letters.letters_page(correspondence, cursor) \
        if correspondence.status in ("open", "paused", "ended") else ([], None)
    other_id, other_handle = correspondence.other_of(member.member_id)
    return page(request, "correspondence/show.html", status=status, headers=NOINDEX,
                correspondence=correspondence, letters=found, next_cursor=next_cursor,
                is_first_page=not cursor, other_handle=other_handle,
                is_asker=member.member_id == correspondence.asker_id,
                form=form or {}, errors=errors_ or {},
                notice=notice or DONE_MESSAGES.get(query(request, "done")))


@route("/letters/{correspondence_id}")
def show_correspondence(request, correspondence_id):
    """Show a correspondence to one of its two members (anyone else: 404)."""
    member = _member(request)
    return _show(request, member, store.correspondence_for(member, correspondence_id))


@route("/letters/{correspondence_id}", methods=("POST",))
def send_letter(request, correspondence_id):
    """Send a letter; if it cannot be sent, the page comes back with the draft in place."""
    member = _member(request)
    correspondence = store.correspondence_for(member, correspondence_id)
    form = read_form(request)
    try:
        letters.send_letter(member, correspondence, form.raw("body"))
    except letters.CannotSend as refused:
        return _show(request, member, correspondence, status=409 if not refused.field else 400,
                     form=form.kept(), errors_={"body": refused.message})
    return redirect(f"/letters/{correspondence_id}", done="sent")


def _act(request, correspondence_id, action, done):
    member = _member(request)
    correspondence = store.correspondence_for(member, correspondence_id)
    try:
        action(member, correspondence)
    except (asking.Refused, ending.NotNow) as refused:
        correspondence.refresh(consistent_read=True)
        return _show(request, member, correspondence, status=409, notice=refused.message)
    return redirect(f"/letters/{correspondence_id}", done=done)


@route("/letters/{correspondence_id}/accept", methods=("POST",))
def accept(request, correspondence_id):
    """Accept a request to correspond."""
    return _act(request, correspondence_id, answering.accept, "accepted")


@route("/letters/{correspondence_id}/decline", methods=("POST",))
def decline(request, correspondence_id):
    """Decline a request quietly."""
    return _act(request, correspondence_id, answering.decline, "declined")


@route("/letters/{correspondence_id}/withdraw", methods=("POST",))
def withdraw(request, correspondence_id):
    """Withdraw one's own unanswered request."""
    return _act(request, correspondence_id, answering.withdraw, "withdrawn")


@route("/letters/{correspondence_id}/pause", methods=("POST",))
def pause(request, correspondence_id):
    """Pause: no letters either way until the one who paused resumes."""
    return _act(request, correspondence_id, ending.pause, "paused")


@route("/letters/{correspondence_id}/resume", methods=("POST",))
def resume(request, correspondence_id):
    """Resume a correspondence one paused."""
    return _act(request, correspondence_id, ending.resume, "resumed")


def _end(member, correspondence):
    if correspondence.status not in store.LIVE:
        raise ending.NotNow("Only an open or paused correspondence can be ended.")
    ending.end(correspondence, reason="ended")


@route("/letters/{correspondence_id}/end", methods=("POST",))
def end(request, correspondence_id):
    """End a correspondence for good (either member)."""
    return _act(request, correspondence_id, _end, "ended")


@route("/letters/{correspondence_id}/report/{letter_id}")
def report_form(request, correspondence_id, letter_id):
    """Ask why a letter is being reported, and say exactly what a moderator will see."""
    member = _member(request)
    correspondence = store.correspondence_for(member, correspondence_id)
    letter = reports.letter_in(correspondence, letter_id)
    return page(request, "correspondence/report.html", headers=NOINDEX,
                correspondence=correspondence, letter=letter)


@route("/letters/{correspondence_id}/report/{letter_id}",
       methods=("POST",))
def report_letter(request, correspondence_id, letter_id):
    """Report one letter to the moderators."""
    member = _member(request)
    correspondence = store.correspondence_for(member, correspondence_id)
    letter = reports.letter_in(correspondence, letter_id)
    reason = read_form(request).get("reason")
    if len(reason) > reports.MAX_REASON_CHARS:
        return page(request, "correspondence/report.html", status=400, headers=NOINDEX,
                    correspondence=correspondence, letter=letter, form={"reason": reason},
                    errors={"reason": f"Please keep the reason to {reports.MAX_REASON_CHARS} characters."})
    reports.report_letter(member, letter, reason)
    return redirect(f"/letters/{correspondence_id}", done="reported")


@route("/moderation/letters")
def reported_letters(request):
    """Moderators: reported letters, each shown alone (never its correspondence)."""
    permissions.require_moderator(request)
    cursor = query(request, "after")
    found, next_cursor = reports.open_reports(cursor)
    return page(request, "correspondence/moderation.html", headers=NOINDEX, letters=found,
                next_cursor=next_cursor, is_first_page=not cursor,
                resolved=query(request, "resolved") == "1")


@route("/moderation/letters/{correspondence_id}/{letter_id}",
       methods=("POST",))
def resolve_report(request, correspondence_id, letter_id):
    """Moderators: dismiss a letter report, or remove the letter."""
    permissions.require_moderator(request)
    letter = reports.reported_letter(correspondence_id, letter_id)
    reports.resolve(letter, remove=read_form(request).get("decision") == "remove")
    return redirect("/moderation/letters", resolved="1")
