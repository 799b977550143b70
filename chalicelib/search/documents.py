"""What the index holds of a post: only what an anonymous reader sees on the thread page.

Letters, journals, drafts and profiles are other tables and never come here; a post comes
only while it is visible, and only its rendered text, title, author handle, category and
date (never an address or a member id).
"""
import html
import re
from datetime import datetime

import nh3

# Control characters are never text a reader sees, and two of them mark matches (finding.py).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def is_searchable(post_status):
    """Hidden, removed (by author or moderator) and deleted posts are not shown: not indexed."""
    return post_status == "visible"


def plain_text(body_html):
    # Block and line breaks become spaces so "end.</p><p>Next" stays two words.
    text = nh3.clean((body_html or "").replace("<", " <"), tags=set())
    return _SPACES.sub(" ", _CONTROL.sub(" ", html.unescape(text))).strip()


def timestamp(value):
    """'YYYY-MM-DD HH:MM:SS' (UTC) from a datetime or a stream image's ISO text."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)[:19].replace("T", " ")


def document(post, title, category):
    """The index's record of ``post`` (a dict of the post's attributes) in a thread
    titled ``title`` in ``category``."""
    return {"post_id": post["post_id"], "thread_id": post["thread_id"],
            "category": category, "author": post["author_handle"],
            "created_at": timestamp(post["created_at"]),
            "title": _CONTROL.sub(" ", title), "body": plain_text(post.get("body_html"))}


def from_model(post):
    return {name: getattr(post, name) for name in
            ("post_id", "thread_id", "author_handle", "created_at", "body_html")}
