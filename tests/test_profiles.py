"""Peer profiles: editing, members-only visibility, and Find peers from the sparse listing."""
import pytest

from chalicelib.models.profiles import PeerListing, Profile
from chalicelib.profiles import editing, listing

BASE = {"bio": None, "medication_classes": None, "stage": None, "year_started": None,
        "open_to_new": False, "availability_note": None, "max_open": 3,
        "letter_notifications": "immediately"}


def set_profile(member, **values):
    return editing.save_profile(member, {**BASE, **values})


def test_settings_page_saves_every_field(member_client, member):
    page = member_client.get("/settings/peer-profile")
    assert page.status == 200
    assert page.soup.find("label", string="A short bio")
    page = member_client.post("/settings/peer-profile", {
        "bio": "Off paroxetine two years.\nHappy to write.", "medication_classes": ["ssris", "benzodiazepines"],
        "stage": "mostly-healed", "year_started": "2019", "open_to_new": "yes",
        "availability_note": "I reply weekly.", "max_open": "2", "letter_notifications": "daily"})
    assert page.status == 303
    page = member_client.follow()
    assert "has been saved" in page.text
    profile = Profile.get(member.member_id)
    assert profile.medication_classes == ["benzodiazepines", "ssris"]  # the list's order
    assert (profile.stage, profile.year_started, profile.max_open) == ("mostly-healed", 2019, 2)
    assert profile.open_to_new and profile.letter_notifications == "daily"
    assert page.value_of("year_started") == "2019"
    assert page.soup.find("input", {"name": "open_to_new"}).has_attr("checked")


def test_bad_settings_show_field_errors_and_keep_the_text(member_client, member):
    page = member_client.post("/settings/peer-profile", {
        "bio": "x" * 1001, "year_started": "1850", "stage": "flying", "open_to_new": "yes"})
    assert page.status == 400
    assert "1000 characters" in page.field_error("bio")
    assert page.field_error("year_started")
    assert page.field_error("stage")
    assert page.value_of("bio") == "x" * 1001
    assert page.soup.find("input", {"name": "open_to_new"}).has_attr("checked")
    assert not Profile.count()


@pytest.mark.parametrize("path", ["/peers", "/peers/someone", "/settings/peer-profile",
                                  "/letters"])
def test_peer_pages_are_for_logged_in_members_only(client, make, path):
    make.member(handle="someone")
    page = client.get(path)
    assert page.asks_to_log_in
    assert "log in" in client.follow(page).text.lower()


def test_peer_pages_are_never_indexed(member_client, make):
    other = make.member()
    set_profile(other, open_to_new=True)
    for path in ("/peers", f"/peers/{other.handle}"):
        page = member_client.get(path)
        assert page.headers["x-robots-tag"] == "noindex, nofollow"
        assert page.soup.find("meta", {"name": "robots"})["content"].startswith("noindex")


def test_listing_rows_follow_availability_and_filters(make):
    member = make.member()
    set_profile(member, open_to_new=True, stage="tapering", medication_classes=["ssris", "other"])
    names = {row.listing for row in PeerListing.query("all")} | {
        name for name, _ in listing.rows_for(Profile.get(member.member_id))}
    assert names == {"all", "stage:tapering", "class:ssris", "class:other",
                     "class:ssris|stage:tapering", "class:other|stage:tapering"}
    set_profile(member, open_to_new=True, stage="tapering", medication_classes=["ssris"])
    assert not list(PeerListing.query("class:other"))
    set_profile(member, open_to_new=False, stage="tapering", medication_classes=["ssris"])
    assert sum(1 for name in names for _ in PeerListing.query(name)) == 0


def test_find_peers_filters_and_puts_those_further_along_first(member_client, make):
    healed = make.member(handle="healed")
    tapering = make.member(handle="tapering1")
    no_stage = make.member(handle="nostage")
    closed = make.member(handle="closedone")
    set_profile(tapering, open_to_new=True, stage="tapering", medication_classes=["ssris"],
                bio="Month three.\nSecond line stays off the card.")
    set_profile(healed, open_to_new=True, stage="mostly-healed", medication_classes=["ssris", "benzodiazepines"])
    set_profile(no_stage, open_to_new=True, medication_classes=["ssris"])
    set_profile(closed, open_to_new=False, stage="mostly-healed", medication_classes=["ssris"])

    def handles(page):
        return [a.get_text() for a in page.soup.select(".peer-card .thread-title a")]

    page = member_client.get("/peers")
    assert handles(page) == ["healed", "tapering1", "nostage"]
    card = page.soup.select(".peer-card")[1]
    assert "Month three." in card.get_text() and "Second line" not in card.get_text()
    assert "0 of 3 correspondences open" in card.get_text(" ", strip=True)
    assert handles(member_client.get("/peers?class=benzodiazepines")) == ["healed"]
    assert handles(member_client.get("/peers?class=ssris&stage=tapering")) == ["tapering1"]
    assert handles(member_client.get("/peers?stage=considering")) == []


def test_find_peers_paginates_with_a_cursor(member_client, make, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    for number in range(5):
        set_profile(make.member(handle=f"peer{number}"), open_to_new=True)
    seen = []
    page = member_client.get("/peers")
    while True:
        seen += [a.get_text() for a in page.soup.select(".peer-card .thread-title a")]
        more = page.soup.find("a", rel="next")
        if not more:
            break
        page = member_client.get(more["href"])
    assert sorted(seen) == [f"peer{number}" for number in range(5)]


def test_a_profile_edit_keeps_the_open_count(make):
    member = make.member()
    set_profile(member, open_to_new=True)
    Profile(member_id=member.member_id).update(actions=[Profile.open_count.add(2)])
    set_profile(member, open_to_new=True, bio="Edited.")
    assert Profile.get(member.member_id).open_count == 2


def test_peer_profile_shows_details_to_members(member_client, make):
    other = make.member(handle="writer")
    set_profile(other, open_to_new=True, stage="protracted", medication_classes=["snris"],
                availability_note="Slow replies, but I reply.", year_started=2020)
    page = member_client.get("/peers/writer")
    text = page.soup.get_text(" ", strip=True)
    assert "In protracted withdrawal" in text and "SNRIs" in text and "2020" in text
    assert "Slow replies" in text
    assert page.soup.find("label", string="Your introduction")
