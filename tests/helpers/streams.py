"""The tests' stream reader, drained by the helpers after each write so reactions have
happened before a test looks.

One reader per test process, its positions cleared for each test (the ``aws`` fixture calls
``start``): every test's tables are copies of the same ones (tests/helpers/resources.py),
with the same stream ARNs, so what it learned about the streams holds for every test.
"""
_reader = None
_kept = None


def start():
    global _reader, _kept
    if _kept is None:
        _kept = _QuickReader()
    _kept.positions = dict.fromkeys(_kept.positions)
    _kept.failed = []
    _reader = _kept
    return _reader


def stop():
    global _reader
    _reader = None


def drain():
    """Run every reaction to what was written so far; a handler that keeps failing fails
    the test. :return: how many stream records were read."""
    return _reader.drain(strict=True) if _reader is not None else 0


def _new_records(table, last):
    """Whether moto holds records of ``table``'s stream after sequence number ``last``
    (read from moto's memory: no request)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    from chalicelib.core import config

    tables = dynamodb_backends[DEFAULT_ACCOUNT_ID][config.settings.aws_region].tables
    shard = getattr(tables.get(config.table_name(table)), "stream_shard", None)
    if shard is None:
        return True  # not a table as created: let the reader ask
    read = int(last) - shard.starting_sequence_number + 1 if last else 0
    return len(shard.items) > read


def _QuickReader():
    from ops.localstreams import StreamReader

    class QuickReader(StreamReader):
        """The reader of `make run`, asking only the shards that moto's memory shows to hold
        new records (most drains find none): two requests fewer per idle shard and round."""

        def poll(self):
            self._discover()
            everything = self.positions
            self.positions = {shard: last for shard, last in everything.items()
                              if _new_records(shard[0], last)}
            try:
                return super().poll() if self.positions else 0
            finally:
                everything.update(self.positions)
                self.positions = everything

    return QuickReader()
