"""The introduction chart drawn from the journal's public card (docs/data-model.md, J11): the
thread page reads no journal, every write the chart shows rebuilds the card, and a card from
before the chart data still draws the same chart (one Query) until the backfill."""
from datetime import timedelta
from decimal import Decimal

import pytest
from pynamodb.exceptions import PutError

from chalicelib.core import clock
from chalicelib.journal import (cards, chart, chart_drawing, days, entries, intro_data, sharing,
                                store)
from chalicelib.models.journal import CARD_KEY, PublicCard
from ops import journal_cards

PAGE = ["Query", "BatchGetItem"]


@pytest.fixture
def published(make):
    """juniper's four months of journal, published on her introduction thread."""
    member, now = make.member(handle="juniper"), clock.utcnow()
    medication = entries.add_medication(member.member_id, "sertraline", "ssris", "mg",
                                        now - timedelta(days=400))
    for back, dose in ((300, 100), (200, 75), (20, 50)):  # two before the window
        entries.add_dose_change(member.member_id, medication.medication_id,
                                now.date() - timedelta(days=back), Decimal(dose), "a cut", now)
    entries.choose_symptoms(member.member_id, ["Anxiety", "Brain zaps"], now)
    for back in range(0, 120, 3):
        scores = [("Anxiety", back % 5), ("Tinnitus", 1)] if back % 2 else [("Brain zaps", 2)]
        entries.save_check_in(member.member_id, now.date() - timedelta(days=back),
                              1 + back % 5, 2, scores, "private note", now,
                              published=False)  # not yet: sharing below builds the card
    thread = make.thread(author=member, title="My introduction")
    sharing.update(member.member_id, "members-chart", thread.thread_id, False, now)
    return member, thread, medication


def header(client, thread, dynamodb_requests, expected=PAGE):
    before = len(dynamodb_requests)
    page = client.get(f"/t/{thread.thread_id}")
    assert page.status == 200 and dynamodb_requests[before:] == expected
    assert "private note" not in page.text
    return page.soup.select_one(".intro-journal")


def test_the_card_draws_the_chart_the_journal_would(published):
    member, thread, medication = published
    now = clock.utcnow()
    # Long ago, but its "max" label is the longest: the label column is sized by it.
    entries.add_dose_change(member.member_id, medication.medication_id,
                            now.date() - timedelta(days=350), Decimal("2512.25"), "", now)
    entries.set_time_zone(member.member_id, "Pacific/Kiritimati", now)
    first_day = now.date() - timedelta(days=90)
    card = PublicCard.get(member.member_id, CARD_KEY)
    from_card = intro_data.decode(member.member_id, card.intro_chart, first_day)
    from_journal = store.load_since(member.member_id, first_day)
    assert from_card.settings.time_zone == "Pacific/Kiritimati"
    drawn = [chart.build(journal, days.local_today(journal.settings, now), "90",
                         with_notes=False) for journal in (from_card, from_journal)]
    assert drawn[0].svg == drawn[1].svg and drawn[0].rows == drawn[1].rows
    assert drawn[0].symptom_names == ["Anxiety", "Brain zaps", "Tinnitus"]
    assert [d.dose for d in from_card.doses] == ["2512.25", "100", "75", "50"]
    assert chart_drawing.label_room(["max 2512.25 mg"]) > chart_drawing.MIN_LEFT
    assert len(card.intro_chart.encode()) < 2048  # 40 check-ins: the card stays small


def test_every_write_the_chart_shows_reaches_the_header_with_no_journal_read(
        client, published, dynamodb_requests):
    member, thread, medication = published
    shown = header(client, thread, dynamodb_requests)
    assert len(shown.select("table.journal-table tbody tr")) == 31  # 30 check-ins + a cut
    client.login(member)
    today = days.local_today(store.load_outline(member.member_id).settings, clock.utcnow())
    assert client.post("/journal/check-in", {"day": (today - timedelta(days=1)).isoformat(),
                                             "overall": "5", "sleep": "4"}).status == 303
    client.logout()
    assert len(header(client, thread, dynamodb_requests)
               .select("table.journal-table tbody tr")) == 32

    now = clock.utcnow()
    entries.add_medication(member.member_id, "clonazepam", "benzodiazepines", "mg", now)
    assert len(header(client, thread, dynamodb_requests).select("g.dose-lane")) == 2
    entries.choose_symptoms(member.member_id, ["Anxiety", "Brain zaps", "Nausea"], now)
    assert "Nausea (0-4)" in header(client, thread, dynamodb_requests).get_text()
    entries.remove_medication(member.member_id, medication.medication_id, now)
    shown = header(client, thread, dynamodb_requests)
    assert len(shown.select("g.dose-lane")) == 1 and "sertraline" not in shown.get_text()

    sharing.update(member.member_id, "members-chart", None, False, now)  # withdrawn
    assert header(client, thread, dynamodb_requests) is None
    assert store.load_outline(member.member_id, consistent=True).card is None


def test_a_card_from_before_the_chart_data_reads_the_journal_until_the_backfill(
        client, published, dynamodb_requests):
    member, thread, _ = published
    drawn = str(header(client, thread, dynamodb_requests))
    PublicCard.get(member.member_id, CARD_KEY).update(actions=[PublicCard.intro_chart.remove()])
    assert str(header(client, thread, dynamodb_requests, PAGE + ["Query"])) == drawn

    assert journal_cards.backfill(progress=lambda text: None) == 1
    assert str(header(client, thread, dynamodb_requests)) == drawn
    assert journal_cards.backfill(progress=lambda text: None) == 0


def test_an_unpublished_journal_keeps_its_check_in_at_two_requests(member_client, member,
                                                                   dynamodb_requests):
    before = len(dynamodb_requests)
    assert member_client.post("/journal/check-in", {"overall": "3", "sleep": "3"}).status == 303
    journal = [name for name in dynamodb_requests[before:] if name != "BatchGetItem"]
    assert journal == ["Query", "UpdateItem"]  # settings (time zone), the check-in


def test_a_rebuild_that_read_before_another_write_reads_again(published, monkeypatch):
    member, _, _ = published
    now = clock.utcnow()
    today, yesterday = now.date(), now.date() - timedelta(days=1)

    def race(day, overall):
        """A's check-in and read, then B's check-in and rebuild: A's read is stale."""
        entries.save_check_in(member.member_id, today, overall, 5, [], "", now, published=False)
        stale = cards.load(member.member_id, now)
        entries.save_check_in(member.member_id, day, overall, 4, [], "", now)
        return stale

    with pytest.raises(PutError):  # its version is gone: it would write the older view
        cards.refresh(race(yesterday, 5), now)

    reads = iter([race(yesterday - timedelta(days=1), 4)])
    monkeypatch.setattr(cards, "load", lambda member_id, at: next(reads, None)
                        or store.load_since(member_id, intro_data.first_kept_day(at), True))
    cards.rebuild(member.member_id, now)
    card = PublicCard.get(member.member_id, CARD_KEY)
    shown = intro_data.decode(member.member_id, card.intro_chart, yesterday - timedelta(days=1))
    assert [(c.day, c.overall) for c in shown.check_ins] == [
        ((yesterday - timedelta(days=1)).isoformat(), 4), (yesterday.isoformat(), 5),
        (today.isoformat(), 4)]
