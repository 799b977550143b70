"""The introduction chart's data, kept on the public card (docs/data-model.md, J11).

The thread page reads its authors' cards in the BatchGetItem it makes anyway, so a card that
carries what the introduction's 90-day chart needs lets that page draw it without reading
the journal. The card keeps the settings the chart reads (symptoms, time zone), the
medications, every dose change (each names its medication by its place in the list) and the
window's check-ins without their notes, as compact JSON (a few KB for 90 days).

The window is counted back from the write, a day longer than a reader needs: a reader's
window starts on the same day or later, so the card still covers it until the next write
to the journal rebuilds it (chalicelib/journal/cards.py).
"""
import json
from datetime import timedelta

from chalicelib.journal import chart
from chalicelib.journal.store import Journal
from chalicelib.models.journal import (SETTINGS_KEY, CheckIn, DoseChange, JournalSettings,
                                       Medication, SymptomScore)

WINDOW = "90"
# A local date is at most a day behind the UTC one: one day more than the chart shows.
DAYS_KEPT = chart.WINDOWS[WINDOW] + 1


def first_kept_day(now):
    return now.date() - timedelta(days=DAYS_KEPT)


def encode(journal, now):
    """The card's copy of ``journal``'s chart data as of ``now``.

    :raise ValueError: when ``journal`` was read without the window's check-ins.
    """
    first = first_kept_day(now)
    if journal.check_ins_from is None or journal.check_ins_from > first:
        raise ValueError(f"the introduction chart needs the check-ins since {first}")
    first = first.isoformat()
    # Every dose change, few as they are: the chart's label column is sized by all of them.
    lanes = {m.medication_id: index for index, m in enumerate(journal.medications)}
    doses = [[lanes.get(d.medication_id, d.medication_id), d.day, d.dose] for d in journal.doses]
    names = list(journal.settings.symptoms)
    days = []
    for check_in in journal.check_ins:
        if check_in.day < first:
            continue
        scores = []
        for score in check_in.symptoms:
            if score.name not in names:
                names.append(score.name)
            scores += [names.index(score.name), int(score.score)]
        days.append([check_in.day, int(check_in.overall), int(check_in.sleep), scores])
    return json.dumps({
        "symptoms": len(journal.settings.symptoms), "names": names,
        "zone": journal.settings.time_zone,
        "medications": [[m.medication_id, m.name, m.unit] for m in journal.medications],
        "doses": doses,
        "days": days}, ensure_ascii=False, separators=(",", ":"))


def decode(member_id, text, first_day):
    """The Journal a card's ``text`` holds, with the check-ins from ``first_day`` on: what
    ``store.load_since(member_id, first_day)`` reads, less the notes the chart never shows."""
    data = json.loads(text)
    names = data["names"]
    journal = Journal(member_id=member_id, settings=JournalSettings(
        member_id=member_id, item_key=SETTINGS_KEY, symptoms=names[:data["symptoms"]],
        time_zone=data["zone"]))
    journal.medications = [Medication(member_id=member_id, medication_id=medication_id,
                                      name=name, unit=unit)
                           for medication_id, name, unit in data["medications"]]
    ids = [m.medication_id for m in journal.medications]
    journal.doses = [DoseChange(member_id=member_id, day=day, dose=dose,
                                medication_id=ids[lane] if isinstance(lane, int) else lane)
                     for lane, day, dose in data["doses"]]
    first = first_day.isoformat()
    journal.check_ins = [
        CheckIn(member_id=member_id, day=day, overall=overall, sleep=sleep,
                symptoms=[SymptomScore(name=names[index], score=score)
                          for index, score in zip(scores[::2], scores[1::2])])
        for day, overall, sleep, scores in data["days"] if day >= first]
    journal.check_ins_from = first_day
    return journal
