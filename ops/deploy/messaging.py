"""The stack's queues and topics: digests and their dead letters, SES bounces, stream
records that failed every retry, and the alarms topic."""
# Member data outlives every deploy, destroy and stack mistake; so do failed stream records.
KEEP = {"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}
# Retries before a digest message is parked in the dead-letter queue.
DIGEST_MAX_RECEIVES = 5
# Longer than the digest handler's Lambda timeout (60 s in .chalice/config.json), as AWS asks.
DIGEST_VISIBILITY_SECONDS = 360
# SQS's longest retention: two weeks to read why a record failed and replay it.
MAX_RETENTION_SECONDS = 1209600


def messaging_resources():
    """The digest queue with its dead-letter queue, the SES bounce/complaint topic, and the
    queue where stream records land after their last retry (docs/pitfalls.md #22)."""
    return {
        "StreamFailureQueue": {
            "Type": "AWS::SQS::Queue",
            **KEEP,
            "Properties": {"QueueName": {"Fn::Sub": "${TablePrefix}stream-failures"},
                           "MessageRetentionPeriod": MAX_RETENTION_SECONDS,
                           "SqsManagedSseEnabled": True},
        },
        "DigestDeadLetterQueue": {
            "Type": "AWS::SQS::Queue",
            "Properties": {"QueueName": {"Fn::Sub": "${DigestQueueName}-dlq"},
                           "MessageRetentionPeriod": MAX_RETENTION_SECONDS,
                           "SqsManagedSseEnabled": True},
        },
        "DigestQueue": {
            "Type": "AWS::SQS::Queue",
            "Properties": {
                "QueueName": {"Ref": "DigestQueueName"},
                "VisibilityTimeout": DIGEST_VISIBILITY_SECONDS,
                "SqsManagedSseEnabled": True,
                "RedrivePolicy": {
                    "deadLetterTargetArn": {"Fn::GetAtt": ["DigestDeadLetterQueue", "Arn"]},
                    "maxReceiveCount": DIGEST_MAX_RECEIVES,
                },
            },
        },
        "BounceTopic": {
            "Type": "AWS::SNS::Topic",
            "Properties": {"TopicName": {"Ref": "BounceTopicName"}},
        },
        # Where CloudWatch alarms go; subscribe the operators' address (README).
        "AlarmTopic": {
            "Type": "AWS::SNS::Topic",
            "Properties": {"TopicName": {"Fn::Sub": "${TablePrefix}alarms"}},
        },
    }
