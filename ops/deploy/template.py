"""The CloudFormation template in infra/, generated from the PynamoDB models.

Tables, keys, indexes, TTL and streams come from ``ALL_MODELS``, so the deployed tables can
never drift from the code that reads them; a test fails when infra/ is older than the models.
Regenerate with ``python -m ops.cli write-infra``.
"""
import json
import os
import re

from ops.deploy import cdn
from ops.deploy.inbound import inbound_resources
from ops.deploy.messaging import KEEP, messaging_resources
from ops.deploy.storage import storage_resources

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATE_PATH = os.path.join(PROJECT_ROOT, "infra", "lantern.json")
# The streamed tables (app.py has one consumer each). Models may say so themselves with
# ``Meta.stream_view_type``; this set keeps the contract while they do not.
STREAMED_TABLES = {"posts", "threads", "blocks", "suppressions", "reactions", "letters",
                   "letter_shares"}
STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES"


def logical_id(short_name, suffix):
    """``ratelimits`` -> ``RatelimitsTable``: CloudFormation ids are alphanumeric."""
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", short_name)) + suffix


def _key_schema(keys):
    # CloudFormation wants the HASH key first; PynamoDB lists keys in any order.
    ordered = sorted(keys, key=lambda key: key["KeyType"] != "HASH")
    return [{"AttributeName": key["AttributeName"], "KeyType": key["KeyType"]}
            for key in ordered]


def _projection(projection):
    result = {"ProjectionType": projection["ProjectionType"]}
    if projection.get("NonKeyAttributes"):
        result["NonKeyAttributes"] = sorted(projection["NonKeyAttributes"])
    return result


def stream_view_type(model):
    """The model's stream view type, or None for a table without a stream."""
    declared = getattr(model.Meta, "stream_view_type", None)
    if declared:
        return declared
    return STREAM_VIEW_TYPE if model.Meta.short_name in STREAMED_TABLES else None


def stream_output(short_name):
    """``posts`` -> ``PostsStreamArn``: the Output holding that table's stream ARN."""
    return logical_id(short_name, "StreamArn")


def table_resource(model):
    """One ``AWS::DynamoDB::Table`` for a PynamoDB model (on demand, PITR, TTL, retained)."""
    schema = model._get_schema()
    properties = {
        "TableName": {"Fn::Sub": "${TablePrefix}" + model.Meta.short_name},
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": sorted(
            ({"AttributeName": d["AttributeName"], "AttributeType": d["AttributeType"]}
             for d in schema["attribute_definitions"]),
            key=lambda d: d["AttributeName"]),
        "KeySchema": _key_schema(schema["key_schema"]),
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": {"SSEEnabled": True},
    }
    for kind, key in (("global_secondary_indexes", "GlobalSecondaryIndexes"),
                      ("local_secondary_indexes", "LocalSecondaryIndexes")):
        indexes = sorted(schema.get(kind, []), key=lambda index: index["index_name"])
        if indexes:
            properties[key] = [{"IndexName": index["index_name"],
                                "KeySchema": _key_schema(index["key_schema"]),
                                "Projection": _projection(index["projection"])}
                               for index in indexes]
    if stream_view_type(model):
        properties["StreamSpecification"] = {"StreamViewType": stream_view_type(model)}
    if model.ttl_attribute:
        properties["TimeToLiveSpecification"] = {"AttributeName": model.ttl_attribute,
                                                 "Enabled": True}
    return {"Type": "AWS::DynamoDB::Table", **KEEP, "Properties": properties}


def build_template(models=None):
    """The whole template as a dict; ``models`` defaults to ``ALL_MODELS``."""
    if models is None:
        from chalicelib.models import ALL_MODELS

        models = ALL_MODELS
    resources = {logical_id(model.Meta.short_name, "Table"): table_resource(model)
                 for model in models}
    resources.update(messaging_resources())
    resources.update(storage_resources())
    resources.update(inbound_resources())
    resources.update(cdn.cdn_resources())
    outputs = {name: {"Value": {"Ref": name}} for name in resources
               if resources[name]["Type"] == "AWS::DynamoDB::Table"}
    outputs.update({stream_output(model.Meta.short_name): {"Value": {"Fn::GetAtt": [
        logical_id(model.Meta.short_name, "Table"), "StreamArn"]}}
        for model in models if stream_view_type(model)})
    outputs.update({
        "DigestQueueUrl": {"Value": {"Ref": "DigestQueue"}},
        "DigestQueueArn": {"Value": {"Fn::GetAtt": ["DigestQueue", "Arn"]}},
        "DigestDeadLetterQueueUrl": {"Value": {"Ref": "DigestDeadLetterQueue"}},
        "BounceTopicArn": {"Value": {"Ref": "BounceTopic"}},
        "StreamFailureQueueArn": {"Value": {"Fn::GetAtt": ["StreamFailureQueue", "Arn"]}},
        "AsyncFailureQueueArn": {"Value": {"Fn::GetAtt": ["AsyncFailureQueue", "Arn"]}},
        "AlarmTopicArn": {"Value": {"Ref": "AlarmTopic"}},
        "SearchBucketName": {"Value": {"Ref": "SearchBucket"}},
        "InboundMailBucketName": {"Value": {"Ref": "InboundMailBucket"}},
        "InboundTopicArn": {"Value": {"Ref": "InboundTopic"}},
    })
    outputs.update(cdn.outputs())
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Lantern's data and messaging: DynamoDB tables (retained, point-in-time "
                       "recovery, streams), the digest queue and its dead letters, the SES "
                       "bounce topic, the queues of stream records and asynchronous "
                       "invocations that failed every retry, the search index's bucket, "
                       "the inbound mail bucket (30 days) and topic, "
                       "and CloudFront in front of the HTTP API once it exists. "
                       "Generated from chalicelib.models by `python -m ops.cli "
                       "write-infra`; do not edit by hand.",
        "Parameters": {
            "TablePrefix": {"Type": "String", "Description": "LANTERN_TABLE_PREFIX"},
            "DigestQueueName": {"Type": "String", "Description": "LANTERN_DIGEST_QUEUE_NAME"},
            "BounceTopicName": {"Type": "String", "Description": "LANTERN_BOUNCE_TOPIC_NAME"},
            "InboundTopicName": {"Type": "String", "Description": "LANTERN_INBOUND_TOPIC_NAME"},
            **cdn.PARAMETERS,
        },
        "Conditions": cdn.CONDITIONS,
        "Resources": resources,
        "Outputs": outputs,
    }


def render(template=None):
    """The template as the exact text kept in infra/ (stable key order, trailing newline)."""
    return json.dumps(build_template() if template is None else template, indent=2) + "\n"


def write(path=TEMPLATE_PATH):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(render())
    return path


def read(path=TEMPLATE_PATH):
    with open(path, encoding="utf-8") as handle:
        return handle.read()
