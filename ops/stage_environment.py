"""Point this process at a stage before anything reads its settings.

Every operator command acts on one stage: the backend `make run` started (local), or a
deployed stage's AWS resources. Its settings must be in the environment before any model
is imported (docs/pitfalls.md #2), so ops/cli.py calls ``connect`` first and only then the
command, which imports the models inside its own body.
"""
import sys


def connect(stage, state_dir=None):
    """Set the environment for ``stage`` before any model is imported (docs/pitfalls.md #2)."""
    import os

    from ops import localenv

    if stage == "local":
        state_dir = os.path.abspath(state_dir or localenv.DEFAULT_STATE_DIR)
        record = localenv.use_running_backend(state_dir)
        if record is None:
            sys.exit(f"No local Lantern is running from {state_dir}: start one with `make run` "
                     "first (or name its folder with --state-dir).")
        print(f"Using the local Lantern at {record['LANTERN_SITE_URL']}/ (state in {state_dir})",
              file=sys.stderr)
    else:
        use_stage_environment(stage)


def use_stage_environment(stage):
    """The settings ``stage`` has in Lambda (`.chalice/config.json`), set before any
    chalicelib module reads them (docs/pitfalls.md #2); the AWS credentials stay the operator's."""
    import os

    from ops.deploy import stages

    try:
        os.environ.update(stages.stage_environment(stage))
    except KeyError:
        sys.exit(f"No stage {stage!r} in .chalice/config.json")
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "eu-west-1"
    os.environ["AWS_REGION"] = os.environ["AWS_DEFAULT_REGION"] = region
