"""The authorization matrix: every route in the route table, asked by five kinds of visitor.

Each route's expected rule is written once in ``EXPECTED`` below; ``OUTCOMES`` says what
that rule means for each visitor. A route missing from ``EXPECTED`` fails the test, so a
new route must be classified before it ships. Any 5xx fails whatever the rule.

Speed: one moto world per module (tests/helpers/worlds.py: the tables and five members are
built once); each route gets fresh objects for the ids in its path, and fresh sessions, so
what one route's request changes (a post deleted, a correspondence ended, a logout) never
reaches another.
"""
import pytest

from chalicelib.route_table import ROUTES

from helpers.web_client import WebClient
from helpers.worlds import aws, chalice_client, world  # noqa: F401  (the module's one world)

ALLOWED, LOGIN, DENIED = "allowed", "log-in asked", "denied"
# "member" owns what a path names (thread, post, medication, correspondence); "other" is a
# member with no part in it; "unverified" has not confirmed their address yet, and is only
# asked where that matters (member and verified routes). The owner asks last, so whatever
# their request changes cannot hide how the others were refused.
VISITORS = ("anonymous", "other", "unverified", "moderator", "admin", "member")

OUTCOMES = {
    "public": dict.fromkeys(set(VISITORS) - {"unverified"}, ALLOWED),
    "member": {"anonymous": LOGIN, "other": ALLOWED, "unverified": ALLOWED,
               "moderator": ALLOWED, "admin": ALLOWED, "member": ALLOWED},
    # Posting and reacting wait for a confirmed address; reading and settings do not.
    "verified": {"anonymous": LOGIN, "other": ALLOWED, "unverified": DENIED,
                 "moderator": ALLOWED, "admin": ALLOWED, "member": ALLOWED},
    "owner": {"anonymous": LOGIN, "other": DENIED, "moderator": DENIED, "admin": DENIED,
              "member": ALLOWED},
    "moderator": {"anonymous": LOGIN, "other": DENIED, "moderator": ALLOWED, "admin": ALLOWED,
                  "member": DENIED},
    "admin": {"anonymous": LOGIN, "other": DENIED, "moderator": DENIED, "admin": ALLOWED,
              "member": DENIED},
    # A journal its owner shares with members: any member sees it, a visitor gets the same
    # 404 as for a private journal (sharing is never confirmed to the public).
    "shared": {"anonymous": DENIED, "other": ALLOWED, "moderator": ALLOWED, "admin": ALLOWED,
               "member": ALLOWED},
    # The emailed token is the credential: being logged in changes nothing. The matrix sends
    # an unknown token, which everyone must be refused alike (never asked to log in).
    "token": dict.fromkeys(set(VISITORS) - {"unverified"}, "same for everyone"),
}

EXPECTED = {
    ("GET", "/"): "public",
    ("GET", "/about"): "public",
    ("GET", "/search"): "public",
    ("GET", "/admin/categories"): "admin",
    ("GET", "/admin/categories/new"): "admin",
    ("POST", "/admin/categories/new"): "admin",
    ("GET", "/admin/categories/{slug}"): "admin",
    ("POST", "/admin/categories/{slug}"): "admin",
    ("GET", "/blocks"): "member",
    ("POST", "/blocks"): "member",
    ("POST", "/blocks/remove"): "member",
    ("GET", "/c/{slug}"): "public",
    ("GET", "/c/{slug}/feed"): "public",
    ("GET", "/c/{slug}/new"): "verified",
    ("POST", "/c/{slug}/new"): "verified",
    ("GET", "/crisis"): "public",
    ("GET", "/start"): "public",
    ("GET", "/draft"): "member",
    ("GET", "/feed"): "public",
    ("GET", "/guidelines"): "public",
    ("GET", "/journal"): "member",
    ("GET", "/journal/check-in"): "member",
    ("POST", "/journal/check-in"): "member",
    ("GET", "/journal/export.csv"): "member",
    ("GET", "/journal/export.json"): "member",
    ("GET", "/journal/medications/new"): "member",
    ("POST", "/journal/medications/new"): "member",
    ("GET", "/journal/medications/{medication_id}"): "owner",
    ("POST", "/journal/medications/{medication_id}"): "owner",
    ("POST", "/journal/medications/{medication_id}/doses/remove"): "owner",
    ("POST", "/journal/medications/{medication_id}/remove"): "owner",
    ("GET", "/journal/sharing"): "member",
    ("POST", "/journal/sharing"): "member",
    ("GET", "/journal/symptoms"): "member",
    ("POST", "/journal/symptoms"): "member",
    ("GET", "/journal/time-zone"): "member",
    ("POST", "/journal/time-zone"): "member",
    ("GET", "/letters"): "member",
    ("GET", "/letters/{correspondence_id}"): "owner",
    ("POST", "/letters/{correspondence_id}"): "owner",
    ("POST", "/letters/{correspondence_id}/accept"): "owner",
    ("POST", "/letters/{correspondence_id}/decline"): "owner",
    ("POST", "/letters/{correspondence_id}/end"): "owner",
    ("POST", "/letters/{correspondence_id}/pause"): "owner",
    ("GET", "/letters/{correspondence_id}/report/{letter_id}"): "owner",
    ("POST", "/letters/{correspondence_id}/report/{letter_id}"): "owner",
    ("POST", "/letters/{correspondence_id}/resume"): "owner",
    ("GET", "/letters/{correspondence_id}/share"): "owner",
    ("POST", "/letters/{correspondence_id}/share"): "owner",
    ("POST", "/letters/{correspondence_id}/share/approve"): "owner",
    ("POST", "/letters/{correspondence_id}/share/decline"): "owner",
    ("POST", "/letters/{correspondence_id}/share/unpublish"): "owner",
    ("POST", "/letters/{correspondence_id}/withdraw"): "owner",
    ("GET", "/login"): "public",
    ("POST", "/login"): "public",
    ("POST", "/logout"): "public",
    ("GET", "/milestones"): "public",
    ("GET", "/mod"): "moderator",
    ("GET", "/mod/log"): "moderator",
    ("GET", "/mod/members/{handle}"): "moderator",
    ("POST", "/mod/members/{handle}/lift"): "moderator",
    ("POST", "/mod/members/{handle}/suspend"): "moderator",
    ("POST", "/mod/posts/{thread_id}/{post_id}"): "moderator",
    ("POST", "/mod/reports/{thread_id}/{post_id}"): "moderator",
    ("POST", "/mod/threads/{thread_id}"): "moderator",
    ("GET", "/mod/hidden-threads"): "moderator",
    ("GET", "/mod/threads/{thread_id}/hidden"): "moderator",
    ("GET", "/mod/threads/{thread_id}/hide"): "moderator",
    ("POST", "/mod/threads/{thread_id}/hide"): "moderator",
    ("POST", "/mod/threads/{thread_id}/restore"): "moderator",
    ("GET", "/moderation/letters"): "moderator",
    ("POST", "/moderation/letters/{correspondence_id}/{letter_id}"): "moderator",
    # The page itself explains who may see newcomers; only greeters and moderators get threads.
    ("GET", "/newcomers"): "public",
    ("POST", "/newcomers/greeters"): "moderator",
    ("GET", "/p/{thread_id}/{post_id}/delete"): "owner",
    ("POST", "/p/{thread_id}/{post_id}/delete"): "owner",
    ("GET", "/p/{thread_id}/{post_id}/edit"): "owner",
    ("POST", "/p/{thread_id}/{post_id}/edit"): "owner",
    ("POST", "/p/{thread_id}/{post_id}/react"): "verified",
    ("GET", "/peers"): "member",
    ("GET", "/peers/{handle}"): "member",
    ("POST", "/peers/{handle}"): "member",
    ("GET", "/preferences/{token}"): "token",
    ("POST", "/preferences/{token}"): "token",
    ("GET", "/privacy"): "public",
    ("GET", "/reset"): "public",
    ("POST", "/reset"): "public",
    ("GET", "/reset/{token}"): "token",
    ("POST", "/reset/{token}"): "token",
    ("GET", "/settings"): "member",
    ("GET", "/settings/delete"): "member",
    ("POST", "/settings/delete"): "member",
    ("GET", "/settings/email"): "member",
    ("POST", "/settings/email"): "member",
    ("GET", "/settings/email/reconfirm"): "member",
    ("POST", "/settings/email/reconfirm"): "member",
    ("GET", "/settings/export"): "member",
    ("GET", "/notifications"): "member",
    ("GET", "/notifications/open"): "member",
    ("POST", "/notifications/read"): "member",
    ("GET", "/settings/notifications"): "member",
    ("POST", "/settings/notifications"): "member",
    ("GET", "/settings/greeter"): "member",
    ("POST", "/settings/greeter"): "member",
    ("POST", "/settings/logout-everywhere"): "member",
    ("GET", "/settings/password"): "member",
    ("POST", "/settings/password"): "member",
    ("GET", "/settings/peer-profile"): "member",
    ("POST", "/settings/peer-profile"): "member",
    ("GET", "/settings/subscriptions"): "member",
    ("POST", "/settings/subscriptions"): "member",
    ("POST", "/settings/verify"): "member",
    ("GET", "/signup"): "public",
    ("POST", "/signup"): "public",
    ("GET", "/static/{name}"): "public",
    ("GET", "/favicon.ico"): "public",
    ("GET", "/subscribe"): "public",
    ("POST", "/subscribe"): "public",
    ("GET", "/subscribe/confirm/{token}"): "token",
    ("POST", "/subscribe/confirm/{token}"): "token",
    ("GET", "/t/{thread_id}"): "public",
    ("POST", "/t/{thread_id}/follow"): "member",
    ("POST", "/t/{thread_id}/milestone"): "owner",
    ("GET", "/t/{thread_id}/p/{post_id}"): "public",
    ("GET", "/t/{thread_id}/p/{post_id}/report"): "member",
    ("POST", "/t/{thread_id}/p/{post_id}/report"): "member",
    ("POST", "/t/{thread_id}/pin"): "moderator",
    ("GET", "/t/{thread_id}/reply"): "verified",
    ("POST", "/t/{thread_id}/reply"): "verified",
    ("GET", "/u/{handle}"): "public",
    ("GET", "/u/{handle}/block"): "member",
    ("GET", "/u/{handle}/journal"): "shared",
    ("GET", "/unanswered"): "public",
    ("GET", "/new"): "member",
    ("POST", "/new/read"): "member",
    ("GET", "/saved"): "member",
    ("POST", "/p/{thread_id}/{post_id}/save"): "member",
    ("GET", "/unsubscribe/{token}"): "token",
    ("POST", "/unsubscribe/{token}"): "token",
    ("GET", "/verify/{token}"): "token",
    ("POST", "/verify/{token}"): "token",
    ("GET", "/welcome"): "member",
}

# The least a form needs for the request to reach its checks (a report must name a reason).
FORMS = {
    "/t/{thread_id}/p/{post_id}/report": {"reason": "spam"},
    "/p/{thread_id}/{post_id}/save": {"save": "yes"},
    "/mod/threads/{thread_id}/hide": {"reason": "spam"},
}
# A 404 that comes after the rule was checked: with no kept draft there is nothing to restore.
NOT_FOUND_AFTER_CHECK = {("GET", "/draft")}
# Routes whose one allowed request uses up its object (a resolved report leaves the queue):
# each visitor gets fresh ids.
FRESH_FOR_EACH_VISITOR = {("POST", "/moderation/letters/{correspondence_id}/{letter_id}"),
                          ("POST", "/mod/reports/{thread_id}/{post_id}")}

CELLS = [(method, path) for methods, path, _target in ROUTES for method in methods]


def test_every_route_has_an_expectation():
    missing = [f"{method} {path}" for method, path in CELLS if (method, path) not in EXPECTED]
    stale = [f"{method} {path}" for method, path in EXPECTED if (method, path) not in CELLS]
    assert not missing, f"classify these routes in EXPECTED: {missing}"
    assert not stale, f"these routes are gone from the route table: {stale}"
    assert set(EXPECTED.values()) <= set(OUTCOMES)


def outcome(page):
    """Sort a response into allowed, log-in asked or denied; a 5xx fails here."""
    assert page.status < 500, f"{page.status}: {page.text[:300]}"
    if page.status == 303 and "/login?next=" in (page.location or ""):
        return LOGIN
    if page.status in (401, 403) and page.soup.find(
            "a", href=lambda href: href and "/login?next=" in href) is not None:
        return LOGIN
    if page.status in (403, 404):
        return DENIED
    return ALLOWED


@pytest.mark.parametrize("method, path", CELLS, ids=[f"{m} {p}" for m, p in CELLS])
def test_route_answers_each_visitor_as_its_rule_says(world, chalice_client, method, path):
    rule = EXPECTED.get((method, path))
    assert rule is not None, f"{method} {path} has no expectation in EXPECTED"
    ids, form = world.ids_for(path, FORMS)
    expected = OUTCOMES[rule]
    seen = {}
    for visitor in [visitor for visitor in VISITORS if visitor in expected]:
        if (method, path) in FRESH_FOR_EACH_VISITOR and visitor != VISITORS[0]:
            ids, form = world.ids_for(path, FORMS)
        client = WebClient(chalice_client)
        if visitor != "anonymous":
            person = world.people[visitor]
            person.refresh()  # another route may have logged them out everywhere
            client.login(person)
        url = path.format(**ids)
        page = client.get(url) if method == "GET" else client.post(url, form)
        result = outcome(page)
        if result == DENIED and page.status == 404 and (method, path) in NOT_FOUND_AFTER_CHECK:
            result = ALLOWED
        seen[visitor] = (result, page.status)
    if rule == "token":
        assert len({status for _, status in seen.values()}) == 1, seen
        assert LOGIN not in {result for result, _ in seen.values()}, seen
        return
    wrong = {visitor: result for visitor, result in seen.items()
             if result[0] != expected[visitor]}
    assert not wrong, f"{method} {path} ({rule}): expected {expected}, got {seen}"
