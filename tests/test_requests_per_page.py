"""DynamoDB requests per page (issue 16): every GET page of the route table, as a visitor
and as a member, on a small forum. An anonymous page reads at most 2 times; a member adds at
most 1 to a page both see; a member's thread page, What's new and Saved read twice, and so
do the member pages that read their own keys with the session (platform/own_reads.py).
bench/requests_per_page.py measures the same at 200 and 20,000 posts, with read units."""
import re

import pytest

from chalicelib.core import clock
from chalicelib.route_table import ROUTES

WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
# Pages over the bar today, with what they read (the closing note of issue 16 names them).
ANONYMOUS_OVER = {}
# Member-only pages: session + what the page needs.
MEMBER_ONLY_MOST = 3
MEMBER_ONLY_OVER = {"/settings/export": 18}
EXACT = {"/": (2, 3), "/c/{slug}": (2, 3), "/t/{thread_id}": (2, 2), "/unanswered": (2, 3),
         "/u/{handle}": (2, 3), "/new": (0, 2), "/saved": (0, 2),
         # Measured on the member's own: their peer page reads no blocks, the report form
         # of their own post no author (test_member_pages_of_someone_else_read_twice).
         "/peers/{handle}": (0, 2), "/u/{handle}/block": (0, 2), "/u/{handle}/journal": (0, 2),
         "/t/{thread_id}/p/{post_id}/report": (0, 1),
         # The session batch (with the categories' index), then the follows' Query and
         # their threads; the session batch, then the shares' and the letters' Queries.
         "/settings/subscriptions": (0, 3), "/letters/{correspondence_id}/share": (0, 3)}


@pytest.fixture
def ids(make, drain_streams):
    from chalicelib.correspondence import answering, asking, letters
    from chalicelib.forum import saved
    from chalicelib.journal import entries, sharing
    from chalicelib.profiles import editing

    now = clock.utcnow()
    author, friend = make.member(handle="juniper"), make.member(handle="willow")
    for person in (author, friend):
        editing.save_profile(person, {
            "bio": "Tapering.", "medication_classes": None, "stage": None,
            "year_started": None, "open_to_new": True, "availability_note": None,
            "max_open": 5, "letter_notifications": "never"})
    thread = make.thread(author=author, title="Week three")
    make.reply(thread, author=friend, body="Same here.")
    correspondence = answering.accept(author, asking.ask(friend, author, "Could we write?",
                                                      now=now), now=now)
    letter = letters.send_letter(friend, correspondence, "A first letter.", now=now)
    medication = entries.add_medication(author.member_id, "sertraline", "ssris", "mg", now)
    sharing.update(author.member_id, "members-all", None, True, now)
    saved.save(author, thread.thread_id, thread.thread_id, now=now)
    drain_streams()  # what the streams do a moment later is not a page's cost
    return author, {"slug": "support", "thread_id": thread.thread_id,
                    "post_id": thread.thread_id, "handle": "juniper", "name": "lantern.css",
                    "token": "not-a-real-token",
                    "correspondence_id": correspondence.correspondence_id,
                    "letter_id": letter.letter_id, "medication_id": medication.medication_id}


def measure(client, path, dynamodb_requests):
    before = len(dynamodb_requests)
    page = client.get(path)
    assert page.status < 500, (path, page.status)
    return page.status, len([name for name in dynamodb_requests[before:] if name not in WRITES])


def test_every_get_page_stays_within_its_reads(client, ids, dynamodb_requests):
    member, ids = ids
    results = {}
    for methods, route, _ in ROUTES:
        if "GET" not in methods:
            continue
        path = re.sub(r"\{(\w+)\}", lambda match: ids[match.group(1)], route)
        client.logout()
        anonymous = measure(client, path, dynamodb_requests)
        client.login(member)
        # A first visit may move a read position: then again.
        measure(client, path, dynamodb_requests)
        results[route] = anonymous, measure(client, path, dynamodb_requests)
    problems = []
    for route, ((anon_status, anon), (member_status, own)) in results.items():
        if route in EXACT and EXACT[route] != (anon, own):
            problems.append(f"{route}: {anon}/{own}, pinned at {EXACT[route]}")
        if anon_status == 200 and anon > ANONYMOUS_OVER.get(route, 2):
            problems.append(f"{route}: {anon} reads for a visitor")
        if anon_status == member_status == 200 and own > anon + 1:
            problems.append(f"{route}: a member adds {own - anon}")
        if anon_status != 200 and member_status == 200 \
                and own > MEMBER_ONLY_OVER.get(route, MEMBER_ONLY_MOST):
            problems.append(f"{route}: {own} reads for a member")
    assert problems == [], "\n".join(problems)


def test_member_pages_of_someone_else_read_twice(client, ids, make, dynamodb_requests):
    """The session with what the address names (a handle's claim, a post), then what that
    names (the other's profile and blocks, the post's author, the journal)."""
    from chalicelib.journal import sharing
    from chalicelib.models.forum import Post

    member, ids = ids
    sharing.update(make.member(handle="rowan").member_id, "members-chart", None, False,
                   clock.utcnow())
    client.login(member)
    reply = next(post for post in Post.query(ids["thread_id"]) if post.post_id != ids["post_id"])
    spent = {}
    for path in ("/peers/willow", "/u/willow/block", "/u/rowan/journal",
                 f"/t/{ids['thread_id']}/p/{reply.post_id}/report"):
        before = len(dynamodb_requests)
        assert client.get(path).status == 200, path
        spent[path] = dynamodb_requests[before:]
    assert set(map(tuple, spent.values())) <= {("BatchGetItem", "BatchGetItem"),
                                                ("BatchGetItem", "Query"),
                                                ("BatchGetItem", "GetItem")}, spent
    # An unknown handle: the session and the claim, then the page says so.
    before = len(dynamodb_requests)
    assert client.get("/u/nobody/block").status == 404
    assert dynamodb_requests[before:] == ["BatchGetItem"]


def test_a_visitors_profile_page_reads_the_claims_card_and_the_threads(client, make,
                                                                        dynamodb_requests):
    from chalicelib.accounts import roles
    from chalicelib.models.members import UniqueClaim
    from ops import card_backfill

    juniper = make.member(handle="Juniper")
    make.thread(author=juniper, title="My taper so far")
    before = len(dynamodb_requests)
    page = client.get("/u/juniper")
    assert dynamodb_requests[before:] == ["GetItem", "Query"]
    assert page.soup.h1.get_text(strip=True) == "Juniper" and "My taper so far" in page.text
    roles.set_role("juniper", "moderator")
    assert "Moderator" in client.get("/u/Juniper").soup.select_one(".badge").get_text()
    # A claim from before cards: the member row is read instead, until the backfill.
    UniqueClaim.get("handle:juniper").update(actions=[UniqueClaim.joined_at.remove()])
    before = len(dynamodb_requests)
    assert client.get("/u/juniper").status == 200 and len(dynamodb_requests) - before == 3
    assert card_backfill.backfill(progress=lambda text: None) >= 1
    claim = UniqueClaim.get("handle:juniper")
    assert (claim.handle, claim.role, claim.joined_at) == ("Juniper", "moderator",
                                                           juniper.created_at)
