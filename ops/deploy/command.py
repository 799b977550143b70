"""`make deploy STAGE=...` and `make destroy STAGE=...`: every step in order, with progress.

The CLI (ops/cli.py) has already put the stage's settings from `.chalice/config.json`
into the environment, so chalicelib.core.config and app.py see the stage's table names.
Every step is idempotent: running a deploy twice changes nothing the second time.
"""
import os

from chalicelib.core import config
from ops.deploy import (cdn, code, failures, gateway, httpapi, inbound, record, secret, ses,
                        smoke, stack, stages, storage, streams, template)
from ops.deploy.steps import Steps


class DeployError(Exception):
    """A step failed; the message says what to do."""


def _client(name):
    import boto3

    return boto3.client(name, region_name=config.settings.aws_region)


def _stack_parameters(stage, project_dir, api_domain):
    return {"TablePrefix": config.settings.table_prefix,
            "DigestQueueName": config.settings.digest_queue_name,
            "BounceTopicName": config.settings.bounce_topic_name,
            "InboundTopicName": config.settings.inbound_topic_name,
            **cdn.parameters(stages.chalice_config(project_dir)["stages"][stage], api_domain)}


def apply_stack(stage, say, project_dir=template.PROJECT_ROOT, api_domain=None):
    """The tables, queues and topic, from infra/lantern.json; with ``api_domain``, the CDN
    in front of that HTTP API (None keeps whatever the stack was last given).

    :raise DeployError: when infra/ is older than the models, or CloudFormation refuses.
    """
    if template.read() != template.render():
        raise DeployError("infra/lantern.json is out of date with chalicelib.models: run "
                          "`python -m ops.cli write-infra`, review and commit it.")
    if api_domain is None:
        api_domain = cdn.current_api_domain(_client("cloudformation"), stages.stack_name(stage))
    try:
        changes = stack.apply(_client("cloudformation"), stages.stack_name(stage),
                              template.read(), _stack_parameters(stage, project_dir, api_domain),
                              say=say)
    except stack.StackError as error:
        raise DeployError(str(error)) from error
    say(f"{len(changes)} change(s) applied" if changes
        else "nothing to do: the stack already matches infra/lantern.json")
    return stack.physical_ids(_client("cloudformation"), stages.stack_name(stage))


def function_environment(outputs, arns):
    """What the stack decides for every function: the stream ARNs and the search bucket."""
    return {**streams.environment(arns), **storage.environment(outputs)}


def use_stream_arns(outputs, say):
    """Read the streams' ARNs and hand them to app.py's consumers.

    Chalice imports app.py in this process and reads each ``stream_arn`` at import, so the
    environment and the loaded settings change here, before the code step; the same values
    go into every function's environment.
    :return: {short name: stream ARN}.
    """
    from chalicelib.models import ALL_MODELS

    arns = streams.stream_arns(_client("dynamodb"), outputs, ALL_MODELS)
    variables = function_environment(outputs, arns)
    os.environ.update(variables)
    config.override(**{name: variables[variable] for name, (variable, _, _)
                       in config.SETTINGS.items() if variable in variables})
    for short_name, arn in sorted(arns.items()):
        say(f"{short_name}: {arn}")
    say(f"search index bucket: {variables[storage.SETTING]}")
    return arns


def guard_stream_consumers(outputs, arns, say):
    """Per-record failures, bounded retries and the failure queue for every stream consumer,
    plus an alarm on that queue (docs/pitfalls.md #24 and #25)."""
    sqs = _client("sqs")
    queue_url = outputs["StreamFailureQueue"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    try:
        streams.configure_mappings(_client("lambda"), arns, queue_arn, say)
    except LookupError as error:
        raise DeployError(str(error)) from error
    streams.ensure_failure_alarm(_client("cloudwatch"), config.settings.table_prefix,
                                 queue_url.rpartition("/")[2], outputs["AlarmTopic"], say)


def guard_asynchronous_functions(deployed, outputs, say):
    """On-failure destinations for the schedules and the SES-notification function, and an
    alarm on every queue where failures wait."""
    from app import app  # already imported by Chalice while it deployed

    sqs = _client("sqs")
    queue_arn = sqs.get_queue_attributes(QueueUrl=outputs["AsyncFailureQueue"],
                                         AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    arns = {resource["name"]: resource["lambda_arn"]
            for resource in code.resources_of(deployed, "lambda_function")}
    functions = [arns[name] for name in failures.asynchronous_functions(app)]
    failures.configure_destinations(_client("lambda"), functions, queue_arn, say)
    failures.ensure_queue_alarms(_client("cloudwatch"), config.settings.table_prefix, outputs,
                                 outputs["AlarmTopic"], say)


def guard_rest_api(stage, deployed, project_dir, say):
    """Calm pages with security headers for what API Gateway answers itself, and the
    stage's throttling (docs/pitfalls.md #14)."""
    from types import SimpleNamespace

    from chalicelib.platform.rendering import absolute_url
    from chalicelib.web.security import security_headers

    [api] = code.resources_of(deployed, "rest_api")
    stage_name = stages.chalice_config(project_dir)["stages"][stage]["api_gateway_stage"]
    apigateway = _client("apigateway")
    headers = security_headers(SimpleNamespace(path="/", method="GET"), None)
    gateway.configure_responses(apigateway, api["rest_api_id"], stage_name, headers,
                                absolute_url("/"), say)
    rate, burst = gateway.throttling(stage, project_dir)
    gateway.configure_throttling(apigateway, api["rest_api_id"], stage_name, rate, burst, say)


def serve_http_api(stage, deployed, project_dir, say):
    """The HTTP API CloudFront calls, in front of the web function (ops/deploy/httpapi.py).

    :return: its URL with the stage (``https://abc.execute-api.<region>.amazonaws.com/api/``).
    """
    from chalicelib.route_table import ROUTES

    [function] = [resource for resource in code.resources_of(deployed, "lambda_function")
                  if resource["name"] == "api_handler"]
    stage_name = stages.chalice_config(project_dir)["stages"][stage]["api_gateway_stage"]
    client = _client("apigatewayv2")
    api = httpapi.ensure_api(client, httpapi.api_name(stage), say)
    integration = httpapi.ensure_integration(client, api["ApiId"], function["lambda_arn"], say)
    httpapi.sync_routes(client, api["ApiId"], httpapi.route_keys(ROUTES), integration, say)
    rate, burst = gateway.throttling(stage, project_dir)
    httpapi.ensure_stage(client, api["ApiId"], stage_name, rate, burst, say)
    httpapi.allow_invoke(_client("lambda"), function["lambda_arn"], api["ApiId"], say)
    return f"{api['ApiEndpoint']}/{stage_name}/"


def deploy(stage, project_dir=template.PROJECT_ROOT, smoke_url=None, out=print):
    """Deploy ``stage`` from scratch or bring it up to date.

    :return: Chalice's deployed values.
    :raise DeployError: with what to do, when a step fails.
    """
    steps = Steps(13, out)
    with steps.step(f"Tables, queues and topics: CloudFormation stack "
                    f"{stages.stack_name(stage)}") as say:
        outputs = apply_stack(stage, say, project_dir)
    with steps.step("Stream ARNs and the search bucket for the functions") as say:
        arns = use_stream_arns(outputs, say)
    with steps.step("Signing secret: SSM SecureString "
                    f"{config.settings.secret_parameter}") as say:
        created = secret.ensure_signing_secret(_client("ssm"), config.settings.secret_parameter)
        say("generated a new random key" if created
            else "already there: kept as it is (it is never overwritten)")
    with steps.step("SES bounce and complaint notifications") as say:
        ses.route_notifications(_client("ses"), config.settings.sender,
                                outputs["BounceTopic"], say)
    with steps.step(f"SES receiving: mail to {config.settings.inbound_domain or '(off)'}")\
            as say:
        inbound.configure_receiving(_client("ses"), stage, config.settings.inbound_domain,
                                    outputs[inbound.BUCKET], outputs[inbound.TOPIC], say)
    with steps.step(f"Code: chalice deploy --stage {stage}") as say:
        ssm = _client("ssm")
        if record.restore(ssm, project_dir, stage):
            say(f"restored Chalice's record from {record.parameter_name(stage)}")
        deployed = code.deploy_code(project_dir, stage,
                                    function_environment(outputs, arns))
        if record.save(ssm, project_dir, stage):
            say(f"saved Chalice's record to {record.parameter_name(stage)}")
        url = code.api_url(deployed)
        say(f"REST API: {url}")
    with steps.step("Stream consumers: failures reported per record, retried, then queued") \
            as say:
        guard_stream_consumers(outputs, arns, say)
    with steps.step("Schedules and SES notifications: failed events queued; failure queues "
                    "alarm") as say:
        guard_asynchronous_functions(deployed, outputs, say)
    with steps.step("REST API (direct address): calm pages for unknown addresses and errors, "
                    "throttling") as say:
        guard_rest_api(stage, deployed, project_dir, say)
    with steps.step("HTTP API: one route per route of the table and $default, to the web "
                    "function") as say:
        site_api = serve_http_api(stage, deployed, project_dir, say)
        say(f"HTTP API: {site_api}")
    with steps.step("CDN: CloudFront in front of the HTTP API, in the same stack") as say:
        say(f"origin: {cdn.api_domain(site_api)}")
        outputs = apply_stack(stage, say, project_dir, cdn.api_domain(site_api))
        say(cdn.describe(_client("cloudfront"), outputs))
    with steps.step("Data from earlier versions brought up to date (idempotent)") as say:
        from ops import upgrades  # models read the stage's table names on import (#2)

        upgrades.run(say)
    with steps.step("Smoke check of the home page") as say:
        try:
            say(smoke.check_home_page(smoke_url or site_api))
        except smoke.SmokeCheckFailed as error:
            raise DeployError(
                f"The code is deployed but the home page did not answer well ({error}). "
                f"Read the logs: `.venv/bin/chalice logs --stage {stage}`.") from error
    _print_summary(stage, deployed, site_api, outputs, out)
    return deployed


def _print_summary(stage, deployed, site_api, outputs, out):
    from app import app  # already imported by Chalice while it deployed

    out("")
    out(f"Lantern {stage} is live.")
    out(f"  HTTP API:  {site_api} (CloudFront's origin)")
    out(f"  REST API:  {code.api_url(deployed)} (direct address, not behind the CDN)")
    out(f"  Site URL:  {config.settings.site_url} (LANTERN_SITE_URL in .chalice/config.json)")
    for name, expression in code.schedules(app):
        out(f"  Schedule:  {name} runs at {expression} (UTC)")
    out(f"  Queue:     {outputs['DigestQueue']} (dead letters: "
        f"{outputs['DigestDeadLetterQueue']})")
    out(f"  Bounces:   {outputs['BounceTopic']}")
    out(f"  Inbound:   mail to {config.settings.inbound_domain} is kept 30 days in "
        f"{outputs[inbound.BUCKET]} and read from {outputs[inbound.TOPIC]}")
    out(f"  Streams:   {len(code.stream_consumers(app))} consumers; records that fail every "
        f"retry wait in {outputs['StreamFailureQueue']}")
    out(f"  Failures:  schedules' and SES notifications' failed events wait in "
        f"{outputs['AsyncFailureQueue']}")
    out(f"  Alarms:    {outputs['AlarmTopic']} (subscribe the operators' address: README)")
    out(f"  CDN:       {cdn.describe(_client('cloudfront'), outputs)}")
    out("Next steps:")
    out("  - Custom domain: attach it to the CDN (README, 'A custom domain') so links have "
        "no /api prefix; then set LANTERN_SITE_URL and LANTERN_BASE_PATH.")
    out("  - SES: verify the sender's domain and request production access (README).")
    out(f"  - Replies by email: an MX record for {config.settings.inbound_domain} pointing at "
        "SES's inbound endpoint of a receiving region (README, 'Replies by email').")
    out(f"  - First admin: .venv/bin/python -m ops.cli --stage {stage} make-admin HANDLE")
    out(f"  - Categories:  .venv/bin/python -m ops.cli --stage {stage} seed-categories")
    out(f"  - Backups:     .venv/bin/python -m ops.cli --stage {stage} export-backup")


def destroy(stage, project_dir=template.PROJECT_ROOT, out=print):
    """Remove the code of ``stage``; keep every table, the queue, topic and secret."""
    steps = Steps(1, out)
    with steps.step(f"Code: chalice delete --stage {stage}, and the HTTP API") as say:
        ssm = _client("ssm")
        record.restore(ssm, project_dir, stage)
        code.delete_code(project_dir, stage)
        record.save(ssm, project_dir, stage)
        httpapi.delete(_client("apigatewayv2"), httpapi.api_name(stage), say)
        say("functions, schedules, triggers, IAM roles, REST API and HTTP API removed")
    out("")
    out(f"Kept: the stack {stages.stack_name(stage)} with every table (DeletionPolicy Retain), "
        f"the queues, the topics and {config.settings.secret_parameter}.")
    out(f"`make deploy STAGE={stage}` brings the code back on the same data.")
