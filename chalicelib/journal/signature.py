"""The drug-history signature: one line derived from the journal's dose changes.

"sertraline 100 mg → 37.5 mg since 2025-03; off clonazepam since 2024-11"
"""
from decimal import Decimal

from chalicelib.journal.doses import format_dose

MAX_CHARS = 300


def _month(day):
    return day[:7]


def describe_medication(medication, doses):
    """One part of the signature, or None for a medication without dose changes."""
    if not doses:
        return None
    first, last = doses[0], doses[-1]
    unit = medication.unit
    if Decimal(last.dose) == 0:
        return f"off {medication.name} since {_month(last.day)}"
    current = f"{format_dose(last.dose)} {unit}"
    if len(doses) == 1 or Decimal(first.dose) == Decimal(last.dose):
        return f"{medication.name} {current} since {_month(first.day)}"
    return (f"{medication.name} {format_dose(first.dose)} {unit} → {current} "
            f"since {_month(first.day)}")


def derive(journal):
    """The signature text for ``journal`` ('' when nothing is recorded yet).

    Drugs still taken come first, then those the member is off, most recent first.
    """
    taking, off = [], []
    for medication in journal.medications:
        doses = journal.doses_of(medication.medication_id)
        part = describe_medication(medication, doses)
        if part is None:
            continue
        (off if Decimal(doses[-1].dose) == 0 else taking).append((doses[-1].day, part))
    parts = [part for _, part in taking] + [part for _, part in
                                             sorted(off, key=lambda pair: pair[0], reverse=True)]
    text = "; ".join(parts)
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1].rstrip() + "…"
