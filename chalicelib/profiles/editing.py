"""Reading and saving a member's peer profile (every field optional)."""

from chalicelib.core import clock, medications, numbers
from chalicelib.models.profiles import DEFAULT_MAX_OPEN, PeerListing, Profile
from chalicelib.models import writes
from chalicelib.profiles import listing, stages

MAX_BIO_CHARS = 1000
MAX_NOTE_CHARS = 300
MAX_OPEN_CHOICES = range(1, 11)
NOTIFICATION_CHOICES = [("immediately", "Immediately"), ("daily", "Once a day"),
                        ("never", "Never")]
EARLIEST_YEAR = 1950


def profile_of(member_id):
    """The member's profile, or an unsaved blank one (every field is optional)."""
    try:
        return Profile.get(member_id)
    except Profile.DoesNotExist:
        return Profile(member_id=member_id)


def form_values(profile):
    """What the settings form shows for a saved profile."""
    return {
        "bio": profile.bio or "",
        "medication_classes": list(profile.medication_classes or []),
        "stage": profile.stage or "",
        "year_started": str(int(profile.year_started)) if profile.year_started else "",
        "open_to_new": bool(profile.open_to_new),
        "availability_note": profile.availability_note or "",
        "max_open": str(int(profile.max_open or DEFAULT_MAX_OPEN)),
        "letter_notifications": profile.letter_notifications or "immediately",
        "letters_in_full": bool(profile.letters_in_full),
    }


def validate(form, now):
    """Parse the settings form.

    :return: (cleaned values or None, errors by field name)
    """
    errors = {}
    bio = form.raw("bio").strip()
    if len(bio) > MAX_BIO_CHARS:
        errors["bio"] = f"Please keep your bio to {MAX_BIO_CHARS} characters (it has {len(bio)})."
    chosen = form.getlist("medication_classes")
    if any(not medications.is_known(key) for key in chosen):
        errors["medication_classes"] = "Please choose from the listed medication classes."
    stage = form.get("stage")
    if stage and not stages.is_known(stage):
        errors["stage"] = "Please choose one of the listed stages, or leave it blank."
    year_text = form.get("year_started")
    year = None
    if year_text:
        year = numbers.int_or_none(year_text, EARLIEST_YEAR, now.year)
        if year is None:
            errors["year_started"] = f"Please enter a year between {EARLIEST_YEAR} and {now.year}, or leave it blank."
    note = form.get("availability_note")
    if len(note) > MAX_NOTE_CHARS:
        errors["availability_note"] = f"Please keep the note to {MAX_NOTE_CHARS} characters (it has {len(note)})."
    max_open_text = form.get("max_open") or str(DEFAULT_MAX_OPEN)
    max_open = numbers.int_or_none(max_open_text, 1, 99)
    if max_open not in MAX_OPEN_CHOICES:
        errors["max_open"] = "Please choose a number from 1 to 10."
    notifications = form.get("letter_notifications") or "immediately"
    if notifications not in dict(NOTIFICATION_CHOICES):
        errors["letter_notifications"] = "Please choose when to hear about new letters."
    if errors:
        return None, errors
    return {"bio": bio or None, "medication_classes": medications.in_list_order(chosen) or None,
            "stage": stage or None, "year_started": year,
            "open_to_new": form.get("open_to_new") == "yes",
            "availability_note": note or None, "max_open": max_open,
            "letter_notifications": notifications,
            "letters_in_full": form.get("letters_in_full") == "yes"}, {}


def save_profile(member, values, now=None):
    """Save the profile and move its Find-peers rows in one transaction.

    Only the edited fields are set (UpdateItem), so counters moved meanwhile by
    correspondence are kept.
    """
    now = now or clock.utcnow()
    before = profile_of(member.member_id)
    after = Profile(member_id=member.member_id, handle=member.handle, **values)
    old_rows, new_rows = listing.rows_for(before), listing.rows_for(after)
    actions = [getattr(Profile, name).set(value) if value is not None
               else getattr(Profile, name).remove() for name, value in values.items()]
    # A count that was never moved must exist for "open_count < max_open" conditions.
    actions += [Profile.handle.set(member.handle), Profile.updated_at.set(now),
                Profile.open_count.set(Profile.open_count | 0)]
    with writes.transaction() as transaction:
        transaction.update(Profile(member_id=member.member_id), actions=actions)
        for name, rank_key in old_rows - new_rows:
            transaction.delete(PeerListing(listing=name, rank_key=rank_key))
        for name, rank_key in new_rows - old_rows:
            transaction.save(PeerListing(listing=name, rank_key=rank_key,
                                         member_id=member.member_id))
    return profile_of(member.member_id)


def remove_profile(member_id):
    """Delete the profile and its listing rows (account deletion)."""
    profile = profile_of(member_id)
    with PeerListing.batch_write() as batch:
        for name, rank_key in listing.rows_for(profile):
            batch.delete(PeerListing(listing=name, rank_key=rank_key))
    Profile(member_id=member_id).delete()
