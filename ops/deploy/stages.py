"""A deployed stage's settings, as `.chalice/config.json` declares them."""
import json
import os

from ops.deploy.template import PROJECT_ROOT


def chalice_config(project_dir=PROJECT_ROOT):
    with open(os.path.join(project_dir, ".chalice", "config.json"), encoding="utf-8") as handle:
        return json.load(handle)


def stage_environment(stage, project_dir=PROJECT_ROOT):
    """The environment variables Lambda gets in ``stage`` (top level, then the stage's own).

    :raise KeyError: when `.chalice/config.json` has no such stage.
    """
    document = chalice_config(project_dir)
    stage_config = document["stages"][stage]
    return {**document.get("environment_variables", {}),
            **stage_config.get("environment_variables", {})}


def policy_path(stage, project_dir=PROJECT_ROOT):
    stage_config = chalice_config(project_dir)["stages"][stage]
    return os.path.join(project_dir, ".chalice",
                        stage_config.get("iam_policy_file", f"policy-{stage}.json"))


def stack_name(stage):
    return f"lantern-{stage}"
