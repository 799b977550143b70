"""Inbound mail, deployed: SES receives mail for LANTERN_INBOUND_DOMAIN, stores it in an
encrypted bucket that forgets it after 30 days, and tells the inbound topic, to which
Chalice subscribes app.py's ``inbound_mail`` function (chalicelib/inbound/ses.py).

The bucket and topic are in the stack (CloudFormation); the receipt rule is set here with
SES's API after the stack, as the bounce notifications are (ops/deploy/ses.py): an
account has one active receipt rule set, which other stages or tools may share, so each
stage adds or updates only its own rule in it.
"""
from ops.deploy.storage import private_bucket

BUCKET = "InboundMailBucket"
TOPIC = "InboundTopic"
PREFIX = "inbound/"  # chalicelib/inbound/ses.py reads only what the rule stored here
KEEP_DAYS = 30
RULE_SET = "lantern-inbound"


def inbound_resources():
    """The bucket (encrypted, private, expiring), who may write to it, and the topic."""
    ses_only = {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}
    return {
        # Raw mail holds addresses and private text: kept only as long as a failed email may
        # need to be read again from the async-failures queue.
        BUCKET: private_bucket({"Id": "forget-inbound-mail", "Status": "Enabled",
                                "ExpirationInDays": KEEP_DAYS}),
        "InboundMailBucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": {"Ref": BUCKET},
                "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                    "Sid": "SesStoresInboundMail", "Effect": "Allow",
                    "Principal": {"Service": "ses.amazonaws.com"},
                    "Action": "s3:PutObject",
                    "Resource": {"Fn::Sub": "${" + BUCKET + ".Arn}/" + PREFIX + "*"},
                    "Condition": ses_only}]},
            },
        },
        # The notification names the stored object; the topic shares the bounce topic's
        # key, whose policy already lets SES encrypt what it publishes.
        TOPIC: {
            "Type": "AWS::SNS::Topic",
            "Properties": {"TopicName": {"Ref": "InboundTopicName"},
                           "KmsMasterKeyId": {"Ref": "BounceTopicKey"}},
        },
        "InboundTopicPolicy": {
            "Type": "AWS::SNS::TopicPolicy",
            "Properties": {
                "Topics": [{"Ref": TOPIC}],
                "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                    "Sid": "SesPublishesInboundMail", "Effect": "Allow",
                    "Principal": {"Service": "ses.amazonaws.com"},
                    "Action": "sns:Publish", "Resource": {"Ref": TOPIC},
                    "Condition": ses_only}]},
            },
        },
    }


def rule(stage, domain, bucket, topic_arn):
    """The stage's receipt rule: scan for spam and viruses, store, then notify."""
    return {"Name": f"lantern-{stage}-inbound", "Enabled": True, "TlsPolicy": "Require",
            "Recipients": [domain], "ScanEnabled": True,
            "Actions": [{"S3Action": {"BucketName": bucket, "ObjectKeyPrefix": PREFIX,
                                      "TopicArn": topic_arn}}]}


def _same(current, wanted):
    def shape(found):
        action = (found.get("Actions") or [{}])[0].get("S3Action", {})
        return (str(found.get("Enabled")).lower(), found.get("TlsPolicy"),
                sorted(found.get("Recipients") or []), str(found.get("ScanEnabled")).lower(),
                action.get("BucketName"), action.get("ObjectKeyPrefix"),
                action.get("TopicArn"))

    return shape(current) == shape(wanted)


def _active_rule_set(ses, say):
    active = ses.describe_active_receipt_rule_set().get("Metadata", {}).get("Name")
    if active:
        return active
    existing = {item["Name"] for item in ses.list_receipt_rule_sets().get("RuleSets", [])}
    if RULE_SET not in existing:
        ses.create_receipt_rule_set(RuleSetName=RULE_SET)
    ses.set_active_receipt_rule_set(RuleSetName=RULE_SET)
    say(f"receipt rule set {RULE_SET} made active")
    return RULE_SET


def configure_receiving(ses, stage, domain, bucket, topic_arn, say):
    """Add or update the stage's rule in the active receipt rule set.

    :return: "created", "updated" or "unchanged" ("off" without an inbound domain).
    """
    if not domain:
        say("LANTERN_INBOUND_DOMAIN is empty: replies by email are off")
        return "off"
    rule_set = _active_rule_set(ses, say)
    wanted = rule(stage, domain, bucket, topic_arn)
    try:
        current = ses.describe_receipt_rule(RuleSetName=rule_set, RuleName=wanted["Name"])
    except ses.exceptions.RuleDoesNotExistException:
        ses.create_receipt_rule(RuleSetName=rule_set, Rule=wanted)
        say(f"mail to {domain} is stored in {bucket} and announced on {topic_arn}")
        return "created"
    if _same(current.get("Rule", {}), wanted):
        say(f"mail to {domain} already goes to {bucket}")
        return "unchanged"
    ses.update_receipt_rule(RuleSetName=rule_set, Rule=wanted)
    say(f"receipt rule {wanted['Name']} updated")
    return "updated"
