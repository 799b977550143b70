"""Every page a visitor and each kind of member can reach passes the Nu HTML Checker.

The demo seed gives the pages real content (threads, a journal with months of data,
profiles, letters); a crawler follows every same-site link from a few starting pages as
a visitor, a member, a moderator and an admin, and one vnu run checks all the pages.
"""
import os
import re
from urllib.parse import urlsplit

import pytest

from chalicelib.platform import members
from chalicelib.route_table import ROUTES
from helpers import vnu
from helpers.web_client import WebClient
from ops import seed

pytestmark = pytest.mark.skipif(vnu.java() is None,
                                reason="no java on this machine (.ci/run installs "
                                       "default-jre-headless); the HTML check needs it")

START = ["/", "/search?q=Zoloft", "/search?q=xylophone&category=support",
         "/search?q=zaps&since=31-12-2023", "/start", "/about", "/crisis", "/guidelines", "/privacy", "/login", "/signup",
         "/reset", "/subscribe", "/milestones", "/unanswered", "/newcomers", "/peers",
         "/journal", "/journal/check-in", "/journal/medications/new", "/letters", "/settings",
         "/welcome", "/blocks", "/mod", "/mod/log", "/moderation/letters", "/admin/categories",
         "/admin/categories/new", "/c/introductions/new", "/u/juniper/journal",
         "/t/no-such-thread"]
ROLES = [None, "juniper", "willow", "keeper"]  # visitor, member, moderator, admin
# Pages of one route checked per role: enough to meet each template's variations.
PER_ROUTE = 3
# Downloads, feeds and files are not HTML pages.
NOT_PAGES = re.compile(r"^/(static/|dev/)|/feed$|\.(csv|json)$|^/settings/export$")
KNOWN_BAD = ('<!doctype html><html lang="en"><title>x</title>'
             '<p><time datetime="2026-01-01T00:00:00.123456Z">six digits</time>')
PATTERNS = [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path)
            for methods, path, _ in ROUTES if "GET" in methods]


def route_of(path):
    return next((name for pattern, name in PATTERNS if pattern.match(path)), None)


def crawl(client, limit_per_route=PER_ROUTE):
    """{url: html} for every same-site page reachable from START, a few per route."""
    queue, seen, pages, per_route = list(START), set(START), {}, {}
    while queue:
        url = queue.pop(0)
        route = route_of(urlsplit(url).path) or url
        if per_route.get(route, 0) >= limit_per_route:
            continue
        per_route[route] = per_route.get(route, 0) + 1
        page = client.get(url)
        if not page.headers.get("content-type", "").startswith("text/html"):
            continue
        pages[url] = page.text
        for link in page.soup.find_all("a", href=True):
            target = link["href"].split("#")[0]
            if (target.startswith("/") and not target.startswith("//")
                    and target not in seen and not link.has_attr("download")
                    and not NOT_PAGES.search(urlsplit(target).path)):
                seen.add(target)
                queue.append(target)
    return pages


def test_every_reachable_page_passes_the_nu_html_checker(client, tmp_path):
    try:
        vnu.ensure_jar()
    except vnu.Unavailable as error:
        pytest.fail(str(error))
    seed.seed_demo_content()
    where = {}
    for role in ROLES:
        browser = WebClient(client.chalice)
        if role:
            browser.login(members.member_by_handle(role))
        for number, (url, html) in enumerate(crawl(browser).items()):
            name = f"{role or 'visitor'}-{number:03d}.html"
            (tmp_path / name).write_text(html, encoding="utf-8")
            where[name] = f"{role or 'visitor'} {url}"
    assert len(where) > 120  # the crawl reached the site, not just a login page
    # A page known to be invalid proves the checker really ran and reported.
    (tmp_path / "known-bad.html").write_text(KNOWN_BAD, encoding="utf-8")
    errors = vnu.check_folder(str(tmp_path))
    assert "known-bad.html" in errors, "vnu reported nothing, not even the known bad page"
    del errors["known-bad.html"]
    report = [f"{where.get(name, name)}:\n    " + "\n    ".join(found)
              for name, found in sorted(errors.items())]
    assert not errors, f"{len(errors)} of {len(where)} pages fail vnu:\n" + "\n".join(report)


def test_the_crawler_knows_each_route_and_skips_downloads():
    assert route_of("/t/01ABC") == "/t/{thread_id}"
    assert route_of("/journal/medications/01ABC") == "/journal/medications/{medication_id}"
    assert NOT_PAGES.search("/journal/export.csv") and NOT_PAGES.search("/c/support/feed")
    assert not NOT_PAGES.search("/journal")
    assert os.path.basename(vnu.JAR) == "vnu.jar"
