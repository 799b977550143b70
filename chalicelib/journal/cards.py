"""Public cards: each member's signature and published introduction thread, if any.

A card exists only while something is public, and is rewritten whenever the journal
changes; posts are never rewritten. The thread page reads the thread and its authors'
cards in one BatchGetItem (``forum.hooks.thread_batch``), so showing signatures costs no
extra request.
"""
from chalicelib.forum.hooks import BatchPart
from chalicelib.journal import signature
from chalicelib.models.journal import CARD_KEY, JournalItem, PublicCard

# BatchGetItem takes at most 100 keys: the thread plus up to 99 authors per page.
MAX_AUTHORS = 99


def refresh(journal):
    """Write (or delete) ``journal``'s card to match its settings and doses."""
    card = _card_of(journal)
    if card is None:
        PublicCard(member_id=journal.member_id, item_key=CARD_KEY).delete()
    else:
        card.save()
    journal.card = card
    return card


def refresh_in(transaction, journal):
    """``refresh`` as part of ``transaction``."""
    card = _card_of(journal)
    if card is None:
        transaction.delete(PublicCard(member_id=journal.member_id, item_key=CARD_KEY))
    else:
        transaction.save(card)
    journal.card = card
    return card


def _card_of(journal):
    """The card ``journal`` shows, or None when nothing of it is public."""
    settings = journal.settings
    text = signature.derive(journal) if settings.signature_on else ""
    card = PublicCard(member_id=journal.member_id, item_key=CARD_KEY,
                      signature=text or None, intro_thread_id=settings.intro_thread_id)
    return None if card.signature is None and card.intro_thread_id is None else card


def thread_batch_part(author_ids):
    """The cards of a thread page's authors, read in the forum's BatchGetItem with the thread."""
    keys = [{"member_id": {"S": member_id}, "item_key": {"S": CARD_KEY}}
            for member_id in sorted(set(author_ids))[:MAX_AUTHORS]]
    return BatchPart("cards", JournalItem.Meta.table_name, keys, _cards_by_member)


def _cards_by_member(raw_items):
    cards = (PublicCard.from_raw_data(raw) for raw in raw_items)
    return {card.member_id: card for card in cards}
