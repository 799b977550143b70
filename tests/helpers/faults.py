"""DynamoDB faults injected into moto, inside botocore's retry loop (docs/pitfalls.md #6).

moto answers every request from a ``before-send`` handler that botocore registers on every
session. A second ``before-send`` handler would not be enough: botocore calls every handler
and takes the first answer, so moto would still apply the write while the fake error is
returned (a throttled reply saved behind a 503 page). Here moto's own handler answers with
the fault instead, so a faulted request changes nothing, as in DynamoDB, and botocore
retries it as it would a real one (without the back-off pauses, to stay fast).
"""
import json

from botocore.awsrequest import AWSResponse

PREFIX = "com.amazonaws.dynamodb.v20120810#"
FAULTS = {
    "throttled": (400, "ProvisionedThroughputExceededException",
                  "The level of configured provisioned throughput for the table was exceeded."),
    "unavailable": (503, "ServiceUnavailable", "The service is currently unavailable."),
    "conflict": (400, "TransactionCanceledException",
                 "Transaction cancelled, please refer cancellation reasons for specific reasons "
                 "[TransactionConflict]"),
}
# A transaction conflict can only cancel a transaction.
ONLY_FOR = {"conflict": {"TransactWriteItems"}}


class _Body:
    def __init__(self, data):
        self.data = data

    def stream(self, **kwargs):
        yield self.data


def fault_response(request, fault):
    status, code, message = FAULTS[fault]
    document = {"__type": PREFIX + code, "message": message}
    if fault == "conflict":
        items = json.loads(request.body or b"{}").get("TransactItems", [])
        document["CancellationReasons"] = [
            {"Code": "TransactionConflict", "Message": "Transaction is ongoing for the item"}
            for _ in items]
    return AWSResponse(request.url, status, {"content-type": "application/x-amz-json-1.0"},
                       _Body(json.dumps(document).encode()))


class Injector:
    """Fails the ``at``-th eligible DynamoDB call (0-based) and all its retries."""

    def __init__(self):
        self.fault, self.at, self.limit = None, None, None
        self.seen = self.injected = 0
        self._failing = None

    def arm(self, fault, at, limit=None):
        """Fail call ``at`` and its retries (at most ``limit`` answers in all, if given)."""
        self.fault, self.at, self.limit = fault, at, limit
        self.seen, self.injected, self._failing = 0, 0, None

    def disarm(self):
        self.fault = None

    def answer(self, operation, request):
        if self.fault is None or operation not in ONLY_FOR.get(self.fault, {operation}):
            return None
        # botocore signs a retry again: the same operation and body is the same call.
        key = (operation, request.body)
        if self.limit is not None and self.injected >= self.limit:
            return None
        if self._failing is not None:
            if key == self._failing:
                self.injected += 1
                return fault_response(request, self.fault)
            return None
        index, self.seen = self.seen, self.seen + 1
        if index != self.at:
            return None
        self._failing = key
        self.injected += 1
        return fault_response(request, self.fault)


def install(monkeypatch):
    """Route every DynamoDB request through an ``Injector``; return it."""
    from botocore.retries import standard
    from moto.core.botocore_stubber import BotocoreStubber

    injector = Injector()
    original = BotocoreStubber.__call__

    def faulty(self, event_name, request, **kwargs):
        service, _, operation = event_name.partition(".")[2].partition(".")
        if self.enabled and service == "dynamodb":
            answer = injector.answer(operation, request)
            if answer is not None:
                return answer
        return original(self, event_name, request, **kwargs)

    monkeypatch.setattr(BotocoreStubber, "__call__", faulty)
    monkeypatch.setattr(standard.ExponentialBackoff, "delay_amount", lambda self, context: 0)
    return injector
