"""Reactions through the table streams: a feature registers a handler for a table's
changes, and each changed item reaches every handler a moment after it was written.

A lower package (the forum) writes its items and knows nothing of who reacts; the
higher features (care, subscriptions, correspondence) register ``"module:function"``
handlers in their ``wiring`` module with :func:`on_change`, and receive a :class:`Change`.
app.py's stream functions hand Lambda's batch to ``stream_batches.handle_batch``, which
decodes the records and runs these handlers; ``ops/localstreams.py`` builds the same
batches from moto's streams for `make run` and the tests. See docs/streams.md.

Delivery is at least once: every handler must be idempotent (a record delivered twice
changes nothing twice).
"""
from dataclasses import dataclass, field

from chalicelib.core.hooks import Hook

# The streamed tables (short names); infra/ gives each a NEW_AND_OLD_IMAGES stream.
STREAMED_TABLES = ("posts", "threads", "blocks", "suppressions", "reactions", "letters",
                   "letter_shares")
_hooks = {table: Hook(f"streams.{table}") for table in STREAMED_TABLES}
# Handlers that take a whole batch at once (one write for many records: the search index).
_batch_hooks = {table: Hook(f"streams.{table}.batch") for table in STREAMED_TABLES}


@dataclass(frozen=True)
class Change:
    """One decoded stream record: what happened to one item, as plain Python values."""

    table: str
    event_name: str  # INSERT | MODIFY | REMOVE
    keys: dict
    new: dict = field(default=None)  # None for REMOVE
    old: dict = field(default=None)  # None for INSERT
    sequence_number: str = ""

    @property
    def image(self):
        """The item as it is now, or as it was before it was removed."""
        return self.new if self.new is not None else self.old

    def became(self, name, value):
        """Did attribute ``name`` change to ``value`` with this write?"""
        return (self.new or {}).get(name) == value and (self.old or {}).get(name) != value


def on_change(table, target):
    """Register ``target`` (``"module:function"``) for every change of ``table``.

    :raise KeyError: for a table that has no stream.
    """
    return _hooks[table].register(target)


def on_batch(table, target):
    """Register ``target`` (``"module:function"``) for each batch of ``table``'s changes:
    it gets the list of every decoded record of the batch, in stream order, after the
    record handlers ran. It must be idempotent too: when it fails, the whole batch is
    reported failed and delivered again.

    :raise KeyError: for a table that has no stream.
    """
    return _batch_hooks[table].register(target)


def handlers(table):
    return _hooks[table].handlers()


def batch_handlers(table):
    return _batch_hooks[table].handlers()


def registered():
    """Handler names by table, in the order they run (docs and the report)."""
    return {table: list(hook.targets) for table, hook in _hooks.items()}


def registered_batches():
    """Batch handler names by table (tables with none left out)."""
    return {table: list(hook.targets) for table, hook in _batch_hooks.items() if hook.targets}
