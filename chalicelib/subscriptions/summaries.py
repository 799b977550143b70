"""Digest summaries written from the posts stream (chalicelib/models/digests.py).

Each visible post is counted in its category's hour item and digest-day item; its mark
says where. A record delivered twice finds the mark already in place and changes
nothing; a post hidden, removed, deleted or moved is taken out of the items its mark
names (and counted again where it now belongs). Every write is one transaction
conditioned on the versions just read, tried again when another shard got there first.
"""
import json
from datetime import timedelta

from chalicelib.core import config, markup
from chalicelib.models import writes
from chalicelib.models.digests import DigestSummary
from chalicelib.models.forum import Post
from chalicelib.subscriptions import summary_entries

EXCERPT_CHARS = 200
# The longest look back of any digest (weekly, or a first digest's week) and a margin.
KEEP_FOR = timedelta(days=9)
ATTEMPTS = 5


def hour_key(moment):
    return "h#" + moment.strftime("%Y-%m-%dT%H")


def day_start(moment):
    """The start of the digest day holding ``moment``: digests fall due at the digest hour."""
    start = moment.replace(hour=config.settings.digest_hour, minute=0, second=0, microsecond=0)
    return start if start <= moment else start - timedelta(days=1)


def day_key(moment):
    return "d#" + day_start(moment).strftime("%Y-%m-%d")


def on_post(change):
    """posts stream: bring the post's summary entries in line with its current state. A
    post is first counted from its INSERT: a change to a post without a mark (written
    before the summaries existed, or older than their TTL) changes nothing."""
    base = _placement(change.image)
    wanted = base if change.new and change.new.get("status") == "visible" else None
    return writes.retried_on_lost_condition(
        lambda: _reconcile(change.image["post_id"], base, wanted,
                           inserted=change.event_name == "INSERT"), ATTEMPTS)


def scrub_post(post_id):
    """Take the author's id and words out of a post's entries (account deletion)."""
    mark = _get(f"post#{post_id}", "mark")
    if mark is not None and mark.opener:
        base = {"thread_id": mark.thread_id, "opener": True, "entry": None,
                "expires": mark.expires_at}
        _reconcile(post_id, base, None, scrub=True)


def _placement(post):
    created = Post.created_at.deserialize(post["created_at"])
    opener = post["post_id"] == post["thread_id"]
    entry = {"ai": post.get("author_id"), "cw": post.get("content_warning"),
             "x": "" if post.get("content_warning") else
             markup.plain_excerpt(post.get("body_source") or "", EXCERPT_CHARS),
             "t": created.isoformat()} if opener else None
    return {"slug": post["category_slug"], "hour": hour_key(created), "day": day_key(created),
            "thread_id": post["thread_id"], "opener": opener, "entry": entry,
            "expires": created + KEEP_FOR}


def _get(key, bucket):
    try:
        return DigestSummary.get(key, bucket, consistent_read=True)
    except DigestSummary.DoesNotExist:
        return None


def _reconcile(post_id, base, wanted, inserted=False, scrub=False):
    mark = _get(f"post#{post_id}", "mark")
    if mark is None and not inserted:
        return "unchanged"
    here = (mark.category_slug, mark.hour, mark.day) if mark and mark.category_slug else None
    there = here if scrub else (wanted["slug"], wanted["hour"], wanted["day"]) if wanted else None
    if mark is not None and here == there and not scrub and not (wanted and wanted["opener"]):
        return "unchanged"
    keys = {(slug, bucket) for slug, *buckets in filter(None, (here, there)) for bucket in buckets}
    items = {(i.key, i.bucket): i for i in DigestSummary.batch_get(list(keys))}
    before = {key: (item.version, json.dumps(item.threads, sort_keys=True))
              for key, item in items.items()}
    if here is not None and (here != there or scrub):
        for bucket in (mark.hour, mark.day):
            summary_entries.take_out(items.get((mark.category_slug, bucket)), mark, scrub)
    if wanted is not None and not scrub:
        for bucket in (wanted["hour"], wanted["day"]):
            item = items.setdefault((wanted["slug"], bucket), DigestSummary(
                wanted["slug"], bucket, threads={}, expires_at=wanted["expires"]))
            summary_entries.put_in(item, wanted, counted=here == there)
    changed = [item for key, item in items.items()
               if before.get(key) != (item.version, json.dumps(item.threads, sort_keys=True))]
    mark_changes = here != there or scrub or mark is None
    if not changed and not mark_changes:
        return "unchanged"
    with writes.transaction() as transaction:
        for item in changed:
            old_version = before.get((item.key, item.bucket), (None,))[0]
            item.version = (old_version or 0) + 1
            transaction.save(item, condition=DigestSummary.key.does_not_exist()
                             if old_version is None else DigestSummary.version == old_version)
        if mark_changes:
            _write_mark(transaction, post_id, mark, base, there, scrub)
    return "moved" if mark_changes else "refreshed"


def _write_mark(transaction, post_id, mark, base, there, scrub):
    """The mark stays while the post is hidden or gone (with no place), so restoring it
    counts it again; it goes with its TTL."""
    condition = DigestSummary.key.does_not_exist() if mark is None \
        else DigestSummary.version == mark.version
    new = DigestSummary(f"post#{post_id}", "mark", version=(mark.version if mark else 0) + 1)
    new.category_slug, new.hour, new.day = there or (None, None, None)
    new.thread_id, new.opener, new.expires_at = base["thread_id"], base["opener"], base["expires"]
    new.author_id = None if scrub else (base["entry"] or {}).get("ai")
    transaction.save(new, condition=condition)
