"""A member's taper journal: one partition per member in one table.

Every item of a member shares ``member_id``; ``item_key`` sorts them into ranges
(see docs/data-model.md, "Taper journal"):

    day#2025-03-01            a check-in (one per day: the day *is* the key)
    dose#2025-03-01#<ulid>    a dose change, in date order across all medications
    med#<ulid>                a medication
    settings                  chosen symptoms, sharing, introduction thread, signature, time zone
    public                    the public card: signature and introduction thread (sparse)

So a range of days is one Query (``BETWEEN day#from AND day#to``) and everything else a
page needs (medications, doses, settings) is one more (``item_key >= "dose#"``).
"""
from pynamodb.attributes import (BooleanAttribute, DiscriminatorAttribute, ListAttribute,
                                 MapAttribute, NumberAttribute, UnicodeAttribute,
                                 UTCDateTimeAttribute, VersionAttribute)

from chalicelib.models.base import LanternModel, table_meta

DAY_PREFIX = "day#"
DOSE_PREFIX = "dose#"
MEDICATION_PREFIX = "med#"
SETTINGS_KEY = "settings"
CARD_KEY = "public"
# Everything after the check-ins sorts from here: doses, medications, settings, card.
AFTER_DAYS = DOSE_PREFIX


class JournalItem(LanternModel):
    """Base of every journal item; ``kind`` tells PynamoDB which class to load."""

    Meta = table_meta("journal")
    member_id = UnicodeAttribute(hash_key=True)
    item_key = UnicodeAttribute(range_key=True)
    kind = DiscriminatorAttribute()


class SymptomScore(MapAttribute):
    name = UnicodeAttribute()
    score = NumberAttribute()


class CheckIn(JournalItem, discriminator="check-in"):
    day = UnicodeAttribute()  # YYYY-MM-DD
    overall = NumberAttribute()  # 1 (very hard) .. 5 (good)
    sleep = NumberAttribute()  # 1 (very poor) .. 5 (good)
    symptoms = ListAttribute(of=SymptomScore, default=list)  # each 0 (none) .. 4 (severe)
    note = UnicodeAttribute(default="")
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()


class Medication(JournalItem, discriminator="medication"):
    medication_id = UnicodeAttribute()
    name = UnicodeAttribute()
    drug_class = UnicodeAttribute()  # a key of chalicelib.core.medications.DRUG_CLASSES
    unit = UnicodeAttribute()  # mg | ml | drops
    created_at = UTCDateTimeAttribute()


class DoseChange(JournalItem, discriminator="dose"):
    medication_id = UnicodeAttribute()
    day = UnicodeAttribute()  # YYYY-MM-DD
    # Decimal text ("37.5"): exact, unlike a float, and what the member typed, normalised.
    dose = UnicodeAttribute()
    note = UnicodeAttribute(default="")
    created_at = UTCDateTimeAttribute()


class JournalSettings(JournalItem, discriminator="settings"):
    symptoms = ListAttribute(of=UnicodeAttribute, default=list)
    sharing = UnicodeAttribute(default="private")  # private | members-all | members-chart
    intro_thread_id = UnicodeAttribute(null=True)
    signature_on = BooleanAttribute(default=False)
    time_zone = UnicodeAttribute(null=True)  # IANA name ("America/New_York"); None means UTC


class PublicCard(JournalItem, discriminator="card"):
    """What anyone reading a thread may see; present only while there is something public.

    The thread page reads its authors' cards in the same BatchGetItem as the thread.
    """

    signature = UnicodeAttribute(null=True)
    intro_thread_id = UnicodeAttribute(null=True)
    # With intro_thread_id: the introduction chart's data as compact JSON
    # (chalicelib/journal/intro_data.py); absent on cards from before it (ops/journal_cards.py).
    intro_chart = UnicodeAttribute(null=True)
    # Each rebuild writes on condition of the version it read (chalicelib/journal/cards.py).
    version = VersionAttribute()
