"""The stack a stage stands on, and what it decides for every function.

The deploy applies infra/lantern.json twice: first for the tables, queues and topics, last
for the CDN, once the HTTP API it fronts exists. In between, the stack's stream ARNs and
search bucket go into every function's environment. The order of the steps is
ops/deploy/command.py's; what is set after `chalice deploy` is failure_guards.py's and apis.py's.
"""
import os

from chalicelib.core import config
from ops.deploy import cdn, stack, stages, storage, streams, template
from ops.deploy.steps import DeployError, client


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
        api_domain = cdn.current_api_domain(client("cloudformation"), stages.stack_name(stage))
    try:
        changes = stack.apply(client("cloudformation"), stages.stack_name(stage),
                              template.read(), _stack_parameters(stage, project_dir, api_domain),
                              say=say)
    except stack.StackError as error:
        raise DeployError(str(error)) from error
    say(f"{len(changes)} change(s) applied" if changes
        else "nothing to do: the stack already matches infra/lantern.json")
    return stack.physical_ids(client("cloudformation"), stages.stack_name(stage))


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
    # The models read the stage's table names when imported (docs/pitfalls.md #2).
    from chalicelib.models import ALL_MODELS

    arns = streams.stream_arns(client("dynamodb"), outputs, ALL_MODELS)
    variables = function_environment(outputs, arns)
    os.environ.update(variables)
    config.override(**{name: variables[variable] for name, (variable, _, _)
                       in config.SETTINGS.items() if variable in variables})
    for short_name, arn in sorted(arns.items()):
        say(f"{short_name}: {arn}")
    say(f"search index bucket: {variables[storage.SETTING]}")
    return arns
