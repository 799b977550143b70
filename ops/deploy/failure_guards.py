"""After `chalice deploy`: no failed event vanishes, in a stream consumer or elsewhere.

Chalice cannot give a function per-record failure reports, bounded retries or an on-failure
destination, so the deploy sets them on the functions it has just made, and an alarm on
every queue where failures wait (ops/deploy/streams.py and failures.py do the AWS calls;
this module hands them the stack's queues and the deployed functions).
"""
from chalicelib.core import config
from ops.deploy import code, failures, streams
from ops.deploy.steps import DeployError, client


def guard_stream_consumers(outputs, arns, say):
    """Per-record failures, bounded retries and the failure queue for every stream consumer,
    plus an alarm on that queue (docs/pitfalls.md #24 and #25)."""
    sqs = client("sqs")
    queue_url = outputs["StreamFailureQueue"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    try:
        streams.configure_mappings(client("lambda"), arns, queue_arn, say)
    except LookupError as error:
        raise DeployError(str(error)) from error
    streams.ensure_failure_alarm(client("cloudwatch"), config.settings.table_prefix,
                                 queue_url.rpartition("/")[2], outputs["AlarmTopic"], say)


def guard_asynchronous_functions(deployed, outputs, say):
    """On-failure destinations for the schedules and the SES-notification function, and an
    alarm on every queue where failures wait."""
    from app import app  # already imported by Chalice while it deployed

    sqs = client("sqs")
    queue_arn = sqs.get_queue_attributes(QueueUrl=outputs["AsyncFailureQueue"],
                                         AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    arns = {resource["name"]: resource["lambda_arn"]
            for resource in code.resources_of(deployed, "lambda_function")}
    functions = [arns[name] for name in failures.asynchronous_functions(app)]
    failures.configure_destinations(client("lambda"), functions, queue_arn, say)
    failures.ensure_queue_alarms(client("cloudwatch"), config.settings.table_prefix, outputs,
                                 outputs["AlarmTopic"], say)
