"""Member text made safe for every reader: pages, feeds, emails, exports.

A title carrying ESC (U+001B) or U+FFFE makes the Atom feeds ill-formed XML; a lone
surrogate cannot be encoded as UTF-8 at all; a bidi override (U+202E) makes a name or a
link read backwards. They never carry meaning a member meant to type, so they are dropped
rather than refused (nothing to correct, the rest of the text is kept as typed).
"""
import re

# C0 controls but tab and newline, DEL, C1 controls, lone surrogates, bidi embeddings,
# overrides and isolates, and the Unicode noncharacters (U+FDD0-FDEF, U+nFFFE, U+nFFFF).
_NONCHARACTERS = "".join(chr(plane * 0x10000 + low) + "-" + chr(plane * 0x10000 + low + 1)
                         for plane in range(17) for low in (0xFFFE,))
_UNREADABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef"
    + _NONCHARACTERS + "]")
_LINE_BREAKS = re.compile(r"\r\n?|[\n\t\u2028\u2029\x85]")


def clean_block(text):
    """A body or note: tabs and newlines stay (CRLF becomes LF), the unreadable go."""
    if not text:
        return text or ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n") \
        .replace("\u2029", "\n\n").replace("\x85", "\n")
    return _UNREADABLE.sub("", text)


def clean_line(text):
    """A title, name, handle or any one-line field: line breaks and tabs become spaces."""
    if not text:
        return text or ""
    return _UNREADABLE.sub("", _LINE_BREAKS.sub(" ", text))


def is_clean(text):
    return not _UNREADABLE.search(text or "")
