"""Reading doses as members type them."""
from decimal import Decimal

import pytest

from chalicelib.journal.doses import DoseError, format_dose, parse_dose


@pytest.mark.parametrize("text, expected", [
    ("0.5", "0.5"), ("0,5", "0.5"), ("1/2", "0.5"), ("1 1/2", "1.5"), ("37.5", "37.5"),
    ("100", "100"), (" 12,25 mg ", "12.25"), ("3 drops", "3"), ("0", "0"), (".25", "0.25"),
    ("1/3", "0.3333"), ("2 3/4", "2.75"), ("10 ml", "10"),
])
def test_readable_doses(text, expected):
    assert parse_dose(text) == Decimal(expected)
    assert format_dose(parse_dose(text)) == expected


@pytest.mark.parametrize("text, says", [
    ("", "Please enter"), ("half", "could not read “half”"), ("1-2", "no ranges"),
    ("1/0", "cannot be over 0"), ("-5", "could not read"), ("99999", "more than we can"),
    ("1.2.3", "could not read"),
])
def test_unreadable_doses_say_what_was_wrong(text, says):
    with pytest.raises(DoseError) as caught:
        parse_dose(text)
    assert says in str(caught.value)
