"""Success stories and milestones: hope from those further along, marked by the author.

A marked thread carries the sparse ``milestone_feed``/``milestone_key`` pair, so the
Milestones page is one Query, newest marked first.
"""
from chalicelib.core import clock, config, errors
from chalicelib.platform import pagination
from chalicelib.models.forum import ALL_THREADS, Thread

KINDS = {"success": "Success story", "milestone": "Milestone"}
LABEL_MAX = 60
LIST_KEYS = ("thread_id", "milestone_feed", "milestone_key")


def check(kind, label):
    """:return: field errors for a milestone form ({} when it is fine)."""
    problems = {}
    if kind not in KINDS and kind != "none":
        problems["milestone_kind"] = "Choose a success story, a milestone, or neither."
    if len(label) > LABEL_MAX:
        problems["milestone_label"] = f"Please keep it to {LABEL_MAX} characters."
    return problems


def mark(thread, member, kind, label, now=None):
    """Mark (or with ``kind`` "none", unmark) the member's own thread.

    :raise Forbidden: unless ``member`` started the thread.
    """
    if member is None or member.member_id != thread.author_id:
        raise errors.Forbidden("Only the member who started a thread can mark it.")
    now = now or clock.utcnow()
    if kind == "none":
        thread.update(actions=[Thread.milestone_kind.remove(), Thread.milestone_label.remove(),
                               Thread.milestone_feed.remove(), Thread.milestone_key.remove()])
        return
    key = thread.milestone_key or f"{clock.iso(now)}#{thread.thread_id}"
    actions = [Thread.milestone_kind.set(kind), Thread.milestone_feed.set(ALL_THREADS),
               Thread.milestone_key.set(key)]
    actions.append(Thread.milestone_label.set(label) if label else Thread.milestone_label.remove())
    thread.update(actions=actions)


def milestone_threads(cursor=None, size=None):
    """A page of success stories and milestones, newest marked first (one Query)."""
    size = size or config.settings.page_size

    def query(**options):
        return Thread.milestone_threads.query(ALL_THREADS, scan_index_forward=False, **options)

    return pagination.fetch_page(query, LIST_KEYS, cursor, size)
