"""Operator commands: ``python -m chalicelib.cli COMMAND``.

With ``--stage local`` (the default) commands act on the backend `make run` started;
with another stage they act on that stage's AWS resources.
"""
import argparse
import json
import sys


def _connect(stage, state_dir=None):
    """Set the environment for ``stage`` before any model is imported (PITFALLS #2)."""
    import os

    from chalicelib import localenv

    if stage == "local":
        if not localenv.use_running_backend(state_dir or localenv.DEFAULT_STATE_DIR):
            sys.exit("No local backend is running: start one with `make run` first.")
    else:
        os.environ["LANTERN_STAGE"] = stage
        os.environ.setdefault("LANTERN_TABLE_PREFIX", f"lantern-{stage}-")


def run_job(args):
    from chalicelib import clock, jobs

    now = clock.parse_iso(args.now) if args.now else None
    if args.job not in jobs.JOBS:
        sys.exit(f"Unknown job {args.job!r}; jobs: {', '.join(sorted(jobs.JOBS))}")
    print(json.dumps(jobs.run_job(args.job, now=now), default=str))


def seed_categories(args):
    from chalicelib import seed

    print(f"{seed.seed_categories()} categories created")


def write_infra(args):
    from chalicelib.deploy import template

    print(f"wrote {template.write()}")


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m chalicelib.cli", description=__doc__)
    parser.add_argument("--stage", default="local", help="local (default), dev or prod")
    parser.add_argument("--state-dir", help="local stage: the folder `make run` uses (.local)")
    commands = parser.add_subparsers(dest="command", required=True)

    job = commands.add_parser("run-job", help="run a scheduled job now")
    job.add_argument("job", help="close-stale or digests")
    job.add_argument("--now", help="act as if the time were this ISO-8601 instant")
    job.set_defaults(handler=run_job)

    categories = commands.add_parser("seed-categories", help="create missing categories")
    categories.set_defaults(handler=seed_categories)

    infra = commands.add_parser("write-infra",
                                help="regenerate infra/lantern.json from chalicelib.models")
    infra.set_defaults(handler=write_infra, connect=False)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if getattr(args, "connect", True):  # deploy tooling sets up its own environment
        _connect(args.stage, args.state_dir)
    args.handler(args)


if __name__ == "__main__":
    main()
