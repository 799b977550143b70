"""The journal chart at the top of a member's introduction thread.

The thread page already holds its authors' public cards (read with the thread in one
BatchGetItem); a card names the thread its owner published the journal on, so every other
thread pays nothing, and carries the chart's data (chalicelib/journal/intro_data.py), so the
introduction thread pays nothing either. A card from before that data reads the journal
instead: one Query, until `python -m ops.cli backfill-journal-cards` rewrites it.
"""
from datetime import timedelta

from chalicelib.journal import chart, days, intro_data, store


def header_chart(thread, cards, now):
    """The chart for ``thread``'s header, or None when it is not its author's introduction.

    Never with notes: anyone who can read the thread sees it, logged in or not.
    """
    card = cards.get(thread.author_id)
    if card is None or card.intro_thread_id != thread.thread_id:
        return None
    # A local date is at most a day behind the UTC one: read one day early.
    first_day = now.date() - timedelta(days=chart.WINDOWS[intro_data.WINDOW])
    if card.intro_chart is not None:
        journal = intro_data.decode(thread.author_id, card.intro_chart, first_day)
    else:
        journal = store.load_since(thread.author_id, first_day)
        if journal.settings.intro_thread_id != thread.thread_id:  # withdrawn since the card
            return None
    return chart.build(journal, days.local_today(journal.settings, now), intro_data.WINDOW,
                       with_notes=False, title=f"{thread.author_handle}'s taper journal",
                       id_prefix="intro-chart")


def thread_page_context(view):
    """The thread page's signature cards, and the chart when it is an introduction."""
    cards = view.extras.get("cards", {})
    chart_above = header_chart(view.thread, cards, view.now) if view.is_first_page else None
    return {"cards": cards, "intro_chart": chart_above}
