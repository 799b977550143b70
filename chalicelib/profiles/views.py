"""Peer pages: Find peers and the member's own peer-profile settings.

A member's peer profile with its "ask to correspond" form is correspondence's
(chalicelib/correspondence/peer_views.py): asking is what the page is for.
"""

from chalicelib.core import clock, medications
from chalicelib.profiles import editing, listing, stages
from chalicelib.web import page, permissions, query, read_form, redirect, route

# Profiles are for members only and never for search engines (base.html says so too).
NOINDEX = {"X-Robots-Tag": "noindex, nofollow"}


def logged_in_member(request, message="Please log in to see other members' peer profiles."):
    """:raise LoginRequired:"""
    return permissions.require_member(request, message)


def choices():
    return {"medication_classes": medications.MEDICATION_CLASSES, "stages": stages.STAGES,
            "notification_choices": editing.NOTIFICATION_CHOICES,
            "class_labels": lambda keys: ", ".join(medications.label(k) for k in keys or []),
            "stage_label": stages.label}


@route("/peers")
def find_peers(request):
    """Show members open to new correspondence, further along first, filtered if asked."""
    member = logged_in_member(request)
    medication_class = query(request, "class")
    stage = query(request, "stage")
    if medication_class and not medications.is_known(medication_class):
        medication_class = ""
    if stage and not stages.is_known(stage):
        stage = ""
    cursor = query(request, "after")
    profiles, next_cursor = listing.find_peers(medication_class, stage, cursor,
                                               exclude_member_id=member.member_id)
    return page(request, "profiles/find.html", headers=NOINDEX, profiles=profiles,
                next_cursor=next_cursor, is_first_page=not cursor,
                chosen_class=medication_class, chosen_stage=stage, **choices())


@route("/settings/peer-profile")
def profile_settings(request):
    """Show the member's own peer profile for editing."""
    member = logged_in_member(request, "Please log in to edit your peer profile.")
    profile = editing.profile_of(member.member_id)
    return page(request, "profiles/settings.html", headers=NOINDEX,
                form=editing.form_values(profile), profile=profile,
                saved=query(request, "saved") == "1", max_bio=editing.MAX_BIO_CHARS,
                max_note=editing.MAX_NOTE_CHARS, **choices())


@route("/settings/peer-profile", methods=("POST",))
def save_profile_settings(request):
    """Save the peer profile; a mistake shows the form again with everything kept."""
    member = logged_in_member(request, "Please log in to edit your peer profile.")
    form = read_form(request)
    values, problems = editing.validate(form, clock.utcnow())
    if problems:
        kept = form.kept()
        kept["medication_classes"] = form.getlist("medication_classes")
        kept["open_to_new"] = form.get("open_to_new") == "yes"
        kept["letters_in_full"] = form.get("letters_in_full") == "yes"
        return page(request, "profiles/settings.html", status=400, headers=NOINDEX,
                    form=kept, errors=problems, profile=editing.profile_of(member.member_id),
                    saved=False, max_bio=editing.MAX_BIO_CHARS,
                    max_note=editing.MAX_NOTE_CHARS, **choices())
    editing.save_profile(member, values)
    return redirect("/settings/peer-profile", saved="1")
