"""`make deploy STAGE=...` and `make destroy STAGE=...`: every step in order, with progress.

This module holds their order and titles; what a longer step does lives beside it:
provisioning.py (the stack), failure_guards.py and apis.py (what is set after `chalice
deploy`) and summary.py (the closing report). The CLI (ops/commands/deployment.py) has
already put the stage's settings from `.chalice/config.json` into the environment, so
chalicelib.core.config and app.py see the stage's table names.
Every step is idempotent: running a deploy twice changes nothing the second time.
"""
from chalicelib.core import config
from ops.deploy import cdn, code, httpapi, inbound, record, secret, ses, smoke, stages, template
from ops.deploy.apis import guard_rest_api, serve_http_api
from ops.deploy.failure_guards import guard_asynchronous_functions, guard_stream_consumers
from ops.deploy.provisioning import apply_stack, function_environment, use_stream_arns
from ops.deploy.steps import DeployError, Steps, client
from ops.deploy.summary import print_summary


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
        created = secret.ensure_signing_secret(client("ssm"), config.settings.secret_parameter)
        say("generated a new random key" if created
            else "already there: kept as it is (it is never overwritten)")
    with steps.step("SES bounce and complaint notifications") as say:
        ses.route_notifications(client("ses"), config.settings.sender,
                                outputs["BounceTopic"], say)
    with steps.step(f"SES receiving: mail to {config.settings.inbound_domain or '(off)'}")\
            as say:
        inbound.configure_receiving(client("ses"), stage, config.settings.inbound_domain,
                                    outputs[inbound.BUCKET], outputs[inbound.TOPIC], say)
    with steps.step(f"Code: chalice deploy --stage {stage}") as say:
        ssm = client("ssm")
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
        say(cdn.describe(client("cloudfront"), outputs))
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
    print_summary(stage, deployed, site_api, outputs, out)
    return deployed


def destroy(stage, project_dir=template.PROJECT_ROOT, out=print):
    """Remove the code of ``stage``; keep every table, the queue, topic and secret."""
    steps = Steps(1, out)
    with steps.step(f"Code: chalice delete --stage {stage}, and the HTTP API") as say:
        ssm = client("ssm")
        record.restore(ssm, project_dir, stage)
        code.delete_code(project_dir, stage)
        record.save(ssm, project_dir, stage)
        httpapi.delete(client("apigatewayv2"), httpapi.api_name(stage), say)
        say("functions, schedules, triggers, IAM roles, REST API and HTTP API removed")
    out("")
    out(f"Kept: the stack {stages.stack_name(stage)} with every table (DeletionPolicy Retain), "
        f"the queues, the topics and {config.settings.secret_parameter}.")
    out(f"`make deploy STAGE={stage}` brings the code back on the same data.")
