"""No failure vanishes: every asynchronous function ends in a queue that alarms.

Lambda invokes the schedules and the SES-notification function asynchronously: an event
that fails its retries is dropped unless the function has an on-failure destination, and a
bounce notice that keeps failing would leave a dead address mailed for ever. Chalice cannot
set one, so after `chalice deploy` each of them sends its failed events to the stack's
``async-failures`` queue. The digest consumer's messages go to its dead-letter queue
(RedrivePolicy in the stack); the stream consumers' records to the stream-failures queue
(ops/deploy/streams.py). Each of those queues gets an alarm on its depth
(docs/pitfalls.md #25: made here, not in the template).
"""
from ops.deploy import streams

# Lambda's own default: two more tries, spaced by a minute, then two, before the destination.
MAX_RETRY_ATTEMPTS = 2
# Six hours: a schedule's event older than that is stale (the next run does its work).
MAX_EVENT_AGE_SECONDS = 6 * 3600
# The alarm on each failure queue: alarm name suffix -> the stack's logical id of the queue.
FAILURE_QUEUES = {"async-failures-waiting": "AsyncFailureQueue",
                  "digest-dead-letters-waiting": "DigestDeadLetterQueue"}


def asynchronous_functions(app):
    """Chalice's handler names of every function Lambda invokes asynchronously."""
    from chalice.app import ScheduledEventConfig, SNSEventConfig

    return sorted(source.name for source in app.event_sources
                  if isinstance(source, (ScheduledEventConfig, SNSEventConfig)))


def invoke_settings(queue_arn):
    return {"MaximumRetryAttempts": MAX_RETRY_ATTEMPTS,
            "MaximumEventAgeInSeconds": MAX_EVENT_AGE_SECONDS,
            "DestinationConfig": {"OnFailure": {"Destination": queue_arn}}}


def _current(lambda_client, function_name):
    try:
        return lambda_client.get_function_event_invoke_config(FunctionName=function_name)
    except lambda_client.exceptions.ResourceNotFoundException:
        return {}


def configure_destinations(lambda_client, function_names, queue_arn, say):
    """Give each function its retry bound and on-failure destination; only where it differs.

    :return: the number of functions changed.
    """
    wanted, changed = invoke_settings(queue_arn), 0
    for name in function_names:
        current = _current(lambda_client, name)
        on_failure = current.get("DestinationConfig", {}).get("OnFailure", {})
        if (current.get("MaximumRetryAttempts"), current.get("MaximumEventAgeInSeconds"),
                on_failure) == (MAX_RETRY_ATTEMPTS, MAX_EVENT_AGE_SECONDS,
                                wanted["DestinationConfig"]["OnFailure"]):
            say(f"{name}: already set")
            continue
        lambda_client.put_function_event_invoke_config(FunctionName=name, **wanted)
        changed += 1
        say(f"{name}: {MAX_RETRY_ATTEMPTS} retries, then the async-failures queue")
    return changed


def ensure_queue_alarms(cloudwatch, prefix, physical_ids, topic_arn, say):
    """An alarm on each failure queue as soon as it holds one message.

    :return: how many alarms were created or changed.
    """
    changed = 0
    for alarm_suffix, logical_id in FAILURE_QUEUES.items():
        queue_name = physical_ids[logical_id].rpartition("/")[2]  # the queue's URL
        changed += streams.ensure_alarm(
            cloudwatch, prefix + alarm_suffix, queue_name, topic_arn, say,
            description=f"A failed event waits in {queue_name}: README, 'When a failure "
                        f"alarm fires'.")
    return changed
