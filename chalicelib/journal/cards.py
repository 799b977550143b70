"""Public cards: each member's signature and published introduction thread, if any.

A card exists only while something is public, and is rewritten whenever the journal
changes; posts are never rewritten. The thread page reads the thread and its authors'
cards in one BatchGetItem, so showing signatures costs no extra request.
"""
from chalicelib.journal import signature
from chalicelib.models.forum import Thread
from chalicelib.models.journal import CARD_KEY, JournalItem, PublicCard

# BatchGetItem takes at most 100 keys: the thread plus up to 99 authors per page.
MAX_AUTHORS = 99


def refresh(journal):
    """Write (or delete) ``journal``'s card to match its settings and doses."""
    settings = journal.settings
    text = signature.derive(journal) if settings.signature_on else ""
    card = PublicCard(member_id=journal.member_id, item_key=CARD_KEY,
                      signature=text or None, intro_thread_id=settings.intro_thread_id)
    if card.signature is None and card.intro_thread_id is None:
        card.delete()
        journal.card = None
    else:
        card.save()
        journal.card = card
    return journal.card


def thread_with_cards(thread_id, author_ids):
    """The thread (or None) and ``{author_id: card}``, in one BatchGetItem request."""
    author_ids = sorted(set(author_ids))[:MAX_AUTHORS]
    client = Thread._get_connection().connection.client
    request = {Thread.Meta.table_name: {"Keys": [{"thread_id": {"S": thread_id}}]}}
    if author_ids:
        request[JournalItem.Meta.table_name] = {"Keys": [
            {"member_id": {"S": member_id}, "item_key": {"S": CARD_KEY}}
            for member_id in author_ids]}
    response = client.batch_get_item(RequestItems=request)
    if response.get("UnprocessedKeys"):
        # Throttled part of the batch: fall back to plain reads (rare, and still correct).
        return _read_separately(thread_id, author_ids)
    found = response.get("Responses", {})
    threads = found.get(Thread.Meta.table_name, [])
    cards = [PublicCard.from_raw_data(raw) for raw in found.get(JournalItem.Meta.table_name, [])]
    thread = Thread.from_raw_data(threads[0]) if threads else None
    return thread, {card.member_id: card for card in cards}


def _read_separately(thread_id, author_ids):
    try:
        thread = Thread.get(thread_id)
    except Thread.DoesNotExist:
        thread = None
    keys = [(member_id, CARD_KEY) for member_id in author_ids]
    return thread, {card.member_id: card for card in PublicCard.batch_get(keys)}
