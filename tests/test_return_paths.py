"""The log-in return path stays on this site, read as a browser reads it (issue 15 #1),
and a visitor opening a member page is sent to log in and brought back (issue 20 #3)."""
from urllib.parse import parse_qs, urlsplit

from hypothesis import example, given, settings, strategies as st

from chalicelib.web import safe_next

from helpers.factories import PASSWORD
from helpers.fuzzing import examples

# Known open-redirect payloads: each one, given to a browser as a Location, leaves the site.
OPEN_REDIRECTS = [
    "/\t/evil.example/", "/\n/evil.example", "/\r\n/evil.example", "/\r/evil.example",
    "//evil.example", "///evil.example", "////evil.example", "/\\evil.example",
    "/\\/evil.example", "\\/\\/evil.example", "\\\\evil.example", "\\evil.example",
    "https:evil.example", "https://evil.example", "http:/evil.example", "javascript:alert(1)",
    "JaVaScRiPt:alert(1)", " //evil.example", "\t//evil.example", "/\t\t/evil.example",
    "/\t\\evil.example", "/\\\t\\evil.example", "//evil.example/%2f..", "//evil%2eexample",
    "evil.example", "@evil.example", "data:text/html,<script>alert(1)</script>",
    "/\x00/evil.example", "\x0b//evil.example", "\x0c//evil.example", "//\tevil.example",
    "/\u0009/evil.example", "/\\[", "//[", "/\\[::1]/", "/\t/[", "", None,
]


def browser_location(target):
    """Where a browser goes when told ``Location: target`` from https://lantern.example/."""
    cleaned = "".join(c for c in target.strip("\x00\x20\x1f" + "".join(map(chr, range(32))))
                      if c not in "\t\n\r").replace("\\", "/")
    parts = urlsplit(cleaned)
    return parts.scheme, parts.netloc


def stays_here(target):
    scheme, netloc = browser_location(target)
    return not scheme and not netloc and target.startswith("/") and not target.startswith("//")


def test_known_open_redirect_payloads_go_home():
    for payload in OPEN_REDIRECTS:
        assert safe_next(payload) == "/", repr(payload)


def test_paths_on_this_site_are_kept():
    for path in ["/", "/settings", "/t/abc?page=2", "/search?q=tapering+slowly",
                 "/%09/evil.example", "/u/juniper#posts", "/c/support/feed.xml"]:
        assert safe_next(path) == path


@settings(max_examples=examples(400), deadline=None)
@given(st.text(alphabet=st.sampled_from("/\\\t\n\r :@.%?#[]ae09\x00\x0b\u3000"), max_size=12)
       | st.text(max_size=20).map(lambda text: "/" + text))
@example("/\\[")  # once a 500: urlsplit raised "Invalid IPv6 URL" on "//["
def test_whatever_the_return_path_the_browser_stays_on_this_site(target):
    answer = safe_next(target)
    assert answer.startswith("/") and stays_here(answer), (target, answer)
    assert not any(ord(c) < 0x20 for c in answer)


def log_in(client, handle, next_path):
    return client.post("/login", {"identifier": handle, "password": PASSWORD,
                                  "next": next_path})


def test_tab_in_the_return_path_no_longer_leaves_the_site(client, make):
    make.member(handle="juniper")
    assert log_in(client, "juniper", "/\t/evil.example/").location == "/"


def test_a_return_path_urlsplit_cannot_read_logs_in_and_goes_home(client, make):
    make.member(handle="juniper")
    assert client.get("/login?next=/%5C%5B").status == 200
    assert log_in(client, "juniper", "/\\[").location == "/"


def test_a_visitor_is_sent_to_log_in_and_brought_back_with_the_query(client, make):
    make.member(handle="juniper")
    page = client.get("/journal?month=2026-03&view=chart")
    assert page.status == 303
    target = urlsplit(page.location)
    assert target.path == "/login"
    wanted = parse_qs(target.query)["next"][0]
    assert wanted == "/journal?month=2026-03&view=chart"
    form = client.follow(page)
    assert form.status == 200 and form.value_of("next") == wanted
    assert log_in(client, "juniper", wanted).location == wanted


def test_a_route_with_an_id_comes_back_to_that_id(client, make):
    owner = make.member(handle="juniper")
    make.member(handle="harbor")
    page = client.get("/u/juniper/block")
    assert page.status == 303
    assert parse_qs(urlsplit(page.location).query)["next"] == ["/u/juniper/block"]
    assert owner.handle == "juniper"


def test_a_post_by_a_visitor_still_answers_with_the_text_kept(client, make):
    thread = make.thread()
    page = client.post(f"/t/{thread.thread_id}/reply", {"body": "My words, kept."})
    assert page.status in (400, 403) and "My words, kept." in page.text
