"""The index itself: one SQLite file with an FTS5 table over the posts readers may see.

``docs`` holds each post's fields and text once; ``fts`` is an external-content FTS5 index
over its title and body (accents and case folded by ``unicode61 remove_diacritics 2``; no
prefix indexes: they made the file half as large again for no faster query, bench/search.py).
Every change is by post id, so applying one twice changes nothing twice.
"""
import sqlite3

SCHEMA = """
create table if not exists meta(key text primary key, value text not null);
create table if not exists docs(id integer primary key, post_id text unique not null,
  thread_id text not null, category text not null, author text not null,
  created_at text not null, title text not null, body text not null);
create index if not exists docs_thread on docs(thread_id);
create virtual table if not exists fts using fts5(title, body, content='docs',
  content_rowid='id', tokenize='unicode61 remove_diacritics 2');
"""
DOC_FIELDS = ("post_id", "thread_id", "category", "author", "created_at", "title", "body")
# A thread's title counts more than a word somewhere in a long post.
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0


def connect(path):
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.executescript(SCHEMA)
    # FTS5 keeps this in the file: ORDER BY rank is its own fast path for BM25.
    connection.execute("insert into fts(fts, rank) values ('rank', ?)",
                       (f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT})",))
    return connection


def get_meta(connection, key, default=None):
    row = connection.execute("select value from meta where key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_meta(connection, key, value):
    connection.execute("insert or replace into meta(key, value) values (?, ?)", (key, value))


def _unindex(connection, row_id, title, body):
    connection.execute("insert into fts(fts, rowid, title, body) values ('delete', ?, ?, ?)",
                       (row_id, title, body))


def upsert(connection, doc):
    """Add the post ``doc`` (a dict of DOC_FIELDS), or replace what the index had of it."""
    delete(connection, doc["post_id"])
    cursor = connection.execute(
        f"insert into docs({', '.join(DOC_FIELDS)}) values ({', '.join('?' * len(DOC_FIELDS))})",
        [doc[name] for name in DOC_FIELDS])
    connection.execute("insert into fts(rowid, title, body) values (?, ?, ?)",
                       (cursor.lastrowid, doc["title"], doc["body"]))


def delete(connection, post_id):
    row = connection.execute("select id, title, body from docs where post_id = ?",
                             (post_id,)).fetchone()
    if row:
        _unindex(connection, *row)
        connection.execute("delete from docs where id = ?", (row[0],))


def update_thread(connection, thread_id, title, category):
    """A thread retitled or moved: every indexed post of it says so."""
    rows = connection.execute("select id, title, body from docs where thread_id = ?",
                              (thread_id,)).fetchall()
    for row_id, old_title, body in rows:
        if old_title != title:
            _unindex(connection, row_id, old_title, body)
            connection.execute("insert into fts(rowid, title, body) values (?, ?, ?)",
                               (row_id, title, body))
    connection.execute("update docs set title = ?, category = ? where thread_id = ?",
                       (title, category, thread_id))


def delete_thread(connection, thread_id):
    for (post_id,) in connection.execute("select post_id from docs where thread_id = ?",
                                         (thread_id,)).fetchall():
        delete(connection, post_id)


def apply(connection, change):
    """One change as the stream consumer wrote it (see indexing.py)."""
    kind = change["op"]
    if kind == "upsert":
        upsert(connection, change["doc"])
    elif kind == "delete":
        delete(connection, change["post_id"])
    elif kind == "thread":
        update_thread(connection, change["thread_id"], change["title"], change["category"])
    elif kind == "delete_thread":
        delete_thread(connection, change["thread_id"])


def apply_all(connection, changes):
    for change in changes:
        apply(connection, change)


def count(connection):
    return connection.execute("select count(*) from docs").fetchone()[0]
