"""Lantern's AWS resources in each test's fresh moto, made once per test process.

Creating the 26 tables, their TTL, the queues, topic, bucket and sender identity through the
API took half a second or more per test (about a hundred requests and a dozen new clients).
The first test creates them exactly as `make run` does (``ops.backend``) and keeps a copy of
moto's in-memory state for the services involved; every later test, in the fresh moto its
``mock_aws()`` just reset, gets its own deep copy of that state: the same tables with their
indexes, streams (empty) and TTL, and nothing one test wrote is seen by the next.
"""
import copy
import threading

_pristine = None  # service name -> a copy of its moto backend's state, right after creation


def _backends():
    """The moto backends ``ops.backend.create_local_resources`` writes to: a resource it
    makes in another service needs that service's backend here, or only the first test of
    each process would have it."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends
    from moto.s3.models import s3_backends
    from moto.ses.models import ses_backends
    from moto.sns.models import sns_backends
    from moto.sqs.models import sqs_backends

    from chalicelib.core import config

    region = config.settings.aws_region
    return {"dynamodb": dynamodb_backends[DEFAULT_ACCOUNT_ID][region],
            "ses": ses_backends[DEFAULT_ACCOUNT_ID][region],
            "sqs": sqs_backends[DEFAULT_ACCOUNT_ID][region],
            "sns": sns_backends[DEFAULT_ACCOUNT_ID][region],
            "s3": s3_backends[DEFAULT_ACCOUNT_ID]["aws"]}


def _copy(state):
    # An SQS queue guards its messages with a Condition, which cannot be copied: each copy
    # gets a new one (the originals are never waited on, so nothing is lost).
    memo = {}
    for queue in state.get("queues", {}).values():
        memo[id(queue._messages_lock)] = threading.Condition()
    return copy.deepcopy(state, memo)


def create():
    """Inside a freshly started ``moto.mock_aws()``: Lantern's tables, queues, topic, bucket
    and verified sender, as ``ops.backend.create_local_resources`` makes them."""
    global _pristine
    if _pristine is None:
        from ops import backend

        backend.create_local_resources()
        _pristine = {name: _copy(moto_backend.__dict__)
                     for name, moto_backend in _backends().items()}
        return
    backends = _backends()
    for name, moto_backend in backends.items():
        moto_backend.__dict__ = _copy(_pristine[name])
    # moto's S3 also keeps a process-wide bucket -> owner record, which its reset emptied.
    from moto.s3.models import s3_backends

    for bucket in backends["s3"].buckets.values():
        s3_backends.bucket_accounts[bucket.name] = (bucket.partition, bucket.account_id)
