"""Operator commands: ``python -m ops.cli COMMAND``.

With ``--stage local`` (the default) commands act on the backend `make run` started;
with another stage they act on that stage's AWS resources.
"""
import argparse

# What each command does lives in ops/commands/ (grouped by what it acts on), and how the
# process reaches its stage in ops/stage_environment.py; this module only names the commands.
from ops import stage_environment
from ops.commands import data, deployment, live_site


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m ops.cli", description=__doc__)
    parser.add_argument("--stage", default="local", help="local (default), dev or prod")
    parser.add_argument("--state-dir", help="local stage: the folder `make run` uses (.local)")
    commands = parser.add_subparsers(dest="command", required=True)

    job = commands.add_parser("run-job", help="run a scheduled job now")
    job.add_argument("job", help="close-stale, digests, letter-digests or greet-newcomers")
    job.add_argument("--now", help="act as if the time were this ISO-8601 instant")
    job.set_defaults(handler=live_site.run_job)

    mail = commands.add_parser("receive-mail",
                               help="hand a raw email file to the inbound-mail handler")
    mail.add_argument("file", help="the email as received (.eml, or the object SES stored)")
    mail.add_argument("--to", action="append",
                      help="the envelope recipient (default: the To and Cc headers)")
    mail.set_defaults(handler=live_site.receive_mail)

    categories = commands.add_parser("seed-categories", help="create missing categories")
    categories.set_defaults(handler=live_site.seed_categories)

    export = commands.add_parser("export-backup",
                                 help="dump every table to a JSON-lines file, with progress")
    export.add_argument("--out", help="file to create (default lantern-STAGE-TIME.jsonl)")
    export.set_defaults(handler=data.export_backup)
    restore = commands.add_parser("import-backup", help="load a JSON-lines dump into the tables")
    restore.add_argument("file")
    restore.add_argument("--overwrite", action="store_true",
                         help="replace items that exist (default: keep them)")
    restore.set_defaults(handler=data.import_backup)

    infra = commands.add_parser("write-infra",
                                help="regenerate infra/lantern.json from chalicelib.models")
    infra.set_defaults(handler=deployment.write_infra, connect=False)
    routes = commands.add_parser("write-routes",
                                 help="regenerate chalicelib/route_table.py from the views")
    routes.set_defaults(handler=deployment.write_routes, connect=False)

    # --stage is accepted after the command too: `cli deploy --stage prod`.
    stage_after = argparse.ArgumentParser(add_help=False)
    stage_after.add_argument("--stage", default=argparse.SUPPRESS, help="dev or prod")
    release = commands.add_parser("deploy", parents=[stage_after],
                                  help="create or update a stage in AWS (idempotent)")
    release.add_argument("--smoke-url", help="check this URL instead of the new API's")
    release.set_defaults(handler=deployment.deploy, connect=False)
    remove = commands.add_parser("destroy", parents=[stage_after],
                                 help="remove a stage's code, keep its data")
    remove.add_argument("--yes", action="store_true", help="confirm without asking (CI)")
    remove.set_defaults(handler=deployment.destroy, connect=False)

    for role in ("admin", "moderator", "member"):
        command = commands.add_parser(f"make-{role}", help=f"give a member the {role} role")
        command.add_argument("handle")
        command.set_defaults(handler=live_site.set_role, role=role)

    recount = commands.add_parser("recount-unanswered",
                                  help="reset the home page's unanswered count from its index")
    recount.set_defaults(handler=data.recount_unanswered)
    pages = commands.add_parser("backfill-page-index",
                                help="give threads from before numbered pages their page marks")
    pages.set_defaults(handler=data.backfill_page_index)
    cards = commands.add_parser("backfill-profile-cards",
                                help="give handle claims from before public cards their card")
    cards.set_defaults(handler=data.backfill_profile_cards)
    journals = commands.add_parser("backfill-journal-cards",
                                   help="give journal cards from before it their "
                                        "introduction chart's data")
    journals.set_defaults(handler=data.backfill_journal_cards)
    upgrade = commands.add_parser("upgrade-data",
                                  help="bring data from earlier versions up to date (every "
                                       "backfill in order; make deploy runs it too)")
    upgrade.set_defaults(handler=data.upgrade_data)
    search = commands.add_parser("rebuild-search-index",
                                 help="rebuild the search index from the tables, with progress")
    search.set_defaults(handler=data.rebuild_search_index)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if getattr(args, "connect", True):  # deploy tooling sets up its own environment
        stage_environment.connect(args.stage, args.state_dir)
    args.handler(args)


if __name__ == "__main__":
    main()
