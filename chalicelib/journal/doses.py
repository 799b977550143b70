"""Reading a dose as people write it: "0.5", "0,5", "1/2", "1 1/2", "12.5 mg"."""
import re
from decimal import Decimal, InvalidOperation

# Liquid tapers go down to hundredths of a millilitre; four places is more than enough.
PLACES = Decimal("0.0001")
MAX_DOSE = Decimal("10000")
_UNIT_SUFFIX = re.compile(r"\s*(mg|ml|drops?)\.?$", re.IGNORECASE)
# ASCII digits only, and few of them: int() refuses some Unicode digits and very long ones.
_NUMBER = re.compile(r"^[0-9]{1,7}(?:[.,][0-9]{1,6})?$|^[.,][0-9]{1,6}$")
_FRACTION = re.compile(r"^(?:([0-9]{1,6})\s+)?([0-9]{1,6})\s*/\s*([0-9]{1,6})$")


class DoseError(ValueError):
    """The text could not be read as a dose; the message says what was wrong."""


def parse_dose(text):
    """The daily dose in ``text`` as a Decimal (0 means off the drug).

    :raise DoseError: with a message fit to show beside the field.
    """
    cleaned = _UNIT_SUFFIX.sub("", (text or "").strip()).strip()
    if not cleaned:
        raise DoseError("Please enter the new daily dose, for example 37.5 or 1/2.")
    fraction = _FRACTION.match(cleaned)
    if fraction:
        whole, top, bottom = (int(part) if part else 0 for part in fraction.groups())
        if bottom == 0:
            raise DoseError(f"We could not read “{text.strip()}”: a fraction cannot be over 0.")
        value = Decimal(whole) + Decimal(top) / Decimal(bottom)
    elif _NUMBER.match(cleaned):
        try:
            value = Decimal(cleaned.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern already guarantees digits
            raise DoseError(f"We could not read “{text.strip()}” as a number.")
    else:
        raise DoseError(
            f"We could not read “{text.strip()}” as a dose. Use a number such as 37.5 or "
            "0,5, or a fraction such as 1/2 or 1 1/2 (no ranges or words).")
    if value > MAX_DOSE:
        raise DoseError(f"{format_dose(value)} is more than we can record; please check it.")
    return value.quantize(PLACES).normalize() if value else Decimal(0)


def format_dose(value):
    """Dose text without trailing zeros or exponent: Decimal('37.50') -> '37.5'."""
    value = Decimal(value)
    text = format(value.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")
