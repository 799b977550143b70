"""Operator commands: ``python -m ops.cli COMMAND``.

With ``--stage local`` (the default) commands act on the backend `make run` started;
with another stage they act on that stage's AWS resources.
"""
import argparse
import json
import sys


def _connect(stage, state_dir=None):
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
        _use_stage_environment(stage)


def _use_stage_environment(stage):
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


def _deployable_stage(args):
    stage = args.stage
    if stage in ("local", "test"):
        sys.exit("Choose a deployed stage: --stage dev or --stage prod")
    _use_stage_environment(stage)
    return stage


def deploy(args):
    stage = _deployable_stage(args)
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


def export_backup(args):
    from chalicelib.core import clock, config
    from ops import backup

    now = clock.utcnow()
    path = args.out or f"lantern-{config.settings.stage}-{now.strftime('%Y%m%dT%H%M%SZ')}.jsonl"
    with open(path, "x", encoding="utf-8") as out:  # never overwrite an earlier backup
        counts = backup.export_backup(out, now)
    print(f"{sum(counts.values())} items from {len(counts)} tables written to {path}")


def import_backup(args):
    from ops import backup

    with open(args.file, encoding="utf-8") as handle:
        total = max(sum(1 for _ in handle) - 1, 0)
    with open(args.file, encoding="utf-8") as handle:
        try:
            result = backup.import_backup(handle, total, overwrite=args.overwrite)
        except backup.BackupError as error:
            sys.exit(f"{args.file}: {error}")
    print(f"{result['written']} items written, {result['kept']} already there and kept")


def write_infra(args):
    from ops.deploy import template

    print(f"wrote {template.write()}")


def write_routes(args):
    from ops import routes

    print(f"wrote {routes.write_route_table()}")


def set_role(args):
    from chalicelib.accounts import roles

    try:
        member = roles.set_role(args.handle, args.role)
    except roles.UnknownMember:
        sys.exit(f"No member has the handle {args.handle!r}.")
    print(f"{member.handle} is now {args.role}")


def recount_unanswered(args):
    from chalicelib.care import unanswered

    print(f"{unanswered.recount()} unanswered threads")


def backfill_page_index(args):
    from ops import page_backfill

    marked, skipped = page_backfill.backfill()
    print(f"page marks written for {marked} threads; {skipped} already had them")


def backfill_profile_cards(args):
    from ops import card_backfill

    print(f"public cards written on {card_backfill.backfill()} handle claims")


def backfill_journal_cards(args):
    from ops import journal_cards

    print(f"introduction chart data written on {journal_cards.backfill()} journal cards")


def upgrade_data(args):
    from ops import upgrades

    upgrades.run(progress=lambda text: print(text, file=sys.stderr))


def rebuild_search_index(args):
    import os

    from ops.backup import ProgressBar

    if args.stage != "local" and not os.environ.get("LANTERN_SEARCH_BUCKET"):
        # Deployed functions get the bucket's name from the deploy; the operator, from the stack.
        import boto3

        from chalicelib.core import config
        from ops.deploy import stack, stages, storage

        outputs = stack.physical_ids(boto3.client("cloudformation"), stages.stack_name(args.stage))
        config.override(search_bucket=outputs[storage.SEARCH_BUCKET])
    from chalicelib.search import rebuild

    bars = {}

    def progress(done, total):
        bar = bars.setdefault("categories", ProgressBar("categories", total, sys.stderr))
        bar.advance(done - bar.done)

    result = rebuild.rebuild_index(progress=progress)
    if bars:
        bars["categories"].finish()
    print(f"{result['posts']} posts indexed; {result['compacted_changes']} change files "
          "folded into the new index")


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m ops.cli", description=__doc__)
    parser.add_argument("--stage", default="local", help="local (default), dev or prod")
    parser.add_argument("--state-dir", help="local stage: the folder `make run` uses (.local)")
    commands = parser.add_subparsers(dest="command", required=True)

    job = commands.add_parser("run-job", help="run a scheduled job now")
    job.add_argument("job", help="close-stale, digests, letter-digests or greet-newcomers")
    job.add_argument("--now", help="act as if the time were this ISO-8601 instant")
    job.set_defaults(handler=run_job)

    mail = commands.add_parser("receive-mail",
                               help="hand a raw email file to the inbound-mail handler")
    mail.add_argument("file", help="the email as received (.eml, or the object SES stored)")
    mail.add_argument("--to", action="append",
                      help="the envelope recipient (default: the To and Cc headers)")
    mail.set_defaults(handler=receive_mail)

    categories = commands.add_parser("seed-categories", help="create missing categories")
    categories.set_defaults(handler=seed_categories)

    export = commands.add_parser("export-backup",
                                 help="dump every table to a JSON-lines file, with progress")
    export.add_argument("--out", help="file to create (default lantern-STAGE-TIME.jsonl)")
    export.set_defaults(handler=export_backup)
    restore = commands.add_parser("import-backup", help="load a JSON-lines dump into the tables")
    restore.add_argument("file")
    restore.add_argument("--overwrite", action="store_true",
                         help="replace items that exist (default: keep them)")
    restore.set_defaults(handler=import_backup)

    infra = commands.add_parser("write-infra",
                                help="regenerate infra/lantern.json from chalicelib.models")
    infra.set_defaults(handler=write_infra, connect=False)
    routes = commands.add_parser("write-routes",
                                 help="regenerate chalicelib/route_table.py from the views")
    routes.set_defaults(handler=write_routes, connect=False)

    # --stage is accepted after the command too: `cli deploy --stage prod`.
    stage_after = argparse.ArgumentParser(add_help=False)
    stage_after.add_argument("--stage", default=argparse.SUPPRESS, help="dev or prod")
    release = commands.add_parser("deploy", parents=[stage_after],
                                  help="create or update a stage in AWS (idempotent)")
    release.add_argument("--smoke-url", help="check this URL instead of the new API's")
    release.set_defaults(handler=deploy, connect=False)
    remove = commands.add_parser("destroy", parents=[stage_after],
                                 help="remove a stage's code, keep its data")
    remove.add_argument("--yes", action="store_true", help="confirm without asking (CI)")
    remove.set_defaults(handler=destroy, connect=False)

    for role in ("admin", "moderator", "member"):
        command = commands.add_parser(f"make-{role}", help=f"give a member the {role} role")
        command.add_argument("handle")
        command.set_defaults(handler=set_role, role=role)

    recount = commands.add_parser("recount-unanswered",
                                  help="reset the home page's unanswered count from its index")
    recount.set_defaults(handler=recount_unanswered)
    pages = commands.add_parser("backfill-page-index",
                                help="give threads from before numbered pages their page marks")
    pages.set_defaults(handler=backfill_page_index)
    cards = commands.add_parser("backfill-profile-cards",
                                help="give handle claims from before public cards their card")
    cards.set_defaults(handler=backfill_profile_cards)
    journals = commands.add_parser("backfill-journal-cards",
                                   help="give journal cards from before it their "
                                        "introduction chart's data")
    journals.set_defaults(handler=backfill_journal_cards)
    upgrade = commands.add_parser("upgrade-data",
                                  help="bring data from earlier versions up to date (every "
                                       "backfill in order; make deploy runs it too)")
    upgrade.set_defaults(handler=upgrade_data)
    search = commands.add_parser("rebuild-search-index",
                                 help="rebuild the search index from the tables, with progress")
    search.set_defaults(handler=rebuild_search_index)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if getattr(args, "connect", True):  # deploy tooling sets up its own environment
        _connect(args.stage, args.state_dir)
    args.handler(args)


if __name__ == "__main__":
    main()
