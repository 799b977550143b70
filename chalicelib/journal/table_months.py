"""The chart's table over a long window, one month at a time.

Three years of daily rows would make the all-time page several hundred kilobytes; the chart
already averages old days into wider cells, and the table, its exact text alternative,
shows one month (the latest unless another is asked for) with links to every other month.
Everything, day by day, stays one click away in the CSV export.
"""
import re
from dataclasses import dataclass

from chalicelib.journal.chart_drawing import MONTHS

# Up to this many rows the table is shown whole (the 90-day window always is).
WHOLE = 92


@dataclass
class TablePage:
    rows: list
    months: list  # (value "YYYY-MM", label "Mar 2025"), newest first; empty: no paging
    month: str = None
    month_label: str = ""
    asked: bool = False  # a month was chosen: the table opens on it


def label(month):
    return f"{MONTHS[int(month[5:7]) - 1]} {month[:4]}"


def page(rows, asked):
    """The rows to show for the month ``asked`` ("YYYY-MM" from the query string, or None)."""
    if len(rows) <= WHOLE:
        return TablePage(rows=rows, months=[])
    months = sorted({row.day[:7] for row in rows}, reverse=True)
    chosen = bool(asked and re.fullmatch(r"[0-9]{4}-[0-9]{2}", asked) and asked in months)
    month = asked if chosen else months[0]
    return TablePage(rows=[row for row in rows if row.day.startswith(month)],
                     months=[(value, label(value)) for value in months], month=month,
                     month_label=label(month), asked=chosen)
