"""The introduction chart's data on journal cards from before it (docs/data-model.md, J11).

Walks the members by role (members_by_role, keys only; no Scan), reads their journal cards in
batches and rebuilds each card that names an introduction thread but has no chart data yet,
the way any journal write does (one Query, one PutItem). Until then such a thread page reads
the journal itself, so the chart is right either way. Running it again finds nothing to do.
"""
from chalicelib.core import clock
from chalicelib.journal import cards
from chalicelib.models.journal import CARD_KEY, PublicCard
from ops.member_batches import write_in_batches


def backfill(progress=print, now=None):
    """:return: how many cards were given their chart data."""
    now = now or clock.utcnow()

    def write_batch(ids):
        written = 0
        for card in PublicCard.batch_get([(member_id, CARD_KEY) for member_id in ids]):
            if card.intro_thread_id and card.intro_chart is None:
                cards.rebuild(card.member_id, now)
                written += 1
        return written

    return write_in_batches(write_batch, progress)
