"""Numbered deploy steps, printed as they happen with their details and timings."""
import time
from contextlib import contextmanager


class Steps:
    """Numbered steps with their details and timings, printed as they happen."""

    def __init__(self, total, out=print):
        self.total, self.number, self.out = total, 0, out

    def say(self, text):
        self.out(f"       {text}")

    @contextmanager
    def step(self, title):
        self.number += 1
        self.out(f"[{self.number}/{self.total}] {title}")
        started = time.monotonic()
        yield self.say
        self.out(f"       ok ({time.monotonic() - started:.1f} s)")
