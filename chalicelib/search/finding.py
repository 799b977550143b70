"""Finding posts in the index: rank the matches, then mark the page's rows.

The expression comes from querying.py, never from raw input. Matches are marked with
private control characters (documents.py strips those from indexed text), the text is
escaped, and only then do the marks become ``<mark>``: a post's own tags stay text.
"""
import html

from markupsafe import Markup

# Private marks around matches: the text is escaped first, then only these become <mark>.
OPEN, CLOSE = "\x01", "\x02"
SNIPPET_TOKENS = 28
# Scoring costs about a microsecond per match; past this many, the newest are ranked.
CANDIDATES = 5000


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
