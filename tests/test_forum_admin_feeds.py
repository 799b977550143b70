"""Admins edit categories in the web UI; Atom feeds per category and for Latest."""
import xml.etree.ElementTree as ElementTree

import pytest

from chalicelib.models.forum import Category

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def admin_client(client, make):
    client.login(make.member(role="admin"))
    return client


@pytest.mark.parametrize("path", ["/admin/categories", "/admin/categories/new",
                                  "/admin/categories/support"])
@pytest.mark.parametrize("role", [None, "member", "moderator"])
def test_only_admins_reach_category_editing(client, make, path, role):
    make.category("support")
    if role:
        client.login(make.member(role=role))
        assert client.get(path).status == 403
    else:
        assert client.get(path).asks_to_log_in
    if path != "/admin/categories":
        assert client.post(path, {"name": "Taken over", "slug": "support"}).status == 403
    assert Category.get("site", "support").name == "Support"


def test_admin_adds_a_category_that_appears_on_the_home_page(admin_client):
    form = admin_client.get("/admin/categories/new")
    assert form.soup.find("label", string="Address")
    page = admin_client.post("/admin/categories/new", {
        "name": "Sleep", "slug": "sleep", "description": "Rest and insomnia.",
        "position": "3", "stale_after_days": "90"})
    assert page.status == 303
    assert "Saved" in admin_client.follow().text
    category = Category.get("site", "sleep")
    assert (category.name, category.position, category.stale_after_days) == ("Sleep", 3, 90)
    assert admin_client.get("/").soup.find("a", string="Sleep")


def test_admin_edits_name_description_order_and_stale_override(admin_client, make):
    make.category("support")
    form = admin_client.get("/admin/categories/support")
    assert form.value_of("name") == "Support"
    admin_client.post("/admin/categories/support", {
        "name": "Withdrawal support", "slug": "support", "description": "Ask for help.",
        "position": "1", "stale_after_days": "45"})
    category = Category.get("site", "support")
    assert (category.name, category.description, category.position,
            category.stale_after_days) == ("Withdrawal support", "Ask for help.", 1, 45)
    admin_client.post("/admin/categories/support", {
        "name": "Withdrawal support", "slug": "support", "position": "1",
        "stale_after_days": ""})
    assert Category.get("site", "support").stale_after_days is None


def test_bad_category_input_is_shown_beside_the_field(admin_client, make):
    make.category("support")
    make.category("other")
    page = admin_client.post("/admin/categories/new", {
        "name": "", "slug": "Not A Slug", "position": "-1", "stale_after_days": "soon"})
    assert page.status == 400
    for field in ("name", "slug", "position", "stale_after_days"):
        assert page.field_error(field), field
    assert page.value_of("slug") == "Not A Slug"
    taken = admin_client.post("/admin/categories/new", {"name": "Again", "slug": "support"})
    assert "already uses" in taken.field_error("slug")
    moved = admin_client.post("/admin/categories/other", {"name": "Other", "slug": "support"})
    assert "already uses" in moved.field_error("slug")


def test_slug_changes_only_while_a_category_is_empty(admin_client, make):
    make.category("empty")
    assert admin_client.post("/admin/categories/empty", {
        "name": "Moved", "slug": "moved", "position": "2"}).status == 303
    assert Category.get("site", "moved").name == "Moved"
    assert Category.count("site", Category.slug == "empty") == 0
    make.thread(category_slug="busy")
    page = admin_client.post("/admin/categories/busy", {"name": "Busy", "slug": "renamed"})
    assert page.status == 400 and "cannot change" in page.field_error("slug")


def test_category_and_latest_feeds(client, make):
    make.category("support", name="Withdrawal support")
    older = make.thread(title="Older <thread> & more")
    newer = make.thread(title="Newer thread")
    make.reply(older, body="bump")
    page = client.get("/c/support/feed")
    assert page.status == 200
    assert page.headers["content-type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(page.response.body)
    assert feed.find(f"{ATOM}title").text == "Withdrawal support · Lantern"
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Older <thread> & more", "Newer thread"]
    link = feed.find(f"{ATOM}entry").find(f"{ATOM}link").get("href")
    assert link == f"https://lantern.test/t/{older.thread_id}"
    latest = ElementTree.fromstring(client.get("/feed").response.body)
    assert len(list(latest.iter(f"{ATOM}entry"))) == 2
    assert client.get("/").soup.find("link", type="application/atom+xml")
    assert newer.thread_id in client.get("/feed").text
    assert client.get("/c/nope/feed").status == 404
