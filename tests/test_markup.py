"""Markdown rendering: what members can format, and what can never get through."""
import re

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.core.markup import render_markdown
from helpers.fuzzing import examples

SAFE_SCHEMES = ("http:", "https:", "mailto:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "background", "poster")

# Known payloads (OWASP XSS filter evasion cheat sheet and friends), in Markdown and raw HTML.
XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pixel](data:image/png;base64,iVBORw0KGgo=)",
    "![x](javascript:alert(1))",
    "![x\" onerror=\"alert(1)](http://example.org/x.png)",
    "[x](http://example.org \"title\" onmouseover=alert(1))",
    "[x](http://example.org\" onmouseover=\"alert(1))",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "[a]: javascript:alert(1)\n\n[a]",
    "```html\n<script>alert(1)</script>\n```",
    "`<script>`",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<details open ontoggle=alert(1)>",
    "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
    "<!--<script>-->alert(1)",
    "<style>@import 'http://xss.example/x.css';</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "| a |\n|---|\n| <script>alert(1)</script> |",
    "> <img src=x onerror=alert(1)>",
    "www.example.org/<script>alert(1)</script>",
]


def assert_safe(html):
    assert "<script" not in html.lower()
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in {"script", "style", "iframe", "object", "embed", "img", "svg",
                                "math", "form", "meta", "link", "base"}, html
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), html
            assert name.lower() != "style", html
            if name.lower() in URL_ATTRIBUTES:
                # What a browser would see once entities are decoded and spaces dropped.
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                assert ":" not in url.split("/")[0] or url.startswith(SAFE_SCHEMES), html


def test_every_known_payload_is_neutralised():
    for payload in XSS_CORPUS:
        assert_safe(render_markdown(payload))


def test_raw_html_is_shown_as_text():
    html = render_markdown("<b>bold?</b>")
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_links_get_rel_and_only_safe_schemes():
    html = render_markdown("[guide](https://example.org/taper) and mailto:help@example.org")
    link = BeautifulSoup(html, "html.parser").find("a")
    assert link["href"] == "https://example.org/taper"
    assert set(link["rel"]) == {"nofollow", "ugc", "noopener", "noreferrer"}


def test_remote_images_are_links_not_images():
    soup = BeautifulSoup(render_markdown("![chart](https://tracker.example/p.gif)"), "html.parser")
    assert soup.find("img") is None
    assert soup.find("a")["href"] == "https://tracker.example/p.gif"
    assert "image: chart" in soup.get_text()


def test_tables_strikethrough_and_autolinks():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ https://example.org")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("table") and soup.find("s")
    assert soup.find("a", href="https://example.org")


FRAGMENTS = st.sampled_from([
    "<", ">", "\"", "'", "`", "(", ")", "[", "]", "!", ":", "&", "#", ";", "\n", " ", "\t",
    "javascript:", "JaVaScRiPt:", "data:", "vbscript:", "&#106;", "&#x6A;", "&colon;",
    "<script>", "</script>", "<img", " src=", " onerror=", " onload=", "alert(1)", "<a ",
    " href=", "<svg", "<iframe", "http://x.org", "https://x.org/a?b=c", "www.x.org",
    "mailto:a@b.org", "**", "_", "~~", "|", "---", "> ", "- ", "1. ", "```", "\\",
])


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=40).map("".join))
def test_no_generated_source_gets_anything_dangerous_through(source):
    assert_safe(render_markdown(source))
