"""The deploy's steps on their own: stack updates, the secret, the smoke check, confirmation."""
import json
import os
import subprocess
import sys

import boto3
import pytest

from ops.deploy import secret, smoke, stack, streams, template
from chalicelib.models import ALL_MODELS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARAMETERS = {"TablePrefix": "lantern-steps-", "DigestQueueName": "lantern-steps-digests",
              "BounceTopicName": "lantern-steps-ses-events",
              "InboundTopicName": "lantern-steps-inbound-mail"}


def test_stack_update_lists_what_changes_and_an_unchanged_template_is_nothing_to_do():
    cfn = boto3.client("cloudformation", region_name="eu-west-1")
    said = []
    first = template.render(template.build_template(models=ALL_MODELS[:1]))
    assert stack.apply(cfn, "lantern-steps", first, PARAMETERS, say=said.append, poll_seconds=0)
    assert stack.stack_status(cfn, "lantern-steps") == "CREATE_COMPLETE"

    said.clear()
    grown = template.render(template.build_template(models=ALL_MODELS[:2]))
    changes = stack.apply(cfn, "lantern-steps", grown, PARAMETERS, say=said.append,
                          poll_seconds=0)
    added = template.logical_id(ALL_MODELS[1].Meta.short_name, "Table")
    assert changes == said == [f"add {added} (AWS::DynamoDB::Table)"]
    tables = boto3.client("dynamodb", region_name="eu-west-1").list_tables()["TableNames"]
    assert "lantern-steps-" + ALL_MODELS[1].Meta.short_name in tables

    change_sets = cfn.list_change_sets(StackName="lantern-steps")["Summaries"]
    assert stack.apply(cfn, "lantern-steps", grown, PARAMETERS, say=said.append,
                       poll_seconds=0) == []
    assert cfn.list_change_sets(StackName="lantern-steps")["Summaries"] == change_sets


def test_dropping_an_index_is_an_update_in_place_not_a_replacement():
    """posts_by_category left the posts table: CloudFormation deletes that one index with
    one UpdateTable (DynamoDB allows one index created or deleted per UpdateTable), keeping
    the table and its items; the deploy goes ahead, and a second run has nothing to do.
    moto's CloudFormation leaves a table's indexes as they were (docs/pitfalls.md #31), so
    this checks what the deploy decides, not DynamoDB's side."""
    from chalicelib.models.forum import Post

    cfn = boto3.client("cloudformation", region_name="eu-west-1")
    now = template.build_template(models=[Post])
    before = json.loads(json.dumps(now))
    properties = before["Resources"]["PostsTable"]["Properties"]
    properties["GlobalSecondaryIndexes"].append({
        "IndexName": "posts_by_category", "Projection": {"ProjectionType": "ALL"},
        "KeySchema": [{"AttributeName": "category_slug", "KeyType": "HASH"},
                      {"AttributeName": "post_id", "KeyType": "RANGE"}]})
    properties["AttributeDefinitions"].append({"AttributeName": "category_slug",
                                               "AttributeType": "S"})
    assert stack.apply(cfn, "lantern-index", template.render(before), PARAMETERS,
                       say=lambda line: None, poll_seconds=0)
    said = []
    assert stack.apply(cfn, "lantern-index", template.render(now), PARAMETERS,
                       say=said.append, poll_seconds=0) == \
        ["modify PostsTable (AWS::DynamoDB::Table)"]
    assert stack.apply(cfn, "lantern-index", template.render(now), PARAMETERS,
                       say=said.append, poll_seconds=0) == []


def test_a_busy_or_failed_stack_is_explained_not_touched():
    with pytest.raises(stack.StackError, match="busy"):
        stack._check_startable("lantern-x", "UPDATE_IN_PROGRESS")
    with pytest.raises(stack.StackError, match="ROLLBACK_COMPLETE"):
        stack._check_startable("lantern-x", "ROLLBACK_COMPLETE")
    assert stack._check_startable("lantern-x", None) == "CREATE"
    assert stack._check_startable("lantern-x", "REVIEW_IN_PROGRESS") == "CREATE"
    assert stack._check_startable("lantern-x", "UPDATE_ROLLBACK_COMPLETE") == "UPDATE"


def test_signing_secret_is_generated_once_and_never_overwritten():
    ssm = boto3.client("ssm", region_name="eu-west-1")
    assert secret.ensure_signing_secret(ssm, "/lantern/steps/signing-keys") is True
    value = ssm.get_parameter(Name="/lantern/steps/signing-keys",
                              WithDecryption=True)["Parameter"]
    assert value["Type"] == "SecureString" and len(value["Value"]) >= 64
    assert secret.ensure_signing_secret(ssm, "/lantern/steps/signing-keys") is False
    again = ssm.get_parameter(Name="/lantern/steps/signing-keys",
                              WithDecryption=True)["Parameter"]
    assert (again["Version"], again["Value"]) == (1, value["Value"])


def test_smoke_check_fails_with_the_reason_when_the_site_does_not_answer():
    with pytest.raises(smoke.SmokeCheckFailed, match="no answer"):
        smoke.check_home_page("http://127.0.0.1:9/", attempts=2, pause=0, timeout=2)


def test_destroy_asks_first_and_removes_nothing_without_the_stage_name():
    env = {name: value for name, value in os.environ.items() if not name.startswith("LANTERN_")}
    result = subprocess.run([sys.executable, "-m", "ops.cli", "destroy", "--stage", "dev"],
                            cwd=ROOT, env=env, input="yes\n", capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0
    assert "Type the stage name (dev)" in result.stdout
    assert "nothing was removed" in result.stderr


def test_infra_template_stays_under_the_inline_body_limit():
    compact = json.dumps(template.build_template(), separators=(",", ":"))
    assert len(compact.encode()) < stack.MAX_BODY_BYTES


class Mappings:
    """Lambda's event source mappings as AWS answers (DestinationConfig has an empty OnSuccess)."""

    def __init__(self, **existing):
        self.existing, self.updates = existing, []

    def list_event_source_mappings(self, EventSourceArn):
        return {"EventSourceMappings": [dict(mapping, EventSourceArn=EventSourceArn)
                                        for mapping in self.existing.get(EventSourceArn, [])]}

    def update_event_source_mapping(self, UUID, **settings):
        self.updates.append(UUID)
        for mappings in self.existing.values():
            for mapping in mappings:
                if mapping["UUID"] == UUID:
                    mapping.update(settings, DestinationConfig={
                        "OnSuccess": {}, **settings["DestinationConfig"]})


def test_stream_mappings_get_failure_handling_once_and_a_missing_consumer_stops_the_deploy():
    lambda_client = Mappings(posts=[{"UUID": "u1", "FunctionArn": "arn:fn:posts_stream",
                                     "BatchSize": 100, "DestinationConfig": {"OnSuccess": {}}}])
    said = []
    assert streams.configure_mappings(lambda_client, {"posts": "posts"}, "arn:queue",
                                      said.append) == 1
    [mapping] = lambda_client.existing["posts"]
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["DestinationConfig"]["OnFailure"] == {"Destination": "arn:queue"}
    assert streams.configure_mappings(lambda_client, {"posts": "posts"}, "arn:queue",
                                      said.append) == 0
    assert lambda_client.updates == ["u1"] and "already set" in said[-1]
    with pytest.raises(LookupError, match="blocks stream"):
        streams.configure_mappings(lambda_client, {"blocks": "blocks"}, "arn:queue", said.append)
