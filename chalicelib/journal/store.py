"""Reading a member's journal: a range of days is one Query, everything else one more."""
from dataclasses import dataclass, field
from datetime import date

from chalicelib.models.journal import (AFTER_DAYS, CARD_KEY, DAY_PREFIX, SETTINGS_KEY,
                                       CheckIn, DoseChange, JournalItem, JournalSettings,
                                       Medication, PublicCard)


@dataclass
class Journal:
    member_id: str
    settings: JournalSettings
    card: PublicCard = None
    medications: list = field(default_factory=list)  # in the order they were added
    doses: list = field(default_factory=list)  # by day, then entry order
    check_ins: list = field(default_factory=list)  # by day
    # The first day whose check-ins were read (date.min: all of them; None: none were read).
    check_ins_from: date = None

    def medication(self, medication_id):
        return next((m for m in self.medications if m.medication_id == medication_id), None)

    def doses_of(self, medication_id):
        return [dose for dose in self.doses if dose.medication_id == medication_id]

    @property
    def is_empty(self):
        return not (self.medications or self.check_ins)


def day_key(day):
    return DAY_PREFIX + (day.isoformat() if isinstance(day, date) else day)


def new_settings(member_id):
    return JournalSettings(member_id=member_id, item_key=SETTINGS_KEY)


def load_outline(member_id, consistent=False):
    """Medications, dose changes, settings and card: one Query (``item_key >= "dose#"``)."""
    return _collect(member_id, JournalItem.query(
        member_id, JournalItem.item_key >= AFTER_DAYS, consistent_read=consistent))


def load_since(member_id, first_day=None, consistent=False):
    """Check-ins from ``first_day`` (None: all) and the whole outline, in one Query.

    Everything else sorts after the check-ins (``day#`` < ``dose#`` < ``med#`` < ...), so
    ``item_key >= "day#<first day>"`` reads both: all a chart needs.
    """
    low = day_key(first_day) if first_day else DAY_PREFIX
    journal = _collect(member_id, JournalItem.query(member_id, JournalItem.item_key >= low,
                                                    consistent_read=consistent))
    journal.check_ins_from = first_day or date.min
    return journal


def _collect(member_id, items):
    """A Journal sorted out of one Query's items (each kind loads as its own class)."""
    journal = Journal(member_id=member_id, settings=None)
    for item in items:
        if isinstance(item, CheckIn):
            journal.check_ins.append(item)
        elif isinstance(item, DoseChange):
            journal.doses.append(item)
        elif isinstance(item, Medication):
            journal.medications.append(item)
        elif isinstance(item, JournalSettings):
            journal.settings = item
        elif isinstance(item, PublicCard):
            journal.card = item
    journal.settings = journal.settings or new_settings(member_id)
    return journal


def check_ins_between(member_id, first_day=None, last_day=None, consistent=False):
    """Check-ins from ``first_day`` to ``last_day`` inclusive (either open): one Query."""
    low = day_key(first_day) if first_day else DAY_PREFIX
    high = day_key(last_day) if last_day else DAY_PREFIX + "\uffff"
    return list(CheckIn.query(member_id, JournalItem.item_key.between(low, high),
                              consistent_read=consistent))


def load_journal(member_id, first_day=None, last_day=None, consistent=False):
    """The whole outline plus the check-ins in range: two Queries."""
    journal = load_outline(member_id, consistent)
    journal.check_ins = check_ins_between(member_id, first_day, last_day, consistent)
    return journal


def get_check_in(member_id, day):
    try:
        return CheckIn.get(member_id, day_key(day), consistent_read=True)
    except CheckIn.DoesNotExist:
        return None


def get_card(member_id):
    try:
        return PublicCard.get(member_id, CARD_KEY)
    except PublicCard.DoesNotExist:
        return None


def update_settings(member_id, *actions):
    """Change some settings fields without overwriting the others (creates the item)."""
    settings = new_settings(member_id)
    settings.update(actions=[JournalSettings.kind.set(JournalSettings), *actions])
    return settings
