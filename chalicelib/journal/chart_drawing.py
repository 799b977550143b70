"""The journal chart's drawing: a server-rendered SVG of dose steps and symptom bands.

Each medication gets a lane with its dose drawn as steps (one path per drug, scaled to
that drug's highest dose); beneath them, bands for the overall day, sleep and each chosen
symptom, one cell per day, darker meaning harder. Colours come from CSS (currentColor and
custom properties), so the chart follows dark mode; no JavaScript is involved.
"""
from datetime import date, timedelta
from decimal import Decimal

from markupsafe import Markup, escape

from chalicelib.journal.doses import format_dose

WIDTH, RIGHT, TOP = 720, 12, 8
# The label column grows with the longest row label (a symptom name may be 40 characters), so
# no label is cut at the chart's left edge; about 7 px a character at the chart's 12 px text.
LABEL_CHAR_PX, LABEL_GAP, MIN_LEFT, MAX_LEFT = 7, 16, 110, 300
LANE_HEIGHT, LANE_GAP = 64, 12
BAND_HEIGHT, BAND_GAP = 14, 4
AXIS_HEIGHT = 26
MAX_TICKS = 8
# About 3 px a cell at the chart's width: over longer windows a band cell averages several
# days (a year's bands stay ~120 cells, not 365); the table keeps every day exactly.
MAX_CELLS = 180
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


class _Scale:
    def __init__(self, first_day, last_day, left):
        self.first_day = first_day
        self.left = left
        self.days = (last_day - first_day).days + 1
        self.cell = (WIDTH - left - RIGHT) / self.days

    def x(self, day):
        return self.left + (day - self.first_day).days * self.cell


def label_room(labels):
    """The x where the plot starts: room for the longest label, within bounds."""
    longest = max((len(label) for label in labels), default=0)
    return max(MIN_LEFT, min(MAX_LEFT, longest * LABEL_CHAR_PX + LABEL_GAP))


def _fit(label, left):
    """``label`` shortened with an ellipsis only if even the widest column cannot hold it."""
    room = (left - LABEL_GAP) // LABEL_CHAR_PX
    return label if len(label) <= room else label[:room - 1].rstrip() + "…"


def _steps(doses, first_day, last_day, scale, top):
    """The step points of one drug's dose over the window (empty if none applies)."""
    before = [d for d in doses if date.fromisoformat(d.day) < first_day]
    inside = [d for d in doses if first_day <= date.fromisoformat(d.day) <= last_day]
    shown = before[-1:] + inside
    if not shown:
        return []
    highest = max(Decimal(d.dose) for d in shown) or Decimal(1)

    def y(dose):
        return top + LANE_HEIGHT - float(Decimal(dose) / highest) * (LANE_HEIGHT - 12)

    points = []
    if before:
        points.append((scale.x(first_day), y(before[-1].dose)))
    for dose in inside:
        x = scale.x(date.fromisoformat(dose.day))
        if points:
            points.append((x, points[-1][1]))
        points.append((x, y(dose.dose)))
    points.append((scale.x(last_day) + scale.cell, points[-1][1]))
    return points, highest


def _path(points):
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)


def cell_days(days):
    """How many days one band cell stands for in a window of ``days`` days."""
    return max(1, -(-days // MAX_CELLS))


def _averaged(values, size):
    """Each ``size`` days' values as one rounded mean (None when none was recorded)."""
    if size == 1:
        return values
    cells = []
    for start in range(0, len(values), size):
        known = [value for value in values[start:start + size] if value is not None]
        cells.append(int(sum(known) / len(known) + 0.5) if known else None)
    return cells


def _runs(values):
    """Consecutive equal values merged: [(start index, length, value)], None skipped."""
    runs, start = [], 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            if values[start] is not None:
                runs.append((start, index - start, values[start]))
            start = index
    return runs


def _ticks(first_day, last_day):
    months, cursor = [], date(first_day.year, first_day.month, 1)
    while cursor <= last_day:
        if cursor >= first_day:
            months.append(cursor)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    step = max(1, -(-len(months) // MAX_TICKS))
    return months[::step]


BAND_LABELS = ("Overall day", "Sleep")  # the caption says darker means harder


def svg(journal, symptom_names, first_day, last_day, title, summary, id_prefix):
    labels = [m.name for m in journal.medications] + list(BAND_LABELS) + list(symptom_names)
    labels += [f"max {format_dose(d.dose)} {m.unit}" for m in journal.medications
               for d in journal.doses_of(m.medication_id)]
    left = label_room(labels)
    scale = _Scale(first_day, last_day, left)
    by_day = {c.day: c for c in journal.check_ins}
    days = [(first_day + timedelta(days=n)).isoformat() for n in range(scale.days)]
    lanes = len(journal.medications)
    bands = 2 + len(symptom_names)
    height = TOP + lanes * (LANE_HEIGHT + LANE_GAP) + bands * (BAND_HEIGHT + BAND_GAP) \
        + AXIS_HEIGHT
    plot_right = WIDTH - RIGHT
    out = [f'<svg class="journal-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'viewBox="0 0 {WIDTH} {height}" width="100%" '
           f'aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
           f'<title id="{id_prefix}-title">{escape(title)}</title>',
           f'<desc id="{id_prefix}-desc">{escape(summary)}</desc>']
    top = TOP
    for medication in journal.medications:
        doses = journal.doses_of(medication.medication_id)
        out.append(f'<g class="dose-lane" data-medication="{escape(medication.medication_id)}">')
        out.append(f'<rect class="lane" x="{left}" y="{top}" width="{plot_right - left}" '
                   f'height="{LANE_HEIGHT}" fill="none" stroke="currentColor" '
                   f'stroke-opacity="0.25"/>')
        out.append(f'<text x="{left - 8}" y="{top + 16}" text-anchor="end" '
                   f'fill="currentColor">{escape(_fit(medication.name, left))}</text>')
        steps = _steps(doses, first_day, last_day, scale, top)
        if steps:
            points, highest = steps
            out.append(f'<text x="{left - 8}" y="{top + 34}" text-anchor="end" '
                       f'class="axis-label" fill="currentColor">max {format_dose(highest)} '
                       f'{escape(medication.unit)}</text>')
            out.append(f'<path class="dose-step" d="{_path(points)}" fill="none" '
                       f'stroke="currentColor" stroke-width="2.5" '
                       f'data-points="{len(points)}"/>')
        out.append('</g>')
        top += LANE_HEIGHT + LANE_GAP
    rows = [(BAND_LABELS[0], [5 - by_day[d].overall if d in by_day else None for d in days]),
            (BAND_LABELS[1], [5 - by_day[d].sleep if d in by_day else None for d in days])]
    for name in symptom_names:
        values = []
        for d in days:
            check_in = by_day.get(d)
            score = None
            if check_in is not None:
                score = next((int(s.score) for s in check_in.symptoms if s.name == name), None)
            values.append(score)
        rows.append((name, values))
    size = cell_days(scale.days)
    width = size * scale.cell
    for label, values in rows:
        # The cells inherit the group's fill: over three years a band has ~150 of them, and
        # every byte per cell counts toward the all-time page's 100 KB (bench/journal_chart.py).
        out.append('<g class="band" fill="currentColor">')
        out.append(f'<text x="{left - 8}" y="{top + BAND_HEIGHT - 3}" text-anchor="end" '
                   f'class="band-label" fill="currentColor">{escape(_fit(label, left))}</text>')
        out.append(f'<rect class="band-bg" x="{left}" y="{top}" width="{plot_right - left}" '
                   f'height="{BAND_HEIGHT}" fill="currentColor" fill-opacity="0.04"/>')
        for start, length, value in _runs(_averaged(values, size)):
            level = int(value)
            x = left + start * width
            opacity = f"{0.1 + level * 0.2:.1f}".removeprefix("0")
            out.append(f'<rect class="level-{level}" x="{x:.1f}" y="{top}" '
                       f'width="{min(length * width, plot_right - x):.1f}" '
                       f'height="{BAND_HEIGHT}" fill-opacity="{opacity}"/>')
        out.append('</g>')
        top += BAND_HEIGHT + BAND_GAP
    out.append('<g class="axis">')
    for tick in _ticks(first_day, last_day):
        x = scale.x(tick)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{top}" '
                   f'stroke="currentColor" stroke-opacity="0.2"/>')
        out.append(f'<text x="{x:.1f}" y="{top + 16}" text-anchor="middle" '
                   f'fill="currentColor">{MONTHS[tick.month - 1]} {tick.year}</text>')
    out.append('</g></svg>')
    return Markup("".join(out))
