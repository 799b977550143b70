"""What the journal shows in the forum: the signature under posts, the introduction header,
and what they cost the thread page in DynamoDB requests."""
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from chalicelib.core import clock
from chalicelib.journal import entries
from chalicelib.models.forum import Post

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def owner(make):
    """juniper, on sertraline 100 mg -> 75 mg, with two threads and a week of check-ins."""
    member = make.member(handle="juniper")
    medication = entries.add_medication(member.member_id, "sertraline", "ssris", "mg", NOW)
    entries.add_dose_change(member.member_id, medication.medication_id, date(2025, 3, 1),
                            Decimal(100), "", NOW)
    entries.add_dose_change(member.member_id, medication.medication_id, date(2025, 6, 1),
                            Decimal(75), "", NOW)
    today = clock.utcnow().date()
    for back in range(7):
        entries.save_check_in(member.member_id, today - timedelta(days=back), 3, 2,
                              [("Anxiety", 2)], "private note", NOW)
    member.medication_id = medication.medication_id
    return member


def _settings(client, owner, **choices):
    client.login(owner)
    form = {"sharing": "private", **choices}
    assert client.post("/journal/sharing", form).status == 303
    client.logout()


def signatures(page):
    return [p.get_text(" ", strip=True) for p in page.soup.select(".post .signature")]


def test_signature_appears_under_old_and_new_posts_follows_the_journal_and_goes(
        client, make, owner):
    thread = make.thread(author=owner, title="Hello from juniper", now=NOW - timedelta(days=30))
    make.reply(thread)  # someone without a signature
    path = f"/t/{thread.thread_id}"
    assert signatures(client.get(path)) == []

    _settings(client, owner, signature_on="on")
    make.reply(thread, author=owner, body="A newer post.")
    page = client.get(path)
    posts = page.soup.select(".post")
    assert [bool(post.select(".signature")) for post in posts] == [True, False, True]
    assert signatures(page)[0].endswith("sertraline 100 mg → 75 mg since 2025-03")

    # A new dose changes the signature under the old post too: the card changed, not the post.
    stored = [post.attribute_values for post in Post.query(thread.thread_id)]
    entries.add_dose_change(owner.member_id, owner.medication_id, date(2025, 9, 1),
                            Decimal("62.5"), "", NOW)
    assert all(text.endswith("sertraline 100 mg → 62.5 mg since 2025-03")
               for text in signatures(client.get(path)))
    assert [post.attribute_values for post in Post.query(thread.thread_id)] == stored

    _settings(client, owner)  # signature switched off
    assert signatures(client.get(path)) == []


def test_anonymous_thread_page_with_signatures_costs_two_requests(client, make, owner,
                                                                  dynamodb_requests):
    _settings(client, owner, signature_on="on")
    thread = make.thread(author=owner)
    for _ in range(3):
        make.reply(thread)
        make.reply(thread, author=owner)
    before = len(dynamodb_requests)
    page = client.get(f"/t/{thread.thread_id}")
    assert page.status == 200 and len(signatures(page)) == 4
    assert dynamodb_requests[before:] == ["Query", "BatchGetItem"]


def test_introduction_header_shows_the_chart_to_everyone_and_goes_when_withdrawn(
        client, make, owner, dynamodb_requests):
    intro = make.thread(author=owner, title="My introduction")
    other = make.thread(author=owner, title="Another thread")
    _settings(client, owner, intro_thread_id=intro.thread_id)

    before = len(dynamodb_requests)
    page = client.get(f"/t/{intro.thread_id}")  # anonymous
    assert dynamodb_requests[before:] == ["Query", "BatchGetItem"]  # the card holds the chart
    header = page.soup.select_one(".intro-journal")
    assert header is not None
    assert header.find("h2").get_text(strip=True) == "juniper’s taper journal, last 90 days"
    assert len(header.select("svg.journal-chart path.dose-step")) == 1
    rows = header.select("table.journal-table tbody tr")
    assert len(rows) == 7  # the week of check-ins (the dose changes are older)
    assert "private note" not in page.text  # notes never leave the journal this way
    assert signatures(page) == []  # the signature is a separate switch

    client.login(make.member())
    assert client.get(f"/t/{intro.thread_id}").soup.select_one(".intro-journal svg")
    client.logout()
    before = len(dynamodb_requests)
    assert client.get(f"/t/{other.thread_id}").soup.select_one(".intro-journal") is None
    assert dynamodb_requests[before:] == ["Query", "BatchGetItem"]

    _settings(client, owner)  # withdrawn
    assert client.get(f"/t/{intro.thread_id}").soup.select_one(".intro-journal") is None


def test_introduction_must_be_the_members_own_thread(client, make, owner):
    someone_elses = make.thread()
    client.login(owner)
    response = client.post("/journal/sharing", {"sharing": "private",
                                                "intro_thread_id": someone_elses.thread_id})
    assert response.status == 400
    client.logout()
    assert client.get(f"/t/{someone_elses.thread_id}").soup.select_one(".intro-journal") is None
