"""Proof without an AWS account: the whole `make deploy` against a moto server, twice.

The deploy runs as the operator runs it, `python -m ops.cli deploy --stage dev`, in
its own process, on a copy of the project (so the test never touches this checkout's
.chalice/deployed/ record), with AWS_ENDPOINT_URL pointing every AWS call at a
ThreadedMotoServer on loopback. The test then reads back what was made through boto3.
"""
import json
import os
import shutil
import subprocess
import sys
import threading

import boto3
import pytest
from moto.apigateway.models import APIGatewayBackend
from moto.server import ThreadedMotoServer

from chalicelib.models import ALL_MODELS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAGE = "dev"
PREFIX = f"lantern-{STAGE}-"
# What the deployed code needs; tests, benchmarks and docs stay behind.
LEFT_OUT = ("tests/", "bench/", "docs/", ".ci/")


def _copy_project(destination):
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in listed.split("\n"):
        source = os.path.join(ROOT, name)
        if not name or name.startswith(LEFT_OUT) or not os.path.lexists(source):
            continue
        target = os.path.join(destination, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(source):
            os.symlink(os.readlink(source), target)  # vendor/templates -> ../templates
        else:
            shutil.copy2(source, target)


def _openapi3(api_doc):
    """Chalice sends Swagger 2.0 without info.description; moto reads only OpenAPI 3 and
    needs the description (docs/pitfalls.md #8). The paths it reads look the same in both."""
    api_doc.setdefault("info", {}).setdefault("description", "")
    if api_doc.pop("swagger", None):
        api_doc["openapi"] = "3.0.1"
    return api_doc


@pytest.fixture
def endpoint(monkeypatch):
    """A moto server on loopback; its API Gateway patched for Chalice's Swagger (test only)."""
    import_rest_api, put_rest_api = (APIGatewayBackend.import_rest_api,
                                     APIGatewayBackend.put_rest_api)
    monkeypatch.setattr(APIGatewayBackend, "import_rest_api",
                        lambda self, api_doc, fail_on_warnings:
                        import_rest_api(self, _openapi3(api_doc), fail_on_warnings))
    monkeypatch.setattr(APIGatewayBackend, "put_rest_api",
                        lambda self, function_id, api_doc, fail_on_warnings, mode="merge":
                        put_rest_api(self, function_id, _openapi3(api_doc), fail_on_warnings,
                                     mode))
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def site(app):
    """Lantern's app served over HTTP, for the deploy's smoke check.

    moto stores Lambda code but cannot run it without Docker, so the smoke check is pointed
    (with --smoke-url) at the same app served by Chalice's local server.
    """
    from chalice.config import Config
    from chalice.local import LocalDevServer

    server = LocalDevServer(app, Config.create(chalice_stage="test", app_name="lantern",
                                               project_dir=ROOT), "127.0.0.1", 0)
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server.server_address[1]}/"
    server.shutdown()


def _run(project, endpoint, *args):
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("LANTERN_", "AWS_"))}
    env.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_DEFAULT_REGION": "eu-west-1", "AWS_ENDPOINT_URL": endpoint})
    result = subprocess.run([sys.executable, "-m", "ops.cli", *args], cwd=project,
                            env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class Aws:
    """boto3 clients on the moto server."""

    def __init__(self, endpoint):
        self.endpoint = endpoint

    def __getattr__(self, service):
        return boto3.client(service.rstrip("_"), region_name="eu-west-1",
                            endpoint_url=self.endpoint)


def stack_ids(aws):
    from ops.deploy import stack

    return stack.physical_ids(aws.cloudformation, f"lantern-{STAGE}")


def _app_event_sources():
    from chalice.app import (DynamoDBEventConfig, ScheduledEventConfig, SNSEventConfig,
                             SQSEventConfig)

    from app import app

    def of(kind):
        return [source for source in app.event_sources if isinstance(source, kind)]

    return (of(ScheduledEventConfig), of(SQSEventConfig), of(SNSEventConfig),
            of(DynamoDBEventConfig))


def _function(aws, handler_name):
    return aws.lambda_.get_function(FunctionName=f"lantern-{STAGE}-{handler_name}")


def _snapshot(aws):
    """Everything a second deploy could have changed by mistake."""
    functions = aws.lambda_.list_functions()["Functions"]
    parameter = aws.ssm.get_parameter(Name=f"/lantern/{STAGE}/signing-keys",
                                      WithDecryption=True)["Parameter"]
    return {
        "stack": aws.cloudformation.describe_stacks(StackName=f"lantern-{STAGE}")["Stacks"][0]
        .get("LastUpdatedTime"),
        "secret": (parameter["Version"], parameter["Value"]),
        "record": aws.ssm.get_parameter(Name=f"/lantern/{STAGE}/chalice-deployed")["Parameter"][
            "Version"],
        "tables": aws.dynamodb.list_tables()["TableNames"],
        "queues": aws.sqs.list_queues()["QueueUrls"],
        "topics": aws.sns.list_topics()["Topics"],
        "subscriptions": aws.sns.list_subscriptions()["Subscriptions"],
        "functions": sorted((f["FunctionName"], f["CodeSha256"], f["Role"]) for f in functions),
        "rules": aws.events.list_rules()["Rules"],
        "mappings": sorted(
            (m["UUID"], m["EventSourceArn"], m.get("MaximumRetryAttempts"),
             str(m.get("DestinationConfig")), str(m.get("FunctionResponseTypes")))
            for m in aws.lambda_.list_event_source_mappings()["EventSourceMappings"]),
        "alarms": aws.cloudwatch.describe_alarms()["MetricAlarms"],
        "apis": sorted(api["id"] for api in aws.apigateway.get_rest_apis()["items"]),
        "gateway": [(api["id"], aws.apigateway.get_gateway_responses(restApiId=api["id"])[
            "items"], aws.apigateway.get_stage(restApiId=api["id"], stageName="api")[
            "methodSettings"]) for api in aws.apigateway.get_rest_apis()["items"]],
        "invoke_configs": sorted(str(aws.lambda_.list_function_event_invoke_configs(
            FunctionName=f["FunctionName"])["FunctionEventInvokeConfigs"]) for f in functions),
        "roles": sorted(role["RoleName"] for role in aws.iam.list_roles()["Roles"]),
        "http_apis": [(api["ApiId"], api["Name"],
                       sorted((r["RouteKey"], r["Target"], r["RouteId"]) for r in
                              aws.apigatewayv2.get_routes(ApiId=api["ApiId"])["Items"]),
                       aws.apigatewayv2.get_integrations(ApiId=api["ApiId"])["Items"],
                       aws.apigatewayv2.get_stages(ApiId=api["ApiId"])["Items"])
                      for api in aws.apigatewayv2.get_apis()["Items"]],
        "web_policy": aws.lambda_.get_policy(FunctionName=f"lantern-{STAGE}")["Policy"],
    }


def test_one_command_deploys_everything_and_a_second_run_changes_nothing(
        endpoint, site, tmp_path):
    aws = Aws(endpoint)
    project = tmp_path / "lantern"
    _copy_project(project)
    aws.ses.verify_domain_identity(Domain="example.org")  # the dev stage's sender domain

    first = _run(project, endpoint, "deploy", "--stage", STAGE, "--smoke-url", site)

    # The data stack: every model's table with its indexes, the queue, DLQ and topic.
    stack = aws.cloudformation.describe_stacks(StackName=f"lantern-{STAGE}")["Stacks"][0]
    # Created, then updated once the REST API existed, to put the CDN in front of it.
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    for model in ALL_MODELS:
        table = aws.dynamodb.describe_table(TableName=PREFIX + model.Meta.short_name)["Table"]
        wanted = {index["index_name"] for index in
                  model._get_schema().get("global_secondary_indexes", [])}
        assert {index["IndexName"] for index in table.get("GlobalSecondaryIndexes", [])} == wanted
        assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    queue = aws.sqs.get_queue_url(QueueName=f"{PREFIX}digests")["QueueUrl"]
    dead_letters = aws.sqs.get_queue_url(QueueName=f"{PREFIX}digests-dlq")["QueueUrl"]
    dead_letters_arn = aws.sqs.get_queue_attributes(
        QueueUrl=dead_letters, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    attributes = aws.sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["All"])[
        "Attributes"]
    assert dead_letters_arn in attributes["RedrivePolicy"]
    topic_arn = next(topic["TopicArn"] for topic in aws.sns.list_topics()["Topics"]
                     if topic["TopicArn"].endswith(f":{PREFIX}ses-events"))
    # moto's GetIdentityNotificationAttributes leaves the topics out: read its backend.
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    assert ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-1"].sns_topics["example.org"] == {
        "Bounce": topic_arn, "Complaint": topic_arn}

    # The secret: a SecureString made once.
    parameter = aws.ssm.get_parameter(Name=f"/lantern/{STAGE}/signing-keys")["Parameter"]
    assert parameter["Type"] == "SecureString"

    # The code: the web function, one function per schedule, trigger and stream, each on
    # python3.13 (docs/pitfalls.md #20) with the stage's settings, the stream ARNs and the
    # hand-written policy.
    schedules, queue_triggers, topic_triggers, consumers = _app_event_sources()
    stream_arns = {short_name: aws.dynamodb.describe_table(TableName=PREFIX + short_name)[
        "Table"]["LatestStreamArn"] for short_name in ("posts", "threads", "blocks",
                                                       "suppressions", "reactions", "letters",
                                                       "letter_shares")}
    functions = [f for f in aws.lambda_.list_functions()["Functions"]
                 if f["FunctionName"].startswith(f"lantern-{STAGE}")]
    assert len(functions) == 1 + len(schedules + queue_triggers + topic_triggers + consumers)
    for function in functions:
        assert function["Runtime"] == "python3.13", function["FunctionName"]
        variables = function["Environment"]["Variables"]
        assert variables["LANTERN_TABLE_PREFIX"] == PREFIX
        assert {short_name: variables[f"LANTERN_{short_name.upper()}_STREAM_ARN"]
                for short_name in stream_arns} == stream_arns
    web = aws.lambda_.get_function(FunctionName=f"lantern-{STAGE}")["Configuration"]
    role = web["Role"].rpartition("/")[2]
    policies = aws.iam.list_role_policies(RoleName=role)["PolicyNames"]
    document = aws.iam.get_role_policy(RoleName=role, PolicyName=policies[0])["PolicyDocument"]
    assert f"arn:aws:dynamodb:*:*:table/{PREFIX}posts/index/*" in str(document)
    assert f"arn:aws:dynamodb:*:*:table/{PREFIX}posts/stream/*" in str(document)
    assert f"arn:aws:sqs:*:*:{PREFIX}stream-failures" in str(document)
    # The search index's bucket: private, encrypted, named to every function and the policy.
    bucket = stack_ids(aws)["SearchBucket"]
    assert bucket.startswith(f"lantern-{STAGE}-searchbucket-")
    assert f"arn:aws:s3:::lantern-{STAGE}-searchbucket-*/*" in str(document)
    aws.s3.head_bucket(Bucket=bucket)
    # moto's CloudFormation creates the bucket without applying these: read what was asked.
    body = aws.cloudformation.get_template(StackName=f"lantern-{STAGE}")["TemplateBody"]
    asked = (json.loads(body) if isinstance(body, str) else body)["Resources"]["SearchBucket"]
    assert asked["DeletionPolicy"] == "Retain"
    assert set(asked["Properties"]["PublicAccessBlockConfiguration"].values()) == {True}
    assert asked["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert {f["Environment"]["Variables"]["LANTERN_SEARCH_BUCKET"] for f in functions} == {
        bucket}
    assert "rebuild_search_index" in {schedule.name for schedule in schedules}
    assert schedules, "app.py schedules at least the stale-thread job"
    for schedule in schedules:
        function_arn = _function(aws, schedule.name)["Configuration"]["FunctionArn"]
        rules = aws.events.list_rule_names_by_target(TargetArn=function_arn)["RuleNames"]
        expression = aws.events.describe_rule(Name=rules[0])["ScheduleExpression"]
        assert expression == schedule.schedule_expression.to_string()
        assert f"{schedule.name} runs at {expression}" in first
    mappings = aws.lambda_.list_event_source_mappings()["EventSourceMappings"]
    for trigger in queue_triggers:
        # The queue name the stage's function reads (this test process has other settings).
        function_arn = _function(aws, trigger.name)["Configuration"]["FunctionArn"]
        assert [m["EventSourceArn"] for m in mappings if m["FunctionArn"] == function_arn] == [
            attributes["QueueArn"]]
    inbound_topic = next(topic["TopicArn"] for topic in aws.sns.list_topics()["Topics"]
                         if topic["TopicArn"].endswith(f":{PREFIX}inbound-mail"))
    topic_of = {"ses_notifications": topic_arn, "inbound_mail": inbound_topic}
    assert {trigger.name for trigger in topic_triggers} == set(topic_of)
    for trigger in topic_triggers:
        function_arn = _function(aws, trigger.name)["Configuration"]["FunctionArn"]
        subscribed = aws.sns.list_subscriptions_by_topic(TopicArn=topic_of[trigger.name])[
            "Subscriptions"]
        assert function_arn in [subscription["Endpoint"] for subscription in subscribed]

    # Inbound mail: the active receipt rule set stores mail to the stage's inbound domain,
    # scanned, in the encrypted bucket that forgets it after 30 days, and tells the topic.
    inbound_bucket = stack_ids(aws)["InboundMailBucket"]
    assert inbound_bucket.startswith(f"lantern-{STAGE}-inboundmailbucket-")  # the policy's
    active = aws.ses.describe_active_receipt_rule_set()
    assert active["Metadata"]["Name"] == "lantern-inbound"
    [rule] = [rule for rule in active["Rules"] if rule["Name"] == f"lantern-{STAGE}-inbound"]
    assert rule["Recipients"] == ["reply.example.org"]
    assert str(rule["ScanEnabled"]).lower() == "true"
    assert rule["Actions"][0]["S3Action"] == {"BucketName": inbound_bucket,
                                              "ObjectKeyPrefix": "inbound/",
                                              "TopicArn": inbound_topic}
    aws.s3.head_bucket(Bucket=inbound_bucket)
    asked_inbound = (json.loads(body) if isinstance(body, str) else body)["Resources"][
        "InboundMailBucket"]["Properties"]
    assert asked_inbound["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert asked_inbound["LifecycleConfiguration"]["Rules"][0]["ExpirationInDays"] == 30
    assert f"arn:aws:s3:::lantern-{STAGE}-inboundmailbucket-*/inbound/*" in str(document)
    assert "mail to reply.example.org is stored in" in first
    assert aws.sns.get_topic_attributes(TopicArn=inbound_topic)["Attributes"][
        "KmsMasterKeyId"]

    # The stream consumers: one per streamed table, each failure reported per record,
    # retried a bounded number of times, then sent to the failure queue (which alarms).
    failures = aws.sqs.get_queue_url(QueueName=f"{PREFIX}stream-failures")["QueueUrl"]
    failures_arn = aws.sqs.get_queue_attributes(
        QueueUrl=failures, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    assert {consumer.name for consumer in consumers} == {
        f"{short_name}_stream" for short_name in stream_arns}
    for short_name, stream_arn in stream_arns.items():
        function_arn = _function(aws, f"{short_name}_stream")["Configuration"]["FunctionArn"]
        [mapping] = [m for m in mappings if m["EventSourceArn"] == stream_arn]
        assert mapping["FunctionArn"] == function_arn
        assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
        assert mapping["BisectBatchOnFunctionError"] is True
        assert 0 < mapping["MaximumRetryAttempts"] <= 10
        assert mapping["DestinationConfig"]["OnFailure"] == {"Destination": failures_arn}
    alarm_topic = next(topic["TopicArn"] for topic in aws.sns.list_topics()["Topics"]
                       if topic["TopicArn"].endswith(f":{PREFIX}alarms"))
    alarms = aws.cloudwatch.describe_alarms(AlarmNamePrefix=PREFIX)["MetricAlarms"]
    # Every queue where failures wait alarms as soon as it holds one message.
    assert sorted(alarm["Dimensions"][0]["Value"] for alarm in alarms) == sorted(
        f"{PREFIX}{name}" for name in ("stream-failures", "async-failures", "digests-dlq"))
    for alarm in alarms:
        assert (alarm["MetricName"], alarm["ComparisonOperator"], alarm["Threshold"]) == (
            "ApproximateNumberOfMessagesVisible", "GreaterThanThreshold", 0)
        assert alarm["Dimensions"][0]["Name"] == "QueueName"
        assert alarm["AlarmActions"] == [alarm_topic]
    assert "Stream consumers" in first and "then the failure queue" in first

    # The schedules and the SES-notification function: bounded retries, then the
    # async-failures queue (the digest consumer has its dead-letter queue, above).
    async_failures = aws.sqs.get_queue_url(QueueName=f"{PREFIX}async-failures")["QueueUrl"]
    async_failures_arn = aws.sqs.get_queue_attributes(
        QueueUrl=async_failures, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    for source in schedules + topic_triggers:
        invoke_config = aws.lambda_.get_function_event_invoke_config(
            FunctionName=f"lantern-{STAGE}-{source.name}")
        assert invoke_config["DestinationConfig"]["OnFailure"] == {
            "Destination": async_failures_arn}, source.name
        assert 0 <= invoke_config["MaximumRetryAttempts"] <= 2
    # Bounce notices carry addresses: the topic is encrypted with its own key.
    # (moto's CloudFormation stores the key policy so that DescribeKey fails: compare ids.)
    topic_attributes = aws.sns.get_topic_attributes(TopicArn=topic_arn)["Attributes"]
    [key] = [resource for resource in aws.cloudformation.describe_stack_resources(
        StackName=f"lantern-{STAGE}")["StackResources"]
        if resource.get("ResourceType") == "AWS::KMS::Key"]
    assert topic_attributes["KmsMasterKeyId"] == key["PhysicalResourceId"]
    # A flood is bounded: the web function's reserved concurrency, the stage's throttling.
    settings = json.loads((project / ".chalice" / "config.json").read_text())["stages"][STAGE]
    assert aws.lambda_.get_function_concurrency(FunctionName=f"lantern-{STAGE}")[
        "ReservedConcurrentExecutions"] == settings["lambda_functions"]["api_handler"][
        "reserved_concurrency"]

    groups = aws.logs.describe_log_groups(logGroupNamePrefix=f"/aws/lambda/lantern-{STAGE}")
    assert {group["retentionInDays"] for group in groups["logGroups"]} == {30}
    assert len(groups["logGroups"]) == len(functions)

    # The REST API, at the URL the deploy printed: the function's direct address, with calm
    # pages for what it answers itself.
    api = next(api for api in aws.apigateway.get_rest_apis()["items"]
               if api["name"] == "lantern")
    paths = {resource["path"] for resource in
             aws.apigateway.get_resources(restApiId=api["id"], limit=500)["items"]}
    assert {"/", "/crisis"} <= paths
    assert f"https://{api['id']}.execute-api.eu-west-1.amazonaws.com/api/" in first
    throttled = aws.apigateway.get_stage(restApiId=api["id"], stageName="api")[
        "methodSettings"]["*/*"]
    assert (throttled["throttlingRateLimit"], throttled["throttlingBurstLimit"]) == (
        settings["api_gateway_throttling"]["rate_limit"],
        settings["api_gateway_throttling"]["burst_limit"])
    # What API Gateway answers itself: a calm page with the app's security headers, and an
    # unknown address is a 404 (docs/pitfalls.md #14).
    for response_type, title in (("MISSING_AUTHENTICATION_TOKEN", "Page not found"),
                                 ("DEFAULT_4XX", "could not be answered"),
                                 ("DEFAULT_5XX", "Lantern is busy")):
        response = aws.apigateway.get_gateway_response(restApiId=api["id"],
                                                       responseType=response_type)
        headers = response["responseParameters"]
        for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                       "Referrer-Policy", "Permissions-Policy", "Strict-Transport-Security"):
            assert headers[f"gatewayresponse.header.{header}"].startswith("'"), header
        assert headers["gatewayresponse.header.Content-Type"] == "'text/html; charset=utf-8'"
        assert title in response["responseTemplates"]["text/html"]
        assert "<h1>" in response["responseTemplates"]["application/json"]
    assert aws.apigateway.get_gateway_response(
        restApiId=api["id"], responseType="MISSING_AUTHENTICATION_TOKEN")["statusCode"] == "404"
    assert "Smoke check" in first and "HTTP 200" in first
    assert "Data from earlier versions brought up to date" in first
    assert "Categories' index (settings and share pages read it): written" in first

    # The HTTP API CloudFront calls: one route per line of the route table and $default,
    # all to one Lambda proxy integration of the web function with payload format 1.0 (the
    # REST-shaped event Chalice reads), a self-deploying stage named like the REST API's with
    # the same throttling, and the permission to invoke the function.
    from chalicelib.route_table import ROUTES

    [http_api] = aws.apigatewayv2.get_apis()["Items"]
    assert (http_api["Name"], http_api["ProtocolType"]) == (f"lantern-{STAGE}", "HTTP")
    [integration] = aws.apigatewayv2.get_integrations(ApiId=http_api["ApiId"])["Items"]
    assert (integration["IntegrationType"], integration["PayloadFormatVersion"]) == (
        "AWS_PROXY", "1.0")
    assert integration["IntegrationUri"] == web["FunctionArn"]
    routes = aws.apigatewayv2.get_routes(ApiId=http_api["ApiId"])["Items"]
    wanted_keys = {f"{method} {path}" for methods, path, _ in ROUTES for method in methods}
    assert sorted(route["RouteKey"] for route in routes) == sorted(wanted_keys | {"$default"})
    assert {"GET /t/{thread_id}", "POST /login", "GET /static/{name}"} <= wanted_keys
    assert {route["Target"] for route in routes} == {
        f"integrations/{integration['IntegrationId']}"}
    http_stage = aws.apigatewayv2.get_stage(ApiId=http_api["ApiId"], StageName="api")
    assert http_stage["AutoDeploy"] is True
    assert (http_stage["DefaultRouteSettings"]["ThrottlingRateLimit"],
            http_stage["DefaultRouteSettings"]["ThrottlingBurstLimit"]) == (
        settings["api_gateway_throttling"]["rate_limit"],
        settings["api_gateway_throttling"]["burst_limit"])
    statements = json.loads(aws.lambda_.get_policy(FunctionName=f"lantern-{STAGE}")[
        "Policy"])["Statement"]
    [invoke] = [statement for statement in statements if statement["Sid"] == "lantern-http-api"]
    assert invoke["Principal"] == {"Service": "apigateway.amazonaws.com"}
    assert invoke["Condition"]["ArnLike"]["AWS:SourceArn"] == (
        f"arn:aws:execute-api:eu-west-1:{web['FunctionArn'].split(':')[4]}:"
        f"{http_api['ApiId']}/*")
    assert f"HTTP API: {http_api['ApiEndpoint']}/api/" in first

    # The CDN, in the same stack, made once the HTTP API exists: its origin is that API's
    # host, not the REST API's. moto's CloudFormation makes no CloudFront resources
    # (docs/pitfalls.md #29), so what was asked is read from the stack's parameters and
    # template.
    given = {p["ParameterKey"]: p["ParameterValue"] for p in aws.cloudformation.describe_stacks(
        StackName=f"lantern-{STAGE}")["Stacks"][0]["Parameters"]}
    assert given["ApiDomainName"] == f"{http_api['ApiId']}.execute-api.eu-west-1.amazonaws.com"
    assert http_api["ApiId"] != api["id"]
    assert given["SiteCertificateArn"] == ""  # dev has no custom domain: CloudFront's own
    body = aws.cloudformation.get_template(StackName=f"lantern-{STAGE}")["TemplateBody"]
    resources = (json.loads(body) if isinstance(body, str) else body)["Resources"]
    distribution = resources["SiteDistribution"]["Properties"]["DistributionConfig"]
    assert {origin["OriginPath"] for origin in distribution["Origins"]} == {"/api", ""}
    assert all(origin["DomainName"] == {"Ref": "ApiDomainName"}
               for origin in distribution["Origins"])
    keyed = resources["PageCachePolicy"]["Properties"]["CachePolicyConfig"][
        "ParametersInCacheKeyAndForwardedToOrigin"]["CookiesConfig"]
    assert keyed == {"CookieBehavior": "whitelist", "Cookies": ["__Host-lantern_session"]}
    assert "CDN: CloudFront in front of the HTTP API" in first

    before = _snapshot(aws)
    # A fresh checkout has no .chalice/deployed/: the deploy restores Chalice's record from
    # SSM, so it updates the same REST API instead of making a second one.
    shutil.rmtree(project / ".chalice" / "deployed")
    second = _run(project, endpoint, "deploy", "--stage", STAGE, "--smoke-url", site)
    assert "nothing to do" in second and "kept as it is" in second
    assert "then the failure queue" not in second and "already set" in second
    # (Throttling is set again: moto's CreateDeployment, which chalice deploy calls, replaces
    # the stage and its settings; AWS keeps them, docs/pitfalls.md #26.)
    assert "gateway responses already set" in second and "throttling" in second
    assert "already as the route table says" in second and "already deploys itself" in second
    assert "may invoke" not in second
    assert "then the async-failures queue" not in second
    assert "mail to reply.example.org already goes to" in second
    assert "restored Chalice's record" in second and "saved Chalice's record" not in second
    assert _snapshot(aws) == before

    # Operator commands work on the deployed stage's tables.
    assert "categories created" in _run(project, endpoint, "--stage", STAGE, "seed-categories")
    dump = tmp_path / "backup.jsonl"
    exported = _run(project, endpoint, "--stage", STAGE, "export-backup", "--out", str(dump))
    items = len(dump.read_text().splitlines()) - 1
    assert items > 0 and f"{items} items from {len(ALL_MODELS)} tables" in exported
    imported = _run(project, endpoint, "--stage", STAGE, "import-backup", str(dump))
    assert f"0 items written, {items} already there and kept" in imported

    # destroy: the code goes, every table and the secret stay.
    gone = _run(project, endpoint, "destroy", "--stage", STAGE, "--yes")
    assert "Kept" in gone
    assert not [f for f in aws.lambda_.list_functions()["Functions"]
                if f["FunctionName"].startswith(f"lantern-{STAGE}")]
    assert not aws.apigateway.get_rest_apis()["items"]
    assert not aws.apigatewayv2.get_apis()["Items"]
    assert set(before["tables"]) <= set(aws.dynamodb.list_tables()["TableNames"])
    assert aws.ssm.get_parameter(Name=f"/lantern/{STAGE}/signing-keys")["Parameter"]
