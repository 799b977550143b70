"""Create or update the data stack (infra/lantern.json) through a CloudFormation change set.

A change set shows what will change before anything does. One with no changes is
"nothing to do": AWS marks it FAILED and moto refuses to create it
(docs/pitfalls.md #9).
"""
import json
import secrets
import time

from botocore.exceptions import ClientError, WaiterError

NO_CHANGES = ("didn't contain changes", "No updates are to be performed")
# A first deploy that stopped after creating its change set leaves the stack in review.
IN_REVIEW = "REVIEW_IN_PROGRESS"
# CloudFormation's limit for an inline template body (larger ones need S3).
MAX_BODY_BYTES = 51_200


class StackError(Exception):
    """CloudFormation refused the change or rolled it back; the message says what to do."""


def stack_status(cfn, name):
    """:return: the stack's status, or None when there is no such stack."""
    try:
        return cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
    except ClientError as error:
        if "does not exist" in str(error):
            return None
        raise


def physical_ids(cfn, name):
    """{logical id: physical id}: a queue's URL, a topic's ARN, a table's name.

    Read from the stack's resources rather than its Outputs, which moto leaves empty
    after a change set; moto lists a resource type it skipped (a bucket or topic policy)
    without ids, so such an entry is passed over (docs/pitfalls.md #25).
    """
    resources = cfn.describe_stack_resources(StackName=name)["StackResources"]
    # moto lists the resources it cannot make without their ids (docs/pitfalls.md #25, #29).
    return {resource["LogicalResourceId"]: resource["PhysicalResourceId"]
            for resource in resources if "LogicalResourceId" in resource}


def _no_changes(reason):
    return any(text in (reason or "") for text in NO_CHANGES)


def _wait_for_change_set(cfn, change_set_id, poll_seconds):
    while True:
        description = cfn.describe_change_set(ChangeSetName=change_set_id)
        if description["Status"] not in ("CREATE_PENDING", "CREATE_IN_PROGRESS"):
            return description
        time.sleep(poll_seconds)


def describe_changes(changes):
    """Readable lines, e.g. ``add DraftsTable (AWS::DynamoDB::Table)``."""
    lines = []
    for change in changes:
        resource = change["ResourceChange"]
        line = (f"{resource['Action'].lower()} {resource['LogicalResourceId']} "
                f"({resource['ResourceType']})")
        if resource.get("Replacement") in ("True", "Conditional"):
            line += " REPLACES the resource"
        lines.append(line)
    return lines


def _replaced_tables(changes):
    return [change["ResourceChange"]["LogicalResourceId"] for change in changes
            if change["ResourceChange"]["ResourceType"] == "AWS::DynamoDB::Table"
            and change["ResourceChange"].get("Replacement") in ("True", "Conditional")]


def _check_startable(name, status):
    if status is None or status == IN_REVIEW:
        return "CREATE"
    if status == "ROLLBACK_COMPLETE":
        raise StackError(
            f"Stack {name} failed its first creation (ROLLBACK_COMPLETE). Read why in the "
            "CloudFormation console's Events tab, delete the stack there (its tables are "
            "retained: delete any empty leftover lantern tables too), then deploy again.")
    if status.endswith("_IN_PROGRESS"):
        raise StackError(f"Stack {name} is busy ({status}); wait for it to finish, then run "
                         "the deploy again.")
    return "UPDATE"


def apply(cfn, name, template_body, parameters, say=print, poll_seconds=3):
    """Bring stack ``name`` to ``template_body`` with ``parameters`` (a dict).

    :return: the applied changes as readable lines; [] when there was nothing to do.
    :raise StackError: when the stack cannot be changed, a change would replace a table
        (which would strand its data), or CloudFormation rolled the change back.
    """
    body = json.dumps(json.loads(template_body), separators=(",", ":"))
    if len(body.encode()) > MAX_BODY_BYTES:
        raise StackError(f"infra template is {len(body)} bytes, over CloudFormation's inline "
                         f"limit of {MAX_BODY_BYTES}: split it or upload it to S3")
    kind = _check_startable(name, stack_status(cfn, name))
    try:
        created = cfn.create_change_set(
            StackName=name, ChangeSetName=f"lantern-{time.strftime('%Y%m%d-%H%M%S')}-"
                                          f"{secrets.token_hex(3)}",
            ChangeSetType=kind, TemplateBody=body, Description="python -m ops.cli deploy",
            Parameters=[{"ParameterKey": key, "ParameterValue": value}
                        for key, value in sorted(parameters.items())])
    except ClientError as error:
        if _no_changes(str(error)):
            return []
        raise
    description = _wait_for_change_set(cfn, created["Id"], poll_seconds)
    if description["Status"] == "FAILED":
        cfn.delete_change_set(ChangeSetName=created["Id"])
        if _no_changes(description.get("StatusReason")):
            return []
        raise StackError(f"CloudFormation refused the change: {description.get('StatusReason')}")
    changes = description.get("Changes", [])
    replaced = _replaced_tables(changes)
    if replaced:
        cfn.delete_change_set(ChangeSetName=created["Id"])
        raise StackError(f"The change would replace tables {replaced} (a key or index "
                         "definition changed in a way DynamoDB cannot update): migrate the "
                         "data deliberately instead. Nothing was changed.")
    lines = describe_changes(changes)
    for line in lines:
        say(line)
    cfn.execute_change_set(ChangeSetName=created["Id"])
    waiter = cfn.get_waiter("stack_create_complete" if kind == "CREATE"
                            else "stack_update_complete")
    try:
        waiter.wait(StackName=name, WaiterConfig={"Delay": poll_seconds, "MaxAttempts": 1200})
    except WaiterError as error:
        raise StackError(f"Stack {name} did not finish ({error}); see the CloudFormation "
                         "console's Events tab for the failing resource.") from error
    return lines
