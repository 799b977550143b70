"""What a visitor types, made into an FTS5 query: words only, each quoted, never raw.

Quotes, parentheses, ``*``, ``NEAR(``, ``OR``/``AND``/``NOT``, control characters and emoji
are not words here, so they cannot reach FTS5's query syntax; each word is quoted (a prefix,
``"venlaf"*``, when no post holds it whole), and a drug's name becomes any of its names
(medications.same_drug).
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


def _term(word, is_whole_word):
    names = medications.same_drug(word)
    if names:
        alternatives = [f'"{name}"' for name in names]
    elif is_whole_word(word) or len(word) == 1:
        alternatives = [f'"{word}"']
    else:
        # Nobody wrote it as typed: the start of a word ("venlaf").
        alternatives = [f'"{word}"*']
    return alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"


def expression(query_words, is_whole_word=lambda word: False):
    """The FTS5 MATCH expression: every word must match, as typed when some post has it as a
    whole word, else as the start of one; a drug's name as any name of the same drug.

    Prefix terms cost FTS5 a merge of every word they start, so a word the index holds as
    typed is matched exactly (bench/search.py: four times faster at 100,000 posts)."""
    return " AND ".join(_term(word, is_whole_word) for word in query_words)


def problem(text):
    """Why ``text`` cannot be searched, in a sentence for the visitor, or None."""
    if len(text) > MAX_QUERY_CHARS:
        return (f"Please keep a search to {MAX_QUERY_CHARS} characters; a few words "
                "you remember work best.")
    if not words(text):
        return "Please type a word or two to search for, like a drug's name or a symptom."
    return None
