"""Reading the journal's forms: values and field-level errors, never an exception."""
from datetime import date

from chalicelib.core import medications, numbers
from chalicelib.journal.doses import DoseError, parse_dose
from chalicelib.journal.entries import MAX_DOSE_NOTE_CHARS, MAX_NOTE_CHARS

OVERALL_LABELS = ((1, "Very hard"), (2, "Hard"), (3, "So-so"), (4, "Okay"), (5, "Good"))
SLEEP_LABELS = ((1, "Very poor"), (2, "Poor"), (3, "Fair"), (4, "Okay"), (5, "Good"))


def read_day(text, today, field_name, errors, label="date"):
    """A YYYY-MM-DD day not after today; an error is recorded in ``errors`` otherwise."""
    try:
        day = date.fromisoformat(text) if text else today
    except ValueError:
        errors[field_name] = f"Please give the {label} as YYYY-MM-DD, for example {today}."
        return None
    if day > today:
        errors[field_name] = f"The {label} cannot be in the future."
        return None
    if day.year < 1950:
        errors[field_name] = f"Please check the year of the {label}."
        return None
    return day


def _rating(form, name, low, high, errors, message):
    value = numbers.int_or_none(form.get(name), low, high)
    if value is not None:
        return value
    errors[name] = message
    return None


def read_check_in(form, today):
    """(day, overall, sleep, [(symptom, score)], note), errors."""
    errors = {}
    day = read_day(form.get("day"), today, "day", errors, "day")
    overall = _rating(form, "overall", 1, 5, errors, "Please choose how the day was overall.")
    sleep = _rating(form, "sleep", 1, 5, errors, "Please choose how you slept.")
    scores = []
    index = 0
    while form.has(f"symptom_name_{index}"):
        name, score = form.get(f"symptom_name_{index}"), form.get(f"symptom_{index}")
        value = numbers.int_or_none(score, 0, 4)
        if name and value is not None:
            scores.append((name, value))
        index += 1
    note = form.raw("note").strip()
    if len(note) > MAX_NOTE_CHARS:
        errors["note"] = f"Please keep the note under {MAX_NOTE_CHARS} characters."
    return (day, overall, sleep, scores, note), errors


def read_medication(form):
    errors = {}
    name = " ".join(form.get("name").split())
    if not name:
        errors["name"] = "Please enter the medication's name, for example sertraline."
    elif len(name) > medications.MAX_NAME_CHARS:
        errors["name"] = f"Please keep the name under {medications.MAX_NAME_CHARS} characters."
    drug_class = form.get("drug_class")
    if not medications.is_drug_class(drug_class):
        errors["drug_class"] = "Please choose the drug's class (or Other)."
    unit = form.get("unit")
    if not medications.is_unit(unit):
        errors["unit"] = "Please choose how the dose is measured."
    return (name, drug_class, unit), errors


def read_dose_change(form, today):
    errors = {}
    day = read_day(form.get("day"), today, "day", errors)
    dose = None
    try:
        dose = parse_dose(form.get("dose"))
    except DoseError as error:
        errors["dose"] = str(error)
    note = form.get("note")
    if len(note) > MAX_DOSE_NOTE_CHARS:
        errors["note"] = f"Please keep the note under {MAX_DOSE_NOTE_CHARS} characters."
    return (day, dose, note), errors
