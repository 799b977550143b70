"""The index itself: one SQLite file with an FTS5 table over the posts readers may see.

``docs`` holds each post's fields and text once; ``fts`` is an external-content FTS5 index
over its title and body (accents and case folded by ``unicode61 remove_diacritics 2``; no
prefix indexes: they made the file half as large again for no faster query, bench/search.py).
Every change is by post id, so applying one twice changes nothing twice.
"""
import html
import sqlite3

from markupsafe import Markup

SCHEMA = """
create table if not exists meta(key text primary key, value text not null);
create table if not exists docs(id integer primary key, post_id text unique not null,
  thread_id text not null, category text not null, author text not null,
  created_at text not null, title text not null, body text not null);
create index if not exists docs_thread on docs(thread_id);
create virtual table if not exists fts using fts5(title, body, content='docs',
  content_rowid='id', tokenize='unicode61 remove_diacritics 2');
"""
# Private marks around matches: the text is escaped first, then only these become <mark>.
OPEN, CLOSE = "\x01", "\x02"
DOC_FIELDS = ("post_id", "thread_id", "category", "author", "created_at", "title", "body")
# A thread's title counts more than a word somewhere in a long post.
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
SNIPPET_TOKENS = 28
# Scoring costs about a microsecond per match; past this many, the newest are ranked.
CANDIDATES = 5000


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


def marked(text):
    """``text`` escaped, with only the engine's match marks turned into ``<mark>``."""
    escaped = html.escape(text, quote=True)
    return Markup(escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


def _filtered(filters):
    where, values = [], []
    for column, key, operator in (("category", "category", "="), ("thread_id", "thread_id", "="),
                                  ("created_at", "since", ">="), ("created_at", "before", "<")):
        if filters.get(key):
            where.append(f"d.{column} {operator} ?")
            values.append(filters[key])
    if filters.get("author"):
        where.append("d.author = ? collate nocase")
        values.append(filters["author"])
    return where, values


def search(connection, expression, filters, limit, offset):
    """Posts matching the FTS5 ``expression`` (built by querying.py, never raw input),
    best first (BM25, the title weighing more), as dicts with a marked title and snippet.

    Two steps: rank the matches (row ids only), then mark only the page's rows; marking
    in the ranking query would build a snippet for every match before the sort.
    """
    where, values = _filtered(filters)
    join = "join docs d on d.id = fts.rowid " if where else ""
    # Row ids grow with time (rebuild.py inserts oldest first; the stream appends): a word
    # in a large part of the archive is ranked among its newest CANDIDATES posts only.
    floor = connection.execute(
        "select rowid from fts where fts match ? order by rowid desc limit 1 offset ?",
        (expression, CANDIDATES)).fetchone()
    if floor:
        where.append("fts.rowid > ?")
        values.append(floor[0])
    top = connection.execute(
        f"select fts.rowid from fts {join}where fts match ? "
        f"{''.join(' and ' + clause for clause in where)} order by fts.rank limit ? offset ?",
        [expression, *values, limit, offset]).fetchall()
    order = [row_id for (row_id,) in top]
    if not order:
        return []
    rows = connection.execute(
        f"select fts.rowid, d.post_id, d.thread_id, d.category, d.author, d.created_at, "
        f"highlight(fts, 0, ?, ?), snippet(fts, 1, ?, ?, '…', {SNIPPET_TOKENS}) "
        f"from fts join docs d on d.id = fts.rowid where fts match ? "
        f"and fts.rowid in ({', '.join('?' * len(order))})",
        [OPEN, CLOSE, OPEN, CLOSE, expression, *order]).fetchall()
    found = {row[0]: row[1:] for row in rows}
    return [{"post_id": post_id, "thread_id": thread_id, "category": category,
             "author": author, "created_at": created_at, "title": marked(title),
             "snippet": marked(snippet)}
            for post_id, thread_id, category, author, created_at, title, snippet
            in (found[row_id] for row_id in order if row_id in found)]


def has_term(connection, word):
    """Does some post contain ``word`` as a whole word? (One index lookup, one row.)"""
    return connection.execute("select rowid from fts where fts match ? limit 1",
                              (f'"{word}"',)).fetchone() is not None


def count(connection):
    return connection.execute("select count(*) from docs").fetchone()[0]
