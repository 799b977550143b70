"""Followed threads' summaries, written from the posts stream (docs/data-model.md,
"Followed threads in a digest").

One item per thread (``thread#<id>`` / ``replies``): its newest replies with a short
excerpt, and its visible replies counted per hour and author, so a digest reads one small
item per followed thread whatever the period and however long people write. Each reply
has a mark (``post#<id>`` / ``tmark``) saying where it is counted and which version of the
post was applied last: a record delivered again, or an older one after a newer, changes
nothing. Every write is one transaction conditioned on the versions just read.
"""
import json

from chalicelib.core import markup
from chalicelib.models import writes
from chalicelib.models.digests import DigestSummary
from chalicelib.models.forum import Post
from chalicelib.subscriptions import summaries, thread_entries

BUCKET, MARK = "replies", "tmark"
ATTEMPTS = 5


def item_key(thread_id):
    return f"thread#{thread_id}"


def on_post(change):
    """posts stream: bring the thread's summary in line with the reply's current state."""
    post = change.image
    if post["post_id"] == post["thread_id"]:
        return _start(post) if change.event_name == "INSERT" else None
    if post.get("with_thread"):  # a shared letter published with its thread answers no one
        return None
    # A removed item's last image has the last version; its removal comes after it.
    version = int(post.get("version") or 0) + (1 if change.event_name == "REMOVE" else 0)
    wanted = _entry(change.new, version) \
        if change.new and change.new.get("status") == "visible" else None
    return writes.retried_on_lost_condition(
        lambda: _apply(post, version, wanted, inserted=change.event_name == "INSERT"), ATTEMPTS)


def _start(opener):
    """A new thread's summary counts from its start: no digest reads its posts."""
    created = Post.created_at.deserialize(opener["created_at"])
    summary = DigestSummary(item_key(opener["thread_id"]), BUCKET, replies=[], hours={},
                            counting_since=created, version=1)
    started = writes.applied(lambda: summary.save(condition=DigestSummary.key.does_not_exist()))
    return "started" if started else "unchanged"


def _entry(post, version):
    warning = post.get("content_warning")
    entry = {"p": post["post_id"], "a": post["author_id"], "h": post["author_handle"],
             "x": "" if warning else markup.plain_excerpt(post.get("body_source") or "",
                                                          summaries.EXCERPT_CHARS),
             "t": post["created_at"], "v": version}
    if warning:
        entry["cw"] = warning
    return entry


def _apply(post, version, wanted, inserted):
    post_id = post["post_id"]
    keys = [(item_key(post["thread_id"]), BUCKET), (f"post#{post_id}", MARK)]
    found = {(i.key, i.bucket): i for i in DigestSummary.batch_get(keys, consistent_read=True)}
    item, mark = found.get(keys[0]), found.get(keys[1])
    kept = next((e for e in (item.replies or []) if e["p"] == post_id), None) if item else None
    if mark is not None and (mark.post_version or 0) >= version:
        return "unchanged"  # this record, or a newer one, was applied
    if mark is None and not inserted and (kept is None or kept["v"] >= version):
        # Written before the summaries, or older than its mark: only its kept words follow.
        return "unchanged"
    if item is None:
        created = Post.created_at.deserialize(post["created_at"])
        item = DigestSummary(keys[0][0], BUCKET, replies=[], hours={}, counting_since=created)
    read_version = item.version if item.version else None
    before = json.dumps([item.replies, item.hours], sort_keys=True)
    counts = mark is not None or inserted  # an old post without a mark only has its words
    if mark is not None and mark.hour:
        thread_entries.uncount(item.hours, mark.hour, mark.counted_author)
    item.replies = [e for e in item.replies if e["p"] != post_id]
    hour = thread_entries.hour_of(wanted["t"]) if wanted and counts else None
    if wanted:
        if hour:
            thread_entries.count(item.hours, hour, wanted["a"])
        item.replies = thread_entries.trim(item.replies + [wanted])
    thread_entries.prune(item.hours)
    changed = json.dumps([item.replies, item.hours], sort_keys=True) != before
    placed = (hour, wanted["a"] if hour else None)
    moved = counts and (mark is None or (mark.hour, mark.counted_author) != placed)
    if not changed and not moved:
        return "unchanged"
    with writes.transaction() as transaction:
        if changed:
            item.version = (read_version or 0) + 1
            transaction.save(item, condition=DigestSummary.key.does_not_exist()
                             if read_version is None else DigestSummary.version == read_version)
        if counts:
            _write_mark(transaction, post, mark, version, placed)
    return "changed"


def _write_mark(transaction, post, mark, version, placed):
    condition = DigestSummary.key.does_not_exist() if mark is None \
        else DigestSummary.version == mark.version
    new = DigestSummary(f"post#{post['post_id']}", MARK, version=(mark.version if mark else 0) + 1)
    new.thread_id, new.post_version = post["thread_id"], version
    new.hour, new.counted_author = placed
    new.expires_at = Post.created_at.deserialize(post["created_at"]) + summaries.KEEP_FOR
    transaction.save(new, condition=condition)
