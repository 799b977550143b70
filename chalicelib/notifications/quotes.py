"""Which posts a post quotes, in the quote format the reply form writes::

    [juniper wrote:](/t/THREAD_ID/p/POST_ID)
    > the quoted text

A link line naming a post, directly followed by a ``>`` line, quotes that post.
"""
import re

MAX_QUOTED = 10
_QUOTE = re.compile(r"^\[[^\]\n]{1,80} wrote:\]\([^)\s]*?/t/([0-9A-Za-z]{1,40})/p/([0-9A-Za-z]{1,40})"
                    r"(?:#[^)\s]*)?\)[ \t]*\r?\n[ \t]{0,3}>", re.MULTILINE)


def quoted_posts(source):
    """``(thread_id, post_id)`` of each post ``source`` quotes, distinct, in order."""
    found = [match.groups() for match in _QUOTE.finditer(source or "")]
    return list(dict.fromkeys(found))[:MAX_QUOTED]
