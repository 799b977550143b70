"""A search function's copy of the index: the base file plus the change files after it.

The store holds ``index/base.sqlite`` (rebuilt on a schedule, rebuild.py) and one small
``changes/<time>-<id>.json`` per stream record handled (indexing.py). A copy is fetched on
a cold start and whenever the base's version changes (a conditional GET: an unchanged base
costs no download); change files not applied yet are applied in key order. The base names
the change files it already contains, which the rebuild then deletes.
"""
import json
import os
import threading
import time
import uuid

from chalicelib.core import config
from chalicelib.search import engine, store as stores

BASE_KEY = "index/base.sqlite"
CHANGES_PREFIX = "changes/"
_lock = threading.Lock()
_copy = None


class Copy:
    def __init__(self, store, path, version):
        self.store, self.path, self.version = store, path, version
        self.connection = engine.connect(path)
        self.compacted = set(json.loads(engine.get_meta(self.connection, "compacted", "[]")))
        self.applied = set()
        self.checked_at = time.monotonic()

    def catch_up(self, keys):
        for key in keys:
            if key not in self.compacted and key not in self.applied:
                engine.apply_all(self.connection, json.loads(self.store.read(key)))
                self.applied.add(key)
        self.connection.commit()


def _fresh_path(cache_dir):
    os.makedirs(cache_dir, exist_ok=True)
    return os.path.join(cache_dir, f"index-{os.getpid()}-{uuid.uuid4().hex}.sqlite")


def _open(store, previous):
    """Download the base if it changed since ``previous`` (or there is none), and catch up."""
    path = _fresh_path(config.settings.search_cache_dir)
    version = store.download(BASE_KEY, path, previous.version if previous else None)
    keys = store.list(CHANGES_PREFIX)
    unchanged = version == stores.UNCHANGED or (
        version is None and previous is not None and previous.version is None)
    # Change files we applied that vanished without a new base: the store was reset.
    if unchanged and set(keys) >= previous.applied:
        copy = previous
    else:
        if previous:
            _discard(previous)
        # No base yet (a new site, a test): an empty index, and every change file.
        copy = Copy(store, path, version)
    copy.checked_at = time.monotonic()
    copy.catch_up(keys)
    return copy


def _discard(copy):
    copy.connection.close()
    try:
        os.remove(copy.path)
    except FileNotFoundError:
        pass


def connection(store=None):
    """A connection to an up-to-date copy (checked at most every search_refresh_seconds)."""
    global _copy
    with _lock:
        stale = _copy is None or \
            time.monotonic() - _copy.checked_at >= config.settings.search_refresh_seconds
        if stale:
            _copy = _open(store or stores.default_store(), _copy)
        return _copy.connection


def publish(changes, store=None, now_ns=None):
    """Write one change file (a list of engine changes) for the searchers to apply."""
    if not changes:
        return None
    key = f"{CHANGES_PREFIX}{now_ns or time.time_ns():020d}-{uuid.uuid4().hex[:12]}.json"
    (store or stores.default_store()).put(key, json.dumps(changes).encode())
    return key


def forget():
    """Drop this process's copy (tests, and after a rebuild run in-process)."""
    global _copy
    with _lock:
        if _copy:
            _discard(_copy)
        _copy = None
