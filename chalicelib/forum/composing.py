"""What a member writes: checking a thread or reply form, who may post, and how often.

Checks return field errors (shown beside the field, the text kept); they never raise for
bad input. Refusals that no edit can fix (unverified email, a closed thread) raise.
"""
from chalicelib.core import clock, errors, markup
from chalicelib.platform import ratelimits
from chalicelib.forum import policy
from chalicelib.models.forum import MAX_BODY_CHARS

TITLE_MIN, TITLE_MAX = 5, 150
WARNING_MAX = 120
# Per hour, for everyone: a flood brake that settled members rarely come near. A new
# member's first day has its own, lower totals (moderation's rule in forum.policy),
# checked before these, so one post never meets two rules with two messages.
POSTING_LIMITS = {"thread": 15, "reply": 60, "edit": 120}
LIMIT_WINDOW_SECONDS = 3600


def check_title(title):
    if len(title) < TITLE_MIN:
        return f"Please give your thread a title of at least {TITLE_MIN} characters."
    if len(title) > TITLE_MAX:
        return f"Please keep the title to {TITLE_MAX} characters (it has {len(title)})."
    return None


def check_body(body):
    if not body.strip():
        return "Please write something before posting."
    if len(body) > MAX_BODY_CHARS:
        return (f"Posts can be up to {MAX_BODY_CHARS:,} characters; this one has "
                f"{len(body):,}. You could split it into two posts.")
    return None


def check_warning(warning):
    if len(warning) > WARNING_MAX:
        return f"Please keep the content warning to {WARNING_MAX} characters."
    return None


def read_post_fields(form, with_title):
    """The fields of a composer form and their errors.

    :return: (fields dict: title, body, content_warning; errors dict by field name)
    """
    fields = {"body": form.raw("body"), "content_warning": form.get("content_warning")}
    problems = {}
    if with_title:
        fields["title"] = " ".join(form.get("title").split())
        problems["title"] = check_title(fields["title"])
    problems["body"] = check_body(fields["body"])
    problems["content_warning"] = check_warning(fields["content_warning"])
    return fields, {name: message for name, message in problems.items() if message}


def preview_html(fields):
    """The post as it will appear, rendered exactly as it will be stored."""
    return markup.render_markdown(fields["body"]) if fields.get("body", "").strip() else ""


def require_poster(member):
    """:raise LoginRequired / Forbidden: unless ``member`` may post now (verified, and no
    rule in ``forum.policy.may_post`` refuses, e.g. a suspension)."""
    if member is None:
        raise errors.LoginRequired("Please log in to post. Your text is kept below.")
    if not member.email_verified:
        raise errors.Forbidden(
            "Please confirm your email address before posting: open the link we sent you "
            "when you signed up (Settings can send a new one). Your text is kept below.",
            title="Please confirm your email first")
    policy.check_may_post(member, clock.utcnow())


def require_open(thread):
    """:raise Forbidden: when ``thread`` takes no more replies."""
    if thread.status == "closed" or thread.locked:
        raise errors.Forbidden(
            "This thread is closed, so it takes no more replies. Your text is kept below: "
            "you could start a new thread with it.", title="This thread is closed")


def limit_posting(member, rule, now=None):
    """Count one post of kind ``rule``; :raise TooManyRequests: past the hourly limit."""
    now = now or clock.utcnow()
    message = ("You have posted a lot in the last hour. Please take a short pause; your "
               "text is kept below so you can post it in a little while.")
    ratelimits.hit(f"post-{rule}", member.member_id, POSTING_LIMITS[rule],
                   LIMIT_WINDOW_SECONDS, now, message)
