"""Commands that copy a stage's data out and back, or rebuild what is derived from it:
backups, counts, page marks, cards, the search index, and every upgrade in order.

Apart from live_site.py because these work on the data in bulk, as an operator does
around a deploy or a recovery, where those do what the running site or an admin does.
ops/cli.py connects to the stage first; every import of chalicelib or of an ops module that
loads the models stays inside its handler, since this module is imported before that
(ops/commands/__init__.py).
"""
import sys


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
