"""How each kind of notification reaches a member: on the site only, by email at once, in
the digest email, or not at all. Kept on the member item, which every page already reads."""
from chalicelib.models.members import Member

KINDS = ("reply", "mention", "quote", "reactions", "letters", "sharing", "moderation")
LABELS = {"reply": "Replies to your threads", "mention": "@mentions of you",
          "quote": "Quotes of your posts", "reactions": "“I hear you” on your posts",
          "letters": "Letters waiting for you",
          "sharing": "Proposals to share your letters, and their answers",
          "moderation": "Moderators' decisions about your posts and threads"}
CHOICES = {"site": "On the site only", "email": "Email at once", "digest": "In the digest email",
           "off": "Off"}
DEFAULTS = {"reply": "digest", "mention": "digest", "quote": "digest", "reactions": "site",
            "letters": "email", "sharing": "email", "moderation": "site"}
# The letters choice is the one the new-letter notices read (chalicelib/correspondence).
LETTER_EMAIL = {"email": "immediately", "digest": "daily", "site": "never", "off": "never"}


def _saved(member):
    prefs = member.notification_prefs if member is not None else None
    return prefs.as_dict() if prefs is not None else {}


def choices_of(member):
    saved = _saved(member)
    return {kind: saved.get(kind) if saved.get(kind) in CHOICES else DEFAULTS[kind]
            for kind in KINDS}


def choice(member, kind):
    return choices_of(member)[kind]


def check(form_values):
    """``{kind: choice}`` from a form; :return: (choices, {field: message})."""
    chosen, problems = {}, {}
    for kind in KINDS:
        value = form_values.get(kind, "")
        if value not in CHOICES:
            problems[kind] = "Please choose one of the options."
        chosen[kind] = value
    return chosen, problems


def save(member, chosen):
    member.update(actions=[Member.notification_prefs.set(chosen)])


def letter_email_choice(member_id):
    """'immediately', 'daily' or 'never' from the member's letters choice, or None when they
    never chose (the peer profile's older setting then decides)."""
    try:
        member = Member.get(member_id)
    except Member.DoesNotExist:
        return None
    return LETTER_EMAIL.get(_saved(member).get("letters"))
