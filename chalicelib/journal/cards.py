"""Public cards: each member's signature and published introduction thread, if any.

A card exists only while something is public, and is rewritten whenever the journal
changes; posts are never rewritten. The thread page reads the thread and its authors'
cards in one BatchGetItem (``forum.hooks.thread_batch``), so showing signatures costs no
extra request, nor does the chart of a journal published on its introduction thread: its
card carries the chart's data (chalicelib/journal/intro_data.py).
"""
from chalicelib.forum.hooks import BatchPart
from chalicelib.journal import intro_data, signature, store
from chalicelib.models import writes
from chalicelib.models.journal import CARD_KEY, JournalItem, PublicCard

# BatchGetItem takes at most 100 keys: the thread plus up to 99 authors per page.
MAX_AUTHORS = 99
# Two writes racing (two tabs): the card is written on condition of the version its rebuild
# read, and a rebuild that lost reads again, so the card never keeps the older view.
ATTEMPTS = 3


def load(member_id, now):
    """The journal as a card needs it: the outline and the introduction window's check-ins
    (one consistent Query, made after the write it follows)."""
    return store.load_since(member_id, intro_data.first_kept_day(now), consistent=True)


def rebuild(member_id, now):
    """Bring the card up to date after a write to the journal: one Query, and one write
    only if the card changed."""
    return writes.retried_on_lost_condition(lambda: refresh(load(member_id, now), now),
                                            ATTEMPTS)


def refresh(journal, now):
    """Write (or delete) ``journal``'s card to match its settings, doses and, when it is
    published on an introduction thread, its chart; nothing when the card is current."""
    card = _card_of(journal, now)
    if _same(card, journal.card):
        return card
    if card is None:
        journal.card.delete()
    else:
        card.save()
    journal.card = card
    return card


def refresh_in(transaction, journal, now):
    """``refresh`` as part of ``transaction``."""
    card = _card_of(journal, now)
    if _same(card, journal.card):
        return card
    if card is None:
        transaction.delete(journal.card)
    else:
        transaction.save(card)
    journal.card = card
    return card


def _card_of(journal, now):
    """The card ``journal`` shows, or None when nothing of it is public."""
    settings = journal.settings
    text = signature.derive(journal) if settings.signature_on else ""
    intro = settings.intro_thread_id
    card = PublicCard(member_id=journal.member_id, item_key=CARD_KEY,
                      signature=text or None, intro_thread_id=intro,
                      intro_chart=intro_data.encode(journal, now) if intro else None)
    if journal.card is not None and journal.card.version is not None:
        card.version = journal.card.version
    return None if card.signature is None and card.intro_thread_id is None else card


def _same(card, stored):
    def fields(item):
        return item and (item.signature, item.intro_thread_id, item.intro_chart)

    return fields(card) == fields(stored)


def thread_batch_part(author_ids):
    """The cards of a thread page's authors, read in the forum's BatchGetItem with the thread."""
    keys = [{"member_id": {"S": member_id}, "item_key": {"S": CARD_KEY}}
            for member_id in sorted(set(author_ids))[:MAX_AUTHORS]]
    return BatchPart("cards", JournalItem.Meta.table_name, keys, _cards_by_member)


def _cards_by_member(raw_items):
    cards = (PublicCard.from_raw_data(raw) for raw in raw_items)
    return {card.member_id: card for card in cards}
