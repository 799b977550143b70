"""What every deploy step shares: numbered progress, AWS clients, the error that stops it.

ops/deploy/command.py runs the steps; the modules it calls on (provisioning, failure_guards,
apis, summary) take their clients and raise their errors from here, so none of them has to
import the command that runs them.
"""
import time
from contextlib import contextmanager

from chalicelib.core import config


class DeployError(Exception):
    """A step failed; the message says what to do."""


def client(name):
    import boto3

    return boto3.client(name, region_name=config.settings.aws_region)


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
