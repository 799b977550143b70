"""The stack's queues and topics: digests and their dead letters, SES bounces (encrypted),
stream records that failed every retry, asynchronous invocations that failed every retry,
and the alarms topic. Every queue is retained: what waits in it outlives a stack mistake."""
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
        # Schedules and the SES-notification function are invoked asynchronously: an event
        # that fails every retry lands here (ops/deploy/failures.py sets the destinations).
        "AsyncFailureQueue": {
            "Type": "AWS::SQS::Queue",
            **KEEP,
            "Properties": {"QueueName": {"Fn::Sub": "${TablePrefix}async-failures"},
                           "MessageRetentionPeriod": MAX_RETENTION_SECONDS,
                           "SqsManagedSseEnabled": True},
        },
        "DigestDeadLetterQueue": {
            "Type": "AWS::SQS::Queue",
            **KEEP,
            "Properties": {"QueueName": {"Fn::Sub": "${DigestQueueName}-dlq"},
                           "MessageRetentionPeriod": MAX_RETENTION_SECONDS,
                           "SqsManagedSseEnabled": True},
        },
        "DigestQueue": {
            "Type": "AWS::SQS::Queue",
            **KEEP,
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
        # Bounce notices carry members' addresses. SES can publish to an encrypted topic only
        # with a customer managed key whose policy lets it (the AWS managed alias/aws/sns key
        # cannot be given to SES), so the topic has its own key.
        "BounceTopicKey": {
            "Type": "AWS::KMS::Key",
            **KEEP,
            "Properties": {"Description": "Encrypts the SES topics: bounces and complaints, "
                                          "inbound mail",
                           "EnableKeyRotation": True,
                           "KeyPolicy": _bounce_key_policy()},
        },
        "BounceTopic": {
            "Type": "AWS::SNS::Topic",
            "Properties": {"TopicName": {"Ref": "BounceTopicName"},
                           "KmsMasterKeyId": {"Ref": "BounceTopicKey"}},
        },
        # Where CloudWatch alarms go; subscribe the operators' address (README).
        "AlarmTopic": {
            "Type": "AWS::SNS::Topic",
            "Properties": {"TopicName": {"Fn::Sub": "${TablePrefix}alarms"}},
        },
    }


def _bounce_key_policy():
    """The account administers the key; SES may encrypt what it publishes to the topic."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "AccountAdministers", "Effect": "Allow",
             "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}},
             "Action": "kms:*", "Resource": "*"},
            {"Sid": "SesPublishesBounces", "Effect": "Allow",
             "Principal": {"Service": "ses.amazonaws.com"},
             "Action": ["kms:GenerateDataKey*", "kms:Decrypt"], "Resource": "*",
             "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}},
        ],
    }
