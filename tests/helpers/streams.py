"""The tests' stream reader: one per test (the ``aws`` fixture starts it), drained by the
helpers after each write so reactions have happened before a test looks."""
_reader = None


def start():
    global _reader
    from ops.localstreams import StreamReader

    _reader = StreamReader()
    return _reader


def stop():
    global _reader
    _reader = None


def drain():
    """Run every reaction to what was written so far; a handler that keeps failing fails
    the test. :return: how many stream records were read."""
    return _reader.drain(strict=True) if _reader is not None else 0
