"""Member pages that read their own keys with the session (chalicelib/platform/own_reads.py)
behave as if the session had been checked first: nothing of the page without a live session,
the same answers for unknown and departed members, and a claim from before cards still works.
"""
from datetime import timedelta

import pytest

from chalicelib.core import clock

PAGES = ("/peers/{handle}", "/u/{handle}/block", "/u/{handle}/journal")


@pytest.fixture
def willow(make):
    from chalicelib.journal import sharing
    from chalicelib.profiles import editing

    willow = make.member(handle="Willow")
    editing.save_profile(willow, {
        "bio": "Slow and steady.", "medication_classes": None, "stage": None,
        "year_started": None, "open_to_new": True, "availability_note": None,
        "max_open": 5, "letter_notifications": "never"})
    sharing.update(willow.member_id, "members-chart", None, False, clock.utcnow())
    return willow


@pytest.mark.parametrize("path", PAGES)
def test_a_claim_from_before_cards_reads_the_member_row(client, make, willow, path):
    from chalicelib.models.members import UniqueClaim

    UniqueClaim.get("handle:willow").update(actions=[UniqueClaim.joined_at.remove()])
    client.login(make.member())
    page = client.get(path.format(handle="willow"))
    assert page.status == 200 and "Willow" in page.soup.h1.get_text()


@pytest.mark.parametrize("path", PAGES)
def test_a_departed_member_and_an_unknown_handle_are_not_found(client, make, willow, path):
    from chalicelib.accounts import deletion

    client.login(make.member())
    assert client.get(path.format(handle="nobody")).status == 404
    deletion.delete_account(willow, keep_posts=False, now=clock.utcnow())
    assert client.get(path.format(handle="willow")).status == 404


@pytest.mark.parametrize("path", ["/peers/willow", "/u/willow/block",
                                  "/settings/subscriptions"])
def test_a_suspended_member_is_sent_to_log_in(client, make, willow, path):
    from chalicelib.models import Member

    reader = make.member()
    client.login(reader)
    assert client.get(path).status == 200
    Member.get(reader.member_id).update(
        actions=[Member.suspended_until.set(clock.utcnow() + timedelta(days=3))])
    page = client.get(path)
    assert page.asks_to_log_in and "Willow" not in page.text


def test_a_dead_session_sees_no_shared_journal(client, make, willow):
    from chalicelib.platform import session_lifecycle

    reader = make.member()
    client.login(reader)
    assert client.get("/u/willow/journal").status == 200
    session_lifecycle.end_all_sessions(reader)
    page = client.get("/u/willow/journal")
    assert page.status == 404 and "Willow" not in page.soup.h1.get_text()


def test_a_block_either_way_makes_the_peer_unavailable(client, make, willow):
    from chalicelib.moderation import blocks

    reader = make.member()
    client.login(reader)
    assert client.get("/peers/willow").soup.select_one("form textarea[name=intro]")
    blocks.block(willow, reader, clock.utcnow())
    page = client.get("/peers/willow")
    assert page.soup.select_one("form textarea[name=intro]") is None
    assert "not available for new correspondence" in page.text
    assert "block" not in page.soup.select_one(".notice").get_text().lower()
