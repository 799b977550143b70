"""What the forum asks the features above it before a member writes.

The forum cannot import moderation (docs/architecture.md): moderation registers its
answers here from chalicelib/moderation/wiring.py. Light on purpose: wiring modules
import this at start-up.
"""
from chalicelib.core.hooks import Hook

# handler(member, now): raise an HttpError to refuse (a suspension); return to allow.
may_post = Hook("forum.may_post")
# handler(member, kind, body, now) -> {field: message} for problems an edit of the text
# can fix; raise an HttpError for a refusal no edit can fix. kind: thread, reply or edit.
post_field_errors = Hook("forum.post_field_errors")


def check_may_post(member, now):
    """:raise HttpError: when a registered rule refuses ``member`` posting now."""
    may_post.call_all(member, now)


def field_errors(member, kind, body, now):
    """Every registered rule's field errors for a post, merged (first rule wins a field)."""
    problems = {}
    for found in post_field_errors.call_all(member, kind, body, now):
        for field, message in found.items():
            problems.setdefault(field, message)
    return problems
