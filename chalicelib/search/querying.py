"""What a visitor types, made into an FTS5 query: words only, each quoted, never raw.

Quotes, parentheses, ``*``, ``NEAR(``, ``OR``/``AND``/``NOT``, control characters and emoji
are not words here, so they cannot reach FTS5's query syntax; each word becomes a quoted
prefix (``"venlaf"*``), and a drug's name any of its names (medications.same_drug).
"""
import re
import unicodedata

from chalicelib.core import medications

MAX_QUERY_CHARS = 200
MAX_WORDS = 10
# Letters and digits, in any script; underscores and everything else separate words.
WORD = re.compile(r"[^\W_]+")


def _folded(word):
    # Drug names are compared without accents, as the index compares every word.
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def words(text):
    """The distinct words of ``text``, in order, at most MAX_WORDS."""
    found = []
    for word in WORD.findall(unicodedata.normalize("NFKC", text or "")):
        word = _folded(word)
        if word and word not in found:
            found.append(word)
    return found[:MAX_WORDS]


def _term(word):
    names = medications.same_drug(word) or (word,)
    # One letter as a prefix would walk a large part of the vocabulary for little use.
    alternatives = [f'"{name}"*' if len(name) > 1 else f'"{name}"' for name in names]
    return alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"


def expression(query_words):
    """The FTS5 MATCH expression: every word must match (as a prefix, or as another name
    of the same drug)."""
    return " AND ".join(_term(word) for word in query_words)


def problem(text):
    """Why ``text`` cannot be searched, in a sentence for the visitor, or None."""
    if len(text) > MAX_QUERY_CHARS:
        return (f"Please keep a search to {MAX_QUERY_CHARS} characters; a few words "
                "you remember work best.")
    if not words(text):
        return "Please type a word or two to search for, like a drug's name or a symptom."
    return None
