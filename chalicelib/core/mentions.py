"""``@handle`` in Markdown: found in the text (never inside code or an existing link), and
turned into a link to the member's profile when the writer's service resolved the handle.

A markdown-it core rule, so code spans, code blocks and links are the parser's business,
not a regular expression's. Collected by ``markup.mentioned_handles``; resolving them needs the claims table:
chalicelib/platform/mentions.py does it once, when a post or letter is written.
"""
import re

# A handle is 3 to 30 of these (chalicelib/accounts/rules.py); an address's "a@b" is not one.
MENTION = re.compile(r"(?<![A-Za-z0-9_.@/-])@([A-Za-z0-9_-]{3,30})(?![A-Za-z0-9_-])")


def _split(token_class, text, known, base_path):
    """Tokens for ``text`` with each known mention as a link; None when nothing changes."""
    pieces, last = [], 0
    for match in MENTION.finditer(text):
        handle = match.group(1)
        if handle.lower() not in known:
            continue
        if match.start() > last:
            pieces.append(_text(token_class, text[last:match.start()]))
        opening = token_class("link_open", "a", 1)
        opening.attrs = {"href": f"{base_path}/u/{known[handle.lower()]}"}
        pieces += [opening, _text(token_class, match.group(0)), token_class("link_close", "a", -1)]
        last = match.end()
    if not pieces:
        return None
    if last < len(text):
        pieces.append(_text(token_class, text[last:]))
    return pieces


def _text(token_class, content):
    token = token_class("text", "", 0)
    token.content = content
    return token


def mention_rule(state):
    """Collect mentions into ``env["collect"]`` and link those in ``env["mentions"]``
    (lower-case handle -> handle for the URL)."""
    from markdown_it.token import Token

    from chalicelib.core import config

    collect = state.env.get("collect")
    known = state.env.get("mentions") or {}
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, depth = [], 0
        for child in block.children:
            depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type != "text" or depth:
                children.append(child)
                continue
            if collect is not None:
                collect.extend(match.group(1).lower() for match in MENTION.finditer(child.content))
            children.extend(_split(Token, child.content, known, config.settings.base_path)
                            or [child])
        block.children = children

