"""Markdown to safe HTML: CommonMark (markdown-it-py), then an nh3 allowlist.

Rendered once when a post is written and stored beside its source, so reading a thread
does no Markdown work. Remote images become links: a post cannot carry a tracking pixel.
"""
from functools import lru_cache

ALLOWED_TAGS = {"p", "br", "strong", "em", "del", "s", "a", "ul", "ol", "li", "blockquote",
                "code", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead",
                "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"},
                      "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener noreferrer"


def _image_as_link(renderer, tokens, index, options, env):
    from markdown_it.common.utils import escapeHtml

    token = tokens[index]
    source = str(token.attrGet("src") or "")
    alt = "".join(child.content for child in (token.children or [])) or "image"
    if source.lower().startswith(("http://", "https://")):
        return f'<a href="{escapeHtml(source)}">image: {escapeHtml(alt)}</a>'
    # data:, relative or other sources: nothing to load and nothing to follow.
    return f"image: {escapeHtml(alt)}"


@lru_cache(maxsize=1)
def parser():
    from markdown_it import MarkdownIt

    from chalicelib.core.mentions import mention_rule

    parser = MarkdownIt("commonmark", {"html": False, "linkify": True})
    parser.enable(["table", "strikethrough", "linkify"])
    parser.add_render_rule("image", _image_as_link)
    parser.core.ruler.push("mentions", mention_rule)
    return parser


def render_markdown(source, mentions=None):
    """Safe HTML for ``source``; raw HTML in the source is shown as text.

    ``mentions``: lower-case handle -> handle of the members whose ``@handle`` becomes a
    link to their profile (chalicelib/platform/mentions.py resolves them).
    """
    import nh3

    html = parser().render(source, {"mentions": mentions or {}})
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=LINK_REL, strip_comments=True)


def mentioned_handles(source):
    """The distinct handles ``source`` mentions (``@handle`` outside code and links), lower
    case, in order of appearance (chalicelib/core/mentions.py)."""
    found = []
    parser().parse(source or "", {"collect": found})
    return list(dict.fromkeys(found))


def plain_excerpt(source, length=200):
    """A short plain-text excerpt (emails, feeds): Markdown stripped, never HTML."""
    import nh3

    import html

    text = html.unescape(nh3.clean(parser().render(source), tags=set()))
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"
