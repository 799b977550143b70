"""The stream consumers' wiring that Chalice cannot do (docs/pitfalls.md #22 and #24).

Chalice creates one event source mapping per `@app.on_dynamodb_record`, but only with a
batch size and a starting position: no per-record failure reports, no retry bound, no
on-failure destination. Without those a record that keeps failing blocks its shard until
it expires, a day later. So after `chalice deploy` each mapping is brought to
``MAPPING_SETTINGS`` here, and the failure queue gets an alarm on its depth.
"""
from ops.deploy import template

# Retries of a failing batch (halved each time, down to the one bad record) before the
# record's description goes to the failure queue.
MAX_RETRY_ATTEMPTS = 5
ALARM_SUFFIX = "stream-failures-waiting"


def environment_variable(short_name):
    """``posts`` -> ``LANTERN_POSTS_STREAM_ARN``, the setting app.py's consumer reads."""
    return f"LANTERN_{short_name.upper()}_STREAM_ARN"


def stream_arns(dynamodb, physical_ids, models):
    """{short name: latest stream ARN} of every streamed table in the stack.

    Read from the tables themselves: moto leaves a stack's Outputs empty after a change set
    (docs/pitfalls.md #25).
    """
    arns = {}
    for model in models:
        if template.stream_view_type(model):
            name = physical_ids[template.logical_id(model.Meta.short_name, "Table")]
            arns[model.Meta.short_name] = dynamodb.describe_table(
                TableName=name)["Table"]["LatestStreamArn"]
    return arns


def environment(arns):
    """The settings that carry the stream ARNs into the deploy and into every function."""
    return {environment_variable(short_name): arn for short_name, arn in arns.items()}


def mapping_settings(failure_queue_arn):
    return {"FunctionResponseTypes": ["ReportBatchItemFailures"],
            "MaximumRetryAttempts": MAX_RETRY_ATTEMPTS,
            "BisectBatchOnFunctionError": True,
            "DestinationConfig": {"OnFailure": {"Destination": failure_queue_arn}}}


def _differs(mapping, wanted):
    current = dict(mapping)
    current["DestinationConfig"] = {"OnFailure": mapping.get("DestinationConfig", {}).get(
        "OnFailure", {})}
    return any(current.get(key) != value for key, value in wanted.items())


def configure_mappings(lambda_client, arns, failure_queue_arn, say):
    """Give every mapping on the streams ``arns`` the failure handling; only when it lacks it.

    :return: the number of mappings changed.
    :raise LookupError: when a stream has no consumer (app.py lost its shim).
    """
    wanted, changed = mapping_settings(failure_queue_arn), 0
    for short_name, arn in sorted(arns.items()):
        mappings = lambda_client.list_event_source_mappings(EventSourceArn=arn)[
            "EventSourceMappings"]
        if not mappings:
            raise LookupError(f"no function consumes the {short_name} stream: app.py needs "
                              f"its @app.on_dynamodb_record shim")
        for mapping in mappings:
            function = mapping["FunctionArn"].rpartition(":")[2]
            if _differs(mapping, wanted):
                lambda_client.update_event_source_mapping(UUID=mapping["UUID"], **wanted)
                changed += 1
                say(f"{short_name} stream -> {function}: per-record failures, "
                    f"{MAX_RETRY_ATTEMPTS} retries, then the failure queue")
            else:
                say(f"{short_name} stream -> {function}: already set")
    return changed


STREAM_ALARM_DESCRIPTION = ("Stream records failed every retry: README, 'When the "
                            "stream-failures alarm fires'.")


def alarm_settings(alarm_name, queue_name, topic_arn, description=STREAM_ALARM_DESCRIPTION):
    return {"AlarmName": alarm_name,
            "AlarmDescription": description,
            "Namespace": "AWS/SQS", "MetricName": "ApproximateNumberOfMessagesVisible",
            "Dimensions": [{"Name": "QueueName", "Value": queue_name}],
            "Statistic": "Maximum", "Period": 300, "EvaluationPeriods": 1, "Threshold": 0.0,
            "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "notBreaching",
            "AlarmActions": [topic_arn], "ActionsEnabled": True}


def ensure_failure_alarm(cloudwatch, prefix, queue_name, topic_arn, say):
    """An alarm as soon as one record waits in the failure queue (docs/pitfalls.md #25).

    :return: True when the alarm was created or changed.
    """
    return ensure_alarm(cloudwatch, prefix + ALARM_SUFFIX, queue_name, topic_arn, say)


def ensure_alarm(cloudwatch, alarm_name, queue_name, topic_arn, say,
                 description=STREAM_ALARM_DESCRIPTION):
    """``alarm_name`` tells ``topic_arn`` as soon as ``queue_name`` holds a message; made
    or changed only when it differs.

    :return: True when the alarm was created or changed.
    """
    wanted = alarm_settings(alarm_name, queue_name, topic_arn, description)
    found = cloudwatch.describe_alarms(AlarmNames=[wanted["AlarmName"]])["MetricAlarms"]
    if found and all(found[0].get(key) == value for key, value in wanted.items()):
        say(f"alarm {wanted['AlarmName']} already watches {queue_name}")
        return False
    cloudwatch.put_metric_alarm(**wanted)
    say(f"alarm {wanted['AlarmName']}: tells {topic_arn} when {queue_name} holds a record")
    return True
