"""The code: `chalice deploy --stage` and `chalice delete --stage`, through Chalice's own API.

Chalice builds the zip (app.py, chalicelib/, vendor/ with templates and static, and the
dependencies, only from the lock's hash-checked wheels: ops/deploy/wheels.py), the IAM
role from the hand-written `.chalice/policy-<stage>.json` (autogen_policy is false:
Chalice cannot see PynamoDB's calls, docs/pitfalls.md #3), the functions, schedules, the SQS
trigger, the SNS subscription and the REST API. It records what it made in
`.chalice/deployed/<stage>.json`; ops.deploy.record keeps a copy in SSM.
"""


def _factory(project_dir):
    from chalice.cli.factory import CLIFactory

    return CLIFactory(project_dir)


def deploy_code(project_dir, stage, environment=None):
    """Deploy with ``environment`` added to every function's environment variables (and to
    this process's, where Chalice imports app.py), e.g. the stream ARNs from the stack.

    :return: Chalice's deployed values ({"resources": [...]}).
    """
    from chalice.utils import UI

    from chalicelib.platform import rendering
    from ops.deploy import wheels

    # Compiled templates ship in the zip: a cold start reads them instead of compiling.
    rendering.compile_templates()
    factory = _factory(project_dir)
    config = factory.create_config_obj(
        chalice_stage_name=stage,
        user_provided_params={"environment_variables": dict(environment or {})})
    session = factory.create_botocore_session()
    deployer = factory.create_default_deployer(session=session, config=config, ui=UI())
    with wheels.checked_dependencies(project_dir):
        return deployer.deploy(config, chalice_stage_name=stage)


def delete_code(project_dir, stage):
    """Delete what ``deploy_code`` made for ``stage`` (functions, role, API, triggers)."""
    from chalice.utils import UI

    factory = _factory(project_dir)
    config = factory.create_config_obj(chalice_stage_name=stage)
    session = factory.create_botocore_session()
    factory.create_deletion_deployer(session=session, ui=UI()).deploy(
        config, chalice_stage_name=stage)


def resources_of(deployed, resource_type):
    return [resource for resource in deployed.get("resources", [])
            if resource["resource_type"] == resource_type]


def api_url(deployed):
    apis = resources_of(deployed, "rest_api")
    return apis[0]["rest_api_url"] if apis else None


def schedules(app):
    """(function name, schedule expression) for every @app.schedule in app.py."""
    from chalice.app import ScheduledEventConfig

    return [(source.name, source.schedule_expression if isinstance(
                source.schedule_expression, str) else source.schedule_expression.to_string())
            for source in app.event_sources if isinstance(source, ScheduledEventConfig)]


def stream_consumers(app):
    """(function name, stream ARN) for every @app.on_dynamodb_record in app.py."""
    from chalice.app import DynamoDBEventConfig

    return [(source.name, source.stream_arn) for source in app.event_sources
            if isinstance(source, DynamoDBEventConfig)]
