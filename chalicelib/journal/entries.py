"""Writing the journal: medications, dose changes, daily check-ins, chosen symptoms.

Every write that changes medications or doses refreshes the public card, so the
signature under old posts is current without rewriting any post; so does every write the
introduction chart shows (check-ins, symptoms, time zone) while the journal is published on
an introduction thread, since the card carries that chart's data (cards.py).
"""
from chalicelib.core import clock, errors, medications
from chalicelib.journal import cards, store
from chalicelib.journal.doses import format_dose
from chalicelib.models import writes
from chalicelib.models.journal import (DAY_PREFIX, DOSE_PREFIX, MEDICATION_PREFIX, CheckIn,
                                       DoseChange, JournalSettings, Medication,
                                       SymptomScore)

MAX_NOTE_CHARS = 2000
MAX_DOSE_NOTE_CHARS = 200
TRANSACTION_ITEMS = 100


def add_medication(member_id, name, drug_class, unit, now):
    """Record a drug the member takes or took; the caller has validated the fields."""
    assert medications.is_drug_class(drug_class) and medications.is_unit(unit)
    medication_id = clock.new_id(now)
    medication = Medication(member_id=member_id, item_key=MEDICATION_PREFIX + medication_id,
                            medication_id=medication_id, name=name, drug_class=drug_class,
                            unit=unit, created_at=now)
    medication.save()
    cards.rebuild(member_id, now)  # a new lane and column in the introduction chart
    return medication


def get_medication(member_id, medication_id):
    """:raise NotFound: when the member has no such medication."""
    try:
        return Medication.get(member_id, MEDICATION_PREFIX + medication_id, consistent_read=True)
    except Medication.DoesNotExist:
        raise errors.NotFound("That medication is not in your journal.")


def remove_medication(member_id, medication_id, now):
    """Remove a mistaken medication with its dose changes, and refresh the card, in one
    transaction (a failure leaves the journal as it was); again from the start when another
    write rebuilt the card meanwhile (its version condition failed)."""
    writes.retried_on_lost_condition(
        lambda: _remove_medication(member_id, medication_id, now), cards.ATTEMPTS)


def _remove_medication(member_id, medication_id, now):
    journal = cards.load(member_id, now)
    medication = journal.medication(medication_id)
    if medication is None:
        raise errors.NotFound("That medication is not in your journal.")
    items = [*journal.doses_of(medication_id), medication]
    journal.doses = [d for d in journal.doses if d.medication_id != medication_id]
    journal.medications.remove(medication)
    # A transaction holds 100 items, the card one of them: a medication with more dose
    # changes loses its oldest first, in transactions of their own; the medication stays
    # listed until the last, so removing it again finishes the work.
    while len(items) > TRANSACTION_ITEMS - 1:
        with writes.transaction() as transaction:
            for item in items[:TRANSACTION_ITEMS - 1]:
                transaction.delete(item)
        items = items[TRANSACTION_ITEMS - 1:]
    with writes.transaction() as transaction:
        for item in items:
            transaction.delete(item)
        cards.refresh_in(transaction, journal, now)


def add_dose_change(member_id, medication_id, day, dose, note, now):
    """Record that from ``day`` the daily dose is ``dose`` (a Decimal; 0 = stopped)."""
    get_medication(member_id, medication_id)
    change = DoseChange(member_id=member_id,
                        item_key=f"{DOSE_PREFIX}{day.isoformat()}#{clock.new_id(now)}",
                        medication_id=medication_id, day=day.isoformat(),
                        dose=format_dose(dose), note=note[:MAX_DOSE_NOTE_CHARS],
                        created_at=now)
    change.save()
    cards.rebuild(member_id, now)
    return change


def remove_dose_change(member_id, item_key, now):
    if not item_key.startswith(DOSE_PREFIX):
        raise errors.NotFound("That dose change is not in your journal.")
    try:
        DoseChange.get(member_id, item_key, consistent_read=True).delete()
    except DoseChange.DoesNotExist:
        raise errors.NotFound("That dose change is not in your journal.")
    cards.rebuild(member_id, now)


def save_check_in(member_id, day, overall, sleep, scores, note, now, published=True):
    """Record the day's check-in; a second save the same day replaces the first.

    The day is the sort key, so two racing submits write the same item and can never
    make two; ``if_not_exists`` keeps the first creation time whichever lands first.
    ``published=False`` (the caller has just read settings without an introduction thread)
    skips rebuilding the card, which only the introduction chart would change.
    """
    check_in = CheckIn(member_id=member_id, item_key=DAY_PREFIX + day.isoformat())
    symptoms = [SymptomScore(name=name, score=score) for name, score in scores]
    check_in.update(actions=[
        CheckIn.kind.set(CheckIn),
        CheckIn.day.set(day.isoformat()),
        CheckIn.overall.set(overall),
        CheckIn.sleep.set(sleep),
        CheckIn.symptoms.set(symptoms),
        CheckIn.note.set(note[:MAX_NOTE_CHARS]),
        CheckIn.created_at.set(CheckIn.created_at | now),
        CheckIn.updated_at.set(now),
    ])
    if published:
        cards.rebuild(member_id, now)
    return check_in


def choose_symptoms(member_id, chosen, now):
    return _settings_changed(store.update_settings(member_id,
                                                   JournalSettings.symptoms.set(chosen)), now)


def set_time_zone(member_id, name, now):
    """Keep the member's IANA time zone; the caller has checked it with ``days.is_zone``."""
    return _settings_changed(store.update_settings(member_id,
                                                   JournalSettings.time_zone.set(name)), now)


def _settings_changed(settings, now):
    """The introduction chart shows the symptoms and counts days in the time zone."""
    if settings.intro_thread_id:
        cards.rebuild(settings.member_id, now)
    return settings
