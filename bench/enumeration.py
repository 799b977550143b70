"""Known vs unknown accounts: log-in and reset answer alike and cost alike (target <= 1.5).

For a wrong password on a real account and for an account that does not exist, and for a
reset asked for a known and an unknown address, this runs each path 15 times in moto and
reports the ratio of median times (slower / faster; the two paths take turns), DynamoDB
requests and emails sent.
The argon2 verification (log-in) and the one email (reset) dominate both paths.
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _env  # noqa: E402

_env.prepare()

REQUESTS = _env.record_dynamodb_requests()

import moto  # noqa: E402

RUNS = 15
TARGET = 1.5


def measure(*actions):
    """(median seconds, DynamoDB requests per call) of each action over RUNS calls, after a
    warm-up. The actions take turns, so a burst of machine load slows both alike instead of
    flipping the ratio."""
    times = [[] for _ in actions]
    counts = [[] for _ in actions]
    for action in actions:
        action(0)
    for number in range(1, RUNS + 1):
        for index, action in enumerate(actions):
            REQUESTS.clear()
            started = time.perf_counter()
            action(number)
            times[index].append(time.perf_counter() - started)
            counts[index].append(len(REQUESTS))
    return [(statistics.median(seconds), max(count)) for seconds, count in zip(times, counts)]


def main():
    with moto.mock_aws():
        from chalicelib.core import clock, passwords
        from chalicelib.platform import members
        from ops import backend
        from chalicelib.accounts import login, reset

        backend.create_local_resources()
        members.create_member("known", "known@example.org",
                              passwords.hash_password("the real password"), verified=True)
        now = clock.utcnow()

        def failed_login(identifier):
            def attempt(_number):
                try:
                    login.authenticate(identifier, "a wrong password", "192.0.2.1", now)
                except login.LoginFailed:
                    return
                raise AssertionError("log-in should have failed")
            return attempt

        def ask_reset(address):
            return lambda number: reset.request_reset(address, "192.0.2.1", now)

        rows = [("log-in, wrong password", failed_login("known@example.org"),
                 "log-in, no such account", failed_login("nobody@example.org")),
                ("reset, known address", ask_reset("known@example.org"),
                 "reset, unknown address", ask_reset("nobody@example.org"))]
        worst = 0
        print(f"{'path':<26}{'median ms':>10}{'requests':>10}")
        for known_name, known, unknown_name, unknown in rows:
            (known_time, known_requests), (unknown_time, unknown_requests) = measure(
                known, unknown)
            for name, seconds, count in ((known_name, known_time, known_requests),
                                         (unknown_name, unknown_time, unknown_requests)):
                print(f"{name:<26}{seconds * 1000:>10.1f}{count:>10}")
            ratio = max(known_time, unknown_time) / min(known_time, unknown_time)
            worst = max(worst, ratio)
            print(f"{'  ratio slower/faster':<26}{ratio:>10.2f}")
    print(f"worst ratio: {worst:.2f} (target <= {TARGET})")
    _env.report("enumeration: known / unknown time", f"{worst:.2f}x", f"<= {TARGET}x",
                worst <= TARGET)
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
