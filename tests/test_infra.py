"""infra/lantern.json and the per-stage IAM policies follow the models and the stage config."""
import json
import os
from email.utils import parseaddr

import pytest

from ops.deploy import messaging, stages, template
from chalicelib.models import ALL_MODELS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEPLOYED_STAGES = [name for name in stages.chalice_config()["stages"] if name != "local"]


def test_infra_is_generated_from_the_current_models():
    assert template.read() == template.render(), (
        "infra/lantern.json is out of date with chalicelib.models: run "
        "`.venv/bin/python -m ops.cli write-infra` and commit the result")


def test_every_table_is_retained_recoverable_and_matches_its_model():
    resources = template.build_template()["Resources"]
    for model in ALL_MODELS:
        table = resources[template.logical_id(model.Meta.short_name, "Table")]
        properties = table["Properties"]
        assert table["DeletionPolicy"] == table["UpdateReplacePolicy"] == "Retain"
        assert properties["PointInTimeRecoverySpecification"] == {
            "PointInTimeRecoveryEnabled": True}
        assert properties["BillingMode"] == "PAY_PER_REQUEST"
        assert properties["TableName"] == {"Fn::Sub": "${TablePrefix}" + model.Meta.short_name}
        indexes = {index["IndexName"] for index in properties.get("GlobalSecondaryIndexes", [])}
        assert indexes == set(model._get_schema().get("global_secondary_indexes") and
                              [i["index_name"] for i in model._get_schema()[
                                  "global_secondary_indexes"]] or [])
        if model.ttl_attribute:
            assert properties["TimeToLiveSpecification"] == {
                "AttributeName": model.ttl_attribute, "Enabled": True}
        else:
            assert "TimeToLiveSpecification" not in properties


def test_every_queue_is_retained_and_the_bounce_topic_is_encrypted():
    resources = template.build_template()["Resources"]
    queues = {name: resource for name, resource in resources.items()
              if resource["Type"] == "AWS::SQS::Queue"}
    assert set(queues) == {"DigestQueue", "DigestDeadLetterQueue", "StreamFailureQueue",
                           "AsyncFailureQueue"}
    for name, queue in queues.items():
        assert queue["DeletionPolicy"] == queue["UpdateReplacePolicy"] == "Retain", name
        assert queue["Properties"]["SqsManagedSseEnabled"] is True, name
    topic = resources["BounceTopic"]["Properties"]
    assert topic["KmsMasterKeyId"] == {"Ref": "BounceTopicKey"}
    key = resources["BounceTopicKey"]
    assert key["Type"] == "AWS::KMS::Key" and key["DeletionPolicy"] == "Retain"
    # SES publishes bounces to the topic: only a customer managed key can let it.
    [ses] = [statement for statement in key["Properties"]["KeyPolicy"]["Statement"]
             if statement["Principal"] == {"Service": "ses.amazonaws.com"}]
    assert set(ses["Action"]) == {"kms:GenerateDataKey*", "kms:Decrypt"}


def test_inbound_mail_is_stored_encrypted_for_30_days_and_only_ses_writes_it():
    resources = template.build_template()["Resources"]
    bucket = resources["InboundMailBucket"]["Properties"]
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0][
        "ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
    assert set(bucket["PublicAccessBlockConfiguration"].values()) == {True}
    assert bucket["LifecycleConfiguration"]["Rules"] == [{
        "Id": "forget-inbound-mail", "Status": "Enabled", "ExpirationInDays": 30}]
    [writer] = resources["InboundMailBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert (writer["Principal"], writer["Action"]) == ({"Service": "ses.amazonaws.com"},
                                                       "s3:PutObject")
    assert resources["InboundTopic"]["Properties"]["KmsMasterKeyId"] == {"Ref": "BounceTopicKey"}
    [publisher] = resources["InboundTopicPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert publisher["Principal"] == {"Service": "ses.amazonaws.com"}


def test_digest_queue_redrives_to_its_dead_letter_queue():
    resources = template.build_template()["Resources"]
    redrive = resources["DigestQueue"]["Properties"]["RedrivePolicy"]
    assert redrive == {"deadLetterTargetArn": {"Fn::GetAtt": ["DigestDeadLetterQueue", "Arn"]},
                       "maxReceiveCount": messaging.DIGEST_MAX_RECEIVES}
    assert resources["BounceTopic"]["Type"] == "AWS::SNS::Topic"


def test_streamed_tables_have_streams_their_arns_as_outputs_and_a_failure_queue():
    built = template.build_template()
    resources, outputs = built["Resources"], built["Outputs"]
    streamed = {model.Meta.short_name for model in ALL_MODELS
                if "StreamSpecification" in resources[template.logical_id(
                    model.Meta.short_name, "Table")]["Properties"]}
    assert streamed == {"posts", "threads", "blocks", "suppressions", "reactions", "letters",
                        "letter_shares"}
    for short_name in streamed:
        table_id = template.logical_id(short_name, "Table")
        assert resources[table_id]["Properties"]["StreamSpecification"] == {
            "StreamViewType": "NEW_AND_OLD_IMAGES"}
        assert outputs[template.stream_output(short_name)] == {
            "Value": {"Fn::GetAtt": [table_id, "StreamArn"]}}
    failures = resources["StreamFailureQueue"]
    assert failures["DeletionPolicy"] == failures["UpdateReplacePolicy"] == "Retain"
    assert failures["Properties"]["QueueName"] == {"Fn::Sub": "${TablePrefix}stream-failures"}
    assert outputs["StreamFailureQueueArn"] == {
        "Value": {"Fn::GetAtt": ["StreamFailureQueue", "Arn"]}}
    assert resources["AlarmTopic"]["Type"] == "AWS::SNS::Topic"


def test_a_model_declares_its_own_stream_view_type():
    from chalicelib.models import Category

    class Meta(Category.Meta):
        stream_view_type = "KEYS_ONLY"

    class Streamed(Category):
        pass

    Streamed.Meta = Meta
    assert template.stream_view_type(Category) is None
    assert template.table_resource(Streamed)["Properties"]["StreamSpecification"] == {
        "StreamViewType": "KEYS_ONLY"}


def test_template_passes_cfn_lint():
    """cfn-lint (pinned in requirements-dev.txt) knows CloudFormation's resource schemas."""
    from pathlib import Path

    from cfnlint.api import lint_file

    problems = lint_file(Path(template.TEMPLATE_PATH))
    assert not problems, "\n".join(str(problem) for problem in problems)


def _statements(stage):
    with open(stages.policy_path(stage), encoding="utf-8") as handle:
        return {statement["Sid"]: statement for statement in json.load(handle)["Statement"]}


@pytest.mark.parametrize("stage", DEPLOYED_STAGES)
def test_policy_names_exactly_the_stage_resources(stage):
    """Chalice cannot see PynamoDB's calls (docs/pitfalls.md #3): the policy is hand-written,
    so this test keeps it in step with ALL_MODELS and the stage's settings."""
    env = stages.stage_environment(stage)
    prefix = env["LANTERN_TABLE_PREFIX"]
    statements = _statements(stage)
    tables = {f"arn:aws:dynamodb:*:*:table/{prefix}{model.Meta.short_name}"
              for model in ALL_MODELS}
    indexed = {f"arn:aws:dynamodb:*:*:table/{prefix}{model.Meta.short_name}/index/*"
               for model in ALL_MODELS  # a Query of a local index names it too
               if model._get_schema().get("global_secondary_indexes")
               or model._get_schema().get("local_secondary_indexes")}
    streamed = {f"arn:aws:dynamodb:*:*:table/{prefix}{model.Meta.short_name}/stream/*"
                for model in ALL_MODELS if template.stream_view_type(model)}
    for sid, wanted in (("ReadWriteItems", tables), ("QueryIndexes", indexed),
                        ("ReadStreams", streamed)):
        named = set(statements[sid]["Resource"])
        assert named == wanted, (
            f"{stages.policy_path(stage)} statement {sid}: add {sorted(wanted - named)}, "
            f"remove {sorted(named - wanted)}")
    assert statements["QueryIndexes"]["Action"] == ["dynamodb:Query"]
    assert statements["ReadStreams"]["Action"] == [
        "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
        "dynamodb:ListStreams"]
    assert statements["StreamFailureQueue"] == {
        "Sid": "StreamFailureQueue", "Effect": "Allow", "Action": ["sqs:SendMessage"],
        "Resource": [f"arn:aws:sqs:*:*:{prefix}stream-failures"]}
    assert statements["DigestQueue"]["Resource"] == [
        f"arn:aws:sqs:*:*:{env['LANTERN_DIGEST_QUEUE_NAME']}"]
    assert statements["ReadSigningKeys"]["Resource"] == [
        f"arn:aws:ssm:*:*:parameter{env['LANTERN_SECRET_PARAMETER']}"]
    # Lambda's asynchronous invocations send their failures to it with the function's role.
    assert statements["AsyncFailureQueue"] == {
        "Sid": "AsyncFailureQueue", "Effect": "Allow", "Action": ["sqs:SendMessage"],
        "Resource": [f"arn:aws:sqs:*:*:{prefix}async-failures"]}
    # The inbound function reads only what SES's receipt rule stored (ops/deploy/inbound.py).
    assert statements["ReadInboundMail"] == {
        "Sid": "ReadInboundMail", "Effect": "Allow", "Action": ["s3:GetObject"],
        "Resource": [f"arn:aws:s3:::{prefix}inboundmailbucket-*/inbound/*"]}
    sender = parseaddr(env["LANTERN_SENDER"])[1]
    assert statements["SendMailAsLantern"]["Condition"] == {
        "StringEquals": {"ses:FromAddress": sender}}
    # Scoped to the sender's verified identity, not every identity of the account.
    assert statements["SendMailAsLantern"]["Resource"] == [
        f"arn:aws:ses:*:*:identity/{sender.rpartition('@')[2]}"]
    for statement in statements.values():
        actions = statement["Action"]
        assert statement["Effect"] == "Allow"
        assert not any(action.endswith("*") for action in actions), "no wildcard actions"
        assert "dynamodb:Scan" not in actions


@pytest.mark.parametrize("stage", DEPLOYED_STAGES)
def test_stage_config_names_every_deployed_resource(stage):
    env = stages.stage_environment(stage)
    prefix = f"lantern-{stage}-"
    assert env["LANTERN_TABLE_PREFIX"] == prefix
    assert env["LANTERN_DIGEST_QUEUE_NAME"].startswith(prefix)
    assert env["LANTERN_BOUNCE_TOPIC_NAME"].startswith(prefix)
    assert env["LANTERN_INBOUND_TOPIC_NAME"].startswith(prefix)
    assert env["LANTERN_INBOUND_DOMAIN"]
    assert env["LANTERN_SECRET_PARAMETER"].startswith(f"/lantern/{stage}/")


def test_the_cdn_keys_on_the_session_cookie_and_obeys_the_app():
    """Members never get a shared copy: the session cookie is in the cache key, and the
    app's ``private, no-store`` is obeyed (minimum TTL 0); every cookie reaches the app."""
    from chalicelib.core import config
    from chalicelib.platform import site_cookies
    from ops.deploy import cdn

    assert config.settings.secure_cookies
    assert cdn.SESSION_COOKIE == site_cookies.session_cookie_name()
    resources = template.build_template()["Resources"]
    policy = resources["PageCachePolicy"]["Properties"]["CachePolicyConfig"]
    assert (policy["MinTTL"], policy["DefaultTTL"]) == (0, 0)
    key = policy["ParametersInCacheKeyAndForwardedToOrigin"]
    assert key["CookiesConfig"]["Cookies"] == [cdn.SESSION_COOKIE]
    assert key["QueryStringsConfig"]["QueryStringBehavior"] == "all"
    assert key["EnableAcceptEncodingGzip"]
    distribution = resources["SiteDistribution"]["Properties"]["DistributionConfig"]
    behaviours = [distribution["DefaultCacheBehavior"], *distribution["CacheBehaviors"]]
    pages = [b for b in behaviours if b["CachePolicyId"] == {"Ref": "PageCachePolicy"}]
    for behaviour in pages:
        assert behaviour["Compress"] and "POST" in behaviour["AllowedMethods"]
        assert behaviour["CachedMethods"] == ["GET", "HEAD"]
        assert behaviour["OriginRequestPolicyId"] == cdn.ALL_VIEWER_EXCEPT_HOST
    # Static files: no cookie in the key or to the function, the ?v= hash in the key.
    static = [b for b in behaviours if b not in pages]
    assert sorted(b["PathPattern"] for b in static) == ["/api/static/*", "/static/*"]
    static_policy = resources["StaticCachePolicy"]["Properties"]["CachePolicyConfig"][
        "ParametersInCacheKeyAndForwardedToOrigin"]
    assert static_policy["CookiesConfig"] == {"CookieBehavior": "none"}
    assert static_policy["QueryStringsConfig"]["QueryStringBehavior"] == "all"
    assert all("OriginRequestPolicyId" not in b and b["Compress"] for b in static)
    # A custom domain has no /api prefix; the stage's own links (/api/...) work too, and
    # the first matching pattern wins, so /api/static/* comes before /api/*.
    origins = {o["Id"]: o["OriginPath"] for o in distribution["Origins"]}
    assert origins[distribution["DefaultCacheBehavior"]["TargetOriginId"]] == "/api"
    order = [b["PathPattern"] for b in distribution["CacheBehaviors"]]
    assert order.index("/api/static/*") < order.index("/api/*")
    api = next(b for b in pages if b.get("PathPattern") == "/api/*")
    assert origins[api["TargetOriginId"]] == ""
    assert cdn.parameters({"lantern_cdn": {"domain_name": "forum.example.org",
                                           "certificate_arn": "arn:cert"}}, "h") == {
        "ApiDomainName": "h", "SiteDomainName": "forum.example.org",
        "SiteCertificateArn": "arn:cert"}
