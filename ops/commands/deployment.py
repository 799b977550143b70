"""Commands that make, update or remove a deployed stage, and regenerate what a deploy ships.

None of them acts on a running backend, so ops/cli.py does not connect first: deploy and
destroy set the deployed stage's environment themselves, and write-infra and write-routes
write files from the code alone. Their imports stay inside the handlers (ops/commands/__init__.py).
"""
import sys

from ops.stage_environment import use_stage_environment


def _deployable_stage(args):
    stage = args.stage
    if stage in ("local", "test"):
        sys.exit("Choose a deployed stage: --stage dev or --stage prod")
    use_stage_environment(stage)
    return stage


def deploy(args):
    stage = _deployable_stage(args)
    # Only now: its config reads the stage's settings on import (docs/pitfalls.md #2).
    from ops.deploy import command

    from botocore.exceptions import NoCredentialsError, NoRegionError

    try:
        command.deploy(stage, smoke_url=args.smoke_url)
    except command.DeployError as error:
        sys.exit(f"Deploy stopped: {error}")
    except (NoCredentialsError, NoRegionError) as error:
        sys.exit(f"Deploy stopped before changing anything: {error}. Set AWS credentials "
                 "(README, 'A first deploy from zero').")


def destroy(args):
    stage = _deployable_stage(args)
    # Only now: its config reads the stage's settings on import (docs/pitfalls.md #2).
    from ops.deploy import command

    if not args.yes:
        print(f"This removes Lantern's code from {stage}: the site goes offline. Tables, the "
              "queue, the topic and the signing secret are kept.")
        try:
            answer = input(f"Type the stage name ({stage}) to confirm: ")
        except EOFError:  # no terminal (CI): only --yes confirms
            answer = ""
        if answer.strip() != stage:
            sys.exit("Not confirmed; nothing was removed.")
    command.destroy(stage)


def write_infra(args):
    from ops.deploy import template

    print(f"wrote {template.write()}")


def write_routes(args):
    from ops import routes

    print(f"wrote {routes.write_route_table()}")
