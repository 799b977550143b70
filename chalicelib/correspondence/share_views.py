"""Share our letters: the page where two writers agree to publish some of their letters."""
from chalicelib.core import numbers
from chalicelib.forum import category_index
from chalicelib.platform import sessions
from chalicelib.correspondence import share_forms, sharing, store, unpublishing
from chalicelib.correspondence.share_forms import Refused
from chalicelib.web import page, permissions, query, read_form, redirect, route

NOINDEX = {"X-Robots-Tag": "noindex, nofollow"}
DONE = {
    "proposed": "Your proposal is saved. Nothing is published until the other writer approves it.",
    "changed": "Your changes are saved. They need the other writer's approval before anything is published.",
    "declined": "The proposal is closed. Nothing was published.",
    "unpublished": "The thread is unpublished: it no longer shows anywhere on the forum. Your letters are unchanged.",
}


def _context(request, correspondence_id):
    member = permissions.require_member(request, "Please log in to read your letters.")
    return member, store.correspondence_for(member, correspondence_id)


def _page(request, member, correspondence, status=200, posted=None, errors=None, notice=None,
          categories=None):
    found = unpublishing.share_page(correspondence, categories)
    values, chosen = share_forms.prefill(found.letters, found.proposal, posted)
    _, other_handle = correspondence.other_of(member.member_id)
    return page(request, "correspondence/share.html", status=status, headers=NOINDEX,
                correspondence=correspondence, share=found, other_handle=other_handle,
                form=values, chosen=chosen, errors=errors or {},
                editing=bool(query(request, "edit")) or posted is not None,
                notice=notice or DONE.get(query(request, "done")),
                text_field=share_forms.text_field)


@route("/letters/{correspondence_id}/share")
def share_form(request, correspondence_id):
    """The proposal to read and approve, or the form to propose or change one."""
    member, correspondence, found = store.readers_correspondence(
        sessions.PendingVisitor(request), correspondence_id, also=category_index.keys())
    return _page(request, member, correspondence,
                 categories=category_index.categories_in(found))


def _version(form):
    return numbers.int_or_none(form.get("version"), 1, 1_000_000)


def _refused(request, member, correspondence, refused, form=None):
    correspondence.refresh(consistent_read=True)
    return _page(request, member, correspondence, status=400 if refused.errors else 409,
                 posted=form, errors=refused.errors, notice=refused.message)


@route("/letters/{correspondence_id}/share", methods=("POST",))
def save_proposal(request, correspondence_id):
    """Propose sharing letters, or change the open proposal (it then needs approval again)."""
    member, correspondence = _context(request, correspondence_id)
    form = read_form(request)
    choice = share_forms.read_choice(form)
    try:
        if form.get("share"):
            sharing.revise(member, correspondence, form.get("share"), _version(form), choice)
        else:
            sharing.propose(member, correspondence, choice)
    except Refused as refused:
        return _refused(request, member, correspondence, refused, form)
    return redirect(f"/letters/{correspondence_id}/share",
                    done="changed" if form.get("share") else "proposed")


@route("/letters/{correspondence_id}/share/approve", methods=("POST",))
def approve(request, correspondence_id):
    """Approve the version one read: the letters become a thread at once."""
    member, correspondence = _context(request, correspondence_id)
    form = read_form(request)
    try:
        thread = sharing.approve(member, correspondence, form.get("share"), _version(form))
    except Refused as refused:
        return _refused(request, member, correspondence, refused)
    return redirect(f"/t/{thread.thread_id}")


@route("/letters/{correspondence_id}/share/decline", methods=("POST",))
def decline(request, correspondence_id):
    """Decline the open proposal (or withdraw one's own): nothing is published."""
    member, correspondence = _context(request, correspondence_id)
    try:
        sharing.decline(member, correspondence, read_form(request).get("share"))
    except Refused as refused:
        return _refused(request, member, correspondence, refused)
    return redirect(f"/letters/{correspondence_id}/share", done="declined")


@route("/letters/{correspondence_id}/share/unpublish", methods=("POST",))
def unpublish(request, correspondence_id):
    """Either writer, alone, at any time: the thread leaves every page, feed and search."""
    member, correspondence = _context(request, correspondence_id)
    try:
        unpublishing.unpublish(member, correspondence.correspondence_id,
                               read_form(request).get("share"))
    except Refused as refused:
        return _refused(request, member, correspondence, refused)
    return redirect(f"/letters/{correspondence_id}/share", done="unpublished")
