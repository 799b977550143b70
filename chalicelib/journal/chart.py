"""The journal chart: its drawing (chalicelib/journal/chart_drawing.py) and the table that
is its text alternative, for a window of days.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from markupsafe import Markup

from chalicelib.journal import chart_drawing
from chalicelib.journal.doses import format_dose

WINDOWS = {"90": 90, "all": None}

@dataclass
class TableRow:
    day: str
    doses: list  # per medication: (text, changed) or None
    overall: int = None
    sleep: int = None
    symptoms: list = field(default_factory=list)  # per symptom column: score or None
    note: str = ""
    dose_notes: list = field(default_factory=list)


@dataclass
class Chart:
    svg: Markup
    first_day: date
    last_day: date
    medications: list
    symptom_names: list
    rows: list
    summary: str
    cell_days: int = 1  # days each band cell averages
    empty: bool = False  # nothing to draw in the window: the page says so instead


def window_start(journal, today, window):
    """First day shown: 90 days back, or the journal's first entry for all time."""
    days = WINDOWS.get(window, 90)
    if days:
        return today - timedelta(days=days - 1)
    starts = [date.fromisoformat(d.day) for d in journal.doses[:1]]
    starts += [date.fromisoformat(c.day) for c in journal.check_ins[:1]]
    return min(starts + [today])

def _table(journal, symptom_names, first_day, last_day, with_notes):
    """A row per day with a check-in or a dose change, oldest first."""
    first, last = first_day.isoformat(), last_day.isoformat()
    by_day = {c.day: c for c in journal.check_ins if first <= c.day <= last}
    changes = {}
    for dose in journal.doses:
        if first <= dose.day <= last:
            changes.setdefault(dose.day, []).append(dose)
    current = {}
    for dose in journal.doses:
        if dose.day < first:
            current[dose.medication_id] = dose.dose
    rows = []
    for day in sorted(set(by_day) | set(changes)):
        changed_today = set()
        for dose in changes.get(day, []):
            current[dose.medication_id] = dose.dose
            changed_today.add(dose.medication_id)
        doses = []
        for medication in journal.medications:
            value = current.get(medication.medication_id)
            doses.append(None if value is None else
                         (f"{format_dose(value)} {medication.unit}",
                          medication.medication_id in changed_today))
        row = TableRow(day=day, doses=doses)
        check_in = by_day.get(day)
        if check_in is not None:
            row.overall, row.sleep = int(check_in.overall), int(check_in.sleep)
            scores = {s.name: int(s.score) for s in check_in.symptoms}
            row.symptoms = [scores.get(name) for name in symptom_names]
            row.note = check_in.note if with_notes else ""
        else:
            row.symptoms = [None] * len(symptom_names)
        if with_notes:
            row.dose_notes = [d.note for d in changes.get(day, []) if d.note]
        rows.append(row)
    return rows


def symptom_columns(journal):
    """The member's chosen symptoms, then any others their check-ins recorded."""
    names = list(journal.settings.symptoms)
    for check_in in journal.check_ins:
        for score in check_in.symptoms:
            if score.name not in names:
                names.append(score.name)
    return names


def build(journal, today, window="90", with_notes=True, title="Taper journal",
          id_prefix="journal-chart"):
    """The chart and its table for the window ending ``today``."""
    first_day = window_start(journal, today, window)
    names = symptom_columns(journal)
    count = sum(1 for c in journal.check_ins
                if first_day.isoformat() <= c.day <= today.isoformat())
    size = chart_drawing.cell_days((today - first_day).days + 1)
    cells = f" (each band cell is the average of {size} days)" if size > 1 else ""
    summary = (f"From {first_day.isoformat()} to {today.isoformat()}: "
               f"{len(journal.medications)} medication(s) drawn as dose steps, and "
               f"{count} daily check-in(s) drawn as bands{cells}. The same data, day by "
               f"day, is in the table below the chart.")
    rows = _table(journal, names, first_day, today, with_notes)
    carried = any(d.day < first_day.isoformat() for d in journal.doses)
    empty = not rows and not carried
    drawing = Markup("") if empty else chart_drawing.svg(journal, names, first_day, today,
                                                         title, summary, id_prefix)
    return Chart(svg=drawing, first_day=first_day, last_day=today,
                 medications=list(journal.medications), symptom_names=names, rows=rows,
                 summary=summary, cell_days=size, empty=empty)
