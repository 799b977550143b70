"""A form for every POST route of the route table, and the fields each route reads: what the
sweeps (tests/test_form_sweep.py, tests/test_hostile_inputs.py) fill in, one field at a time.
"""


# A form for each POST route that gets past its checks (passwords excepted: a wrong one, so
# no sweep changes or deletes the world's accounts). The sweeps replace one field at a time.
WRONG_PASSWORD = "not the password at all"
VALID_FORMS = {
    "/admin/categories/new": {"name": "Tapering", "slug": "tapering-talk", "position": "3",
                              "description": "Slow reductions.", "stale_after_days": "30"},
    "/admin/categories/{slug}": {"name": "Support", "description": "Support.", "position": "1",
                                 "stale_after_days": "30"},
    "/blocks": {"handle": "stranger", "next": "/blocks"},
    "/blocks/remove": {"member_id": "no-such-member", "next": "/blocks"},
    "/c/{slug}/new": {"title": "A title of my own", "body": "Words of my own.",
                      "content_warning": "", "action": "post"},
    "/journal/check-in": {"day": "", "overall": "3", "sleep": "3", "note": "A calm day.",
                          "symptom_name_0": "", "symptom_0": ""},
    "/journal/medications/new": {"name": "sertraline", "drug_class": "ssris", "unit": "mg"},
    "/journal/medications/{medication_id}": {"day": "", "dose": "25", "note": "Halved."},
    "/journal/sharing": {"sharing": "members-all", "intro_thread_id": "", "signature_on": "on"},
    "/journal/symptoms": {"symptom": "Insomnia", "own": "Brain zaps"},
    "/journal/time-zone": {"time_zone": "Europe/London"},
    "/letters/{correspondence_id}": {"body": "A letter of my own."},
    "/letters/{correspondence_id}/report/{letter_id}": {"reason": "Unkind words."},
    "/login": {"identifier": "owner", "password": WRONG_PASSWORD},
    "/mod/members/{handle}/lift": {"reason": "Served their time."},
    "/mod/members/{handle}/suspend": {"days": "7", "reason": "Unkind words."},
    "/mod/posts/{thread_id}/{post_id}": {"action": "hide", "reason": "Off topic."},
    "/mod/reports/{thread_id}/{post_id}": {"action": "dismiss", "reason": "Fine as it is."},
    "/mod/threads/{thread_id}": {"action": "retitle", "title": "A clearer title",
                                 "category": "support", "reason": "Clearer."},
    "/moderation/letters/{correspondence_id}/{letter_id}": {"decision": "keep"},
    "/newcomers/greeters": {"handle": "stranger"},
    "/p/{thread_id}/{post_id}/edit": {"title": "An edited title", "body": "Edited words.",
                                      "content_warning": "", "version": "1", "action": "post"},
    "/p/{thread_id}/{post_id}/react": {"reaction": "heart", "after": ""},
    "/peers/{handle}": {"intro": "Hello, could we write?"},
    "/reset": {"email": "owner@example.org"},
    "/reset/{token}": {"password": WRONG_PASSWORD},
    "/settings/delete": {"current_password": WRONG_PASSWORD, "posts": "keep"},
    "/settings/email": {"current_password": WRONG_PASSWORD, "new_email": "new@example.org"},
    "/settings/greeter": {"greeter": "on", "greeter_email": "each"},
    "/settings/password": {"current_password": WRONG_PASSWORD,
                           "new_password": "a long new password"},
    "/settings/peer-profile": {"bio": "Tapering slowly.", "medication_classes": "ssris",
                               "stage": "tapering", "year_started": "2020",
                               "open_to_new": "on", "availability_note": "Weekends.",
                               "max_open": "3", "letter_notifications": "never"},
    "/settings/subscriptions": {"frequency": "weekly", "categories": "support",
                                "own_replies": "on"},
    "/signup": {"handle": "newcomer", "email": "newcomer@example.org",
                "password": "a long new password", "consent": "on"},
    "/subscribe": {"email": "reader@example.org", "frequency": "weekly",
                   "categories": "support"},
    "/t/{thread_id}/follow": {"follow": "on"},
    "/t/{thread_id}/milestone": {"milestone_kind": "milestone", "milestone_label": "Off!"},
    "/t/{thread_id}/p/{post_id}/report": {"reason": "spam", "note": "Selling things."},
    "/t/{thread_id}/pin": {"pinned": "on"},
    "/t/{thread_id}/reply": {"body": "A reply of my own.", "content_warning": "",
                             "action": "post"},
}


def post_routes():
    from chalicelib.route_table import ROUTES

    return [path for methods, path, _target in ROUTES if "POST" in methods]


def fields_of_every_route(world, chalice_client, rules):
    """{path: sorted field names} of every POST route: the fields its valid form sends and
    every field the view asked the posted form for (``Form`` is watched while it runs)."""
    from chalicelib.web import forms

    asked = set()
    originals = {name: getattr(forms.Form, name) for name in ("get", "raw", "getlist", "has")}

    def watching(original):
        def watched(self, field, *args, **kwargs):
            asked.add(field)
            return original(self, field, *args, **kwargs)
        return watched

    fields = {}
    try:
        for name, original in originals.items():
            setattr(forms.Form, name, watching(original))
        for path in post_routes():
            ids, form = world.ids_for(path, VALID_FORMS)
            asked.clear()
            world.client(chalice_client, rules[("POST", path)]).post(path.format(**ids), form)
            fields[path] = sorted((asked | set(form)) - {"csrf_token"})
    finally:
        for name, original in originals.items():
            setattr(forms.Form, name, original)
    return fields
