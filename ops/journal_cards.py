"""The introduction chart's data on journal cards from before it (docs/data-model.md, J11).

Walks the members by role (members_by_role, keys only; no Scan), reads their journal cards in
batches and rebuilds each card that names an introduction thread but has no chart data yet,
the way any journal write does (one Query, one PutItem). Until then such a thread page reads
the journal itself, so the chart is right either way. Running it again finds nothing to do.
"""
from chalicelib.core import clock
from chalicelib.journal import cards
from chalicelib.models.journal import CARD_KEY, PublicCard
from chalicelib.models.members import Member

ROLES = ("member", "moderator", "admin")
BATCH = 100


def backfill(progress=print, now=None):
    """:return: how many cards were given their chart data."""
    now = now or clock.utcnow()
    written = 0
    for role in ROLES:
        ids = [key.member_id for key in Member.members_by_role.query(role)]
        for start in range(0, len(ids), BATCH):
            keys = [(member_id, CARD_KEY) for member_id in ids[start:start + BATCH]]
            for card in PublicCard.batch_get(keys):
                if card.intro_thread_id and card.intro_chart is None:
                    cards.rebuild(card.member_id, now)
                    written += 1
        progress(f"{role}: {written} cards so far")
    return written
