"""The thread entries of one hour or day summary item (chalicelib/models/digests.py),
changed in memory before summaries.py writes the item with its version condition."""
from chalicelib.models.digests import MAX_THREADS

# Entries a full item never drops: the newest openers, which the digest lists first.
KEEP_NEWEST_OPENERS = 5


def take_out(item, mark, scrub):
    if item is None or item.threads is None:
        return
    entry = item.threads.get(mark.thread_id)
    if mark.opener and not scrub:
        item.openers = max(0, item.openers - 1)
    if entry is None:
        return
    if scrub:
        entry.update(ai=None, x="")
        return
    if mark.opener:
        for name in ("o", "ai", "x", "cw", "t"):
            entry.pop(name, None)
    else:
        entry["n"] = max(0, entry.get("n", 0) - 1)
    if not entry.get("o") and not entry.get("n"):
        del item.threads[mark.thread_id]


def put_in(item, wanted, counted):
    """Count the post in ``item``; ``counted``: it already is, only refresh the opener's words."""
    entry = item.threads.setdefault(wanted["thread_id"], {})
    if wanted["opener"]:
        if not counted:
            item.openers += 1
        entry.update(o=1, **wanted["entry"])
    elif not counted:
        entry["n"] = entry.get("n", 0) + 1
    if len(item.threads) > MAX_THREADS:
        make_room(item)


def make_room(item):
    """Drop the quietest entry, never one of the newest openers: a digest shows the five
    newest threads and the busiest ones, and says "and N more" from ``openers``."""
    openers = sorted((e.get("t", ""), i) for i, e in item.threads.items() if e.get("o"))
    kept = {i for _, i in openers[-KEEP_NEWEST_OPENERS:]}
    quietest = min((e.get("n", 0), e.get("t", ""), i) for i, e in item.threads.items()
                   if i not in kept)
    del item.threads[quietest[2]]
