"""Commands that do on a stage what the site or an admin would: run a scheduled job now,
replay an incoming email, create the categories, give a member a role.

ops/cli.py connects to the stage first; every import of chalicelib or the seed data stays
inside its handler, since this module is imported before that (ops/commands/__init__.py).
"""
import json
import sys


def run_job(args):
    from chalicelib import jobs
    from chalicelib.core import clock

    now = clock.parse_iso(args.now) if args.now else None
    if args.job not in jobs.JOBS:
        sys.exit(f"Unknown job {args.job!r}; jobs: {', '.join(sorted(jobs.JOBS))}")
    print(json.dumps(jobs.run_job(args.job, now=now), default=str))


def receive_mail(args):
    """Hand a raw email (an .eml file, or one SES stored in the inbound bucket) to the
    inbound handler, as SES's notification would: a replay after a failure acts once."""
    from chalicelib.inbound import handling

    with open(args.file, "rb") as handle:
        raw = handle.read()
    print(json.dumps(handling.handle(raw, recipients=args.to or None), default=str))


def seed_categories(args):
    from ops import seed

    print(f"{seed.seed_categories()} categories created")


def set_role(args):
    from chalicelib.accounts import roles

    try:
        member = roles.set_role(args.handle, args.role)
    except roles.UnknownMember:
        sys.exit(f"No member has the handle {args.handle!r}.")
    print(f"{member.handle} is now {args.role}")
