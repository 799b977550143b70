"""Drafts that are never lost: kept server-side when the session ended mid-post.

When a member's session expired while they wrote, their POST arrives without a live
session. The text goes into a Draft item (24-hour TTL) and the browser gets a short-lived
cookie holding only the signed draft id. After logging in, ``restore_after_login`` names
the composer to go back to; the composer fills itself from the draft.
"""
import secrets
from datetime import timedelta

from chalicelib.core import clock, config, signing
from chalicelib.platform import site_cookies
from chalicelib.models.drafts import Draft

LIFETIME = timedelta(hours=24)
SALT = "draft"
RESTORE_PATH = "/draft"
# The composers whose text is worth keeping, as Chalice route templates.
COMPOSER_ROUTES = {"/c/{slug}/new", "/t/{thread_id}/reply", "/p/{thread_id}/{post_id}/edit"}
FIELDS = ("title", "body", "content_warning")


def cookie_name():
    return "__Host-lantern_draft" if config.settings.secure_cookies else "lantern_draft"


def is_composer(route_path):
    return route_path in COMPOSER_ROUTES


def keep(form, target, request, now=None):
    """Store the posted text of ``form`` (a web.Form) for whoever was writing it.

    :return: (draft, Set-Cookie value), or (None, None) when there was nothing to keep.
    """
    now = now or clock.utcnow()
    if not form.raw("body").strip() and not form.get("title"):
        return None, None
    stale_session = site_cookies.read_cookies(request).get(site_cookies.session_cookie_name(), "")
    draft = Draft(draft_id=secrets.token_urlsafe(18),
                  member_hint=stale_session.partition(".")[0] or None, target=target,
                  title=form.get("title") or None, body=form.raw("body"),
                  content_warning=form.get("content_warning") or None, created_at=now,
                  expires_at=now + LIFETIME)
    draft.save()
    token = signing.timed_serializer(SALT).dumps(draft.draft_id)
    return draft, site_cookies.cookie_header(cookie_name(), token,
                                             max_age=LIFETIME.total_seconds())


def find(request, member, now=None):
    """The draft this browser's cookie names, if it is still live and ``member``'s."""
    now = now or clock.utcnow()
    token = site_cookies.read_cookies(request).get(cookie_name())
    if not token or member is None:
        return None
    try:
        draft_id = signing.timed_serializer(SALT).loads(
            token, max_age=int(LIFETIME.total_seconds()))
        draft = Draft.get(draft_id, consistent_read=True)
    except (signing.BadSignature, Draft.DoesNotExist):
        return None
    # TTL deletes lazily (docs/pitfalls.md #4): an expired draft may still be there.
    if draft.expires_at <= now:
        return None
    if draft.member_hint and draft.member_hint != member.member_id:
        return None
    return draft


def restore_after_login(request, member, now=None):
    """Where the login form should send ``member`` next: their kept draft, or None.

    Call it right after a successful login (the draft cookie travels with that request).
    """
    draft = find(request, member, now)
    return draft.target + "?draft=1" if draft else None


def as_form(draft):
    """The draft's fields, as a composer template expects its ``form``."""
    return {name: getattr(draft, name) for name in FIELDS if getattr(draft, name)}


def discard(request):
    """Forget this browser's draft once it has been posted.

    :return: the Set-Cookie value clearing the cookie, or None if there was none.
    """
    token = site_cookies.read_cookies(request).get(cookie_name())
    if not token:
        return None
    try:
        Draft(draft_id=signing.timed_serializer(SALT).loads(token)).delete()
    except signing.BadSignature:
        pass
    return site_cookies.expired_cookie_header(cookie_name())
