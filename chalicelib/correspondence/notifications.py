"""Telling a member a letter is waiting: at once, in a daily email, or never.

By default no email carries a letter's text or its writer's handle, only that a letter is
waiting: inboxes are shared, read over shoulders and kept for years. A member who turns on
"letters in full" gets each letter at once, whole, with a Reply-To that makes their reply
the next letter (chalicelib/inbound reads it).
"""
import logging
import time

from chalicelib.core import clock
from chalicelib.platform import mailer, members, reply_addresses
from chalicelib.models.profiles import DIGEST_DUE, Profile
from chalicelib.models import writes
from chalicelib.notifications import preferences
from chalicelib.profiles.editing import profile_of

log = logging.getLogger("lantern.jobs")


def _list_headers():
    """RFC 2919: mail filters can sort letter notices on their own."""
    return {"List-Id": mailer.list_id("letters", "Lantern letter notices")}


def choice_of(member_id):
    """'immediately', 'daily' or 'never': immediately for a member who asked for letters
    in full; else their letters choice in the notification settings, else their peer
    profile's (immediately when none was saved)."""
    profile = profile_of(member_id)
    if profile.letters_in_full:
        return "immediately"
    return preferences.letter_email_choice(member_id) \
        or profile.letter_notifications or "immediately"


def queue_for_digest(transaction, member_id):
    """Count a letter for the daily email, inside the letter's own transaction."""
    transaction.update(Profile(member_id=member_id),
                       actions=[Profile.letters_waiting.add(1),
                                Profile.digest_queue.set(DIGEST_DUE)])


def _address_of(member_id):
    member = members.get_member(member_id)
    if member is None or not member.email or not member.email_verified:
        return None
    return member.email


def _letter_in_full(address, member_id, correspondence, letter):
    headers = _list_headers()
    reply_to = reply_addresses.reply_address("letter", correspondence.correspondence_id,
                                             member_id)
    if reply_to:
        headers["Reply-To"] = reply_to
    return mailer.compose(address, f"A letter from {letter.author_handle} on Lantern",
                          "letter_in_full", headers=headers, letter=letter,
                          can_reply=bool(reply_to),
                          correspondence_id=correspondence.correspondence_id)


def send_now(member_id, correspondence, letter=None):
    """Email that a letter is waiting (or the letter itself, for a member who chose
    letters in full); a failure is logged, the letter is already safe."""
    address = _address_of(member_id)
    if not address:
        return False
    try:
        if letter is not None and profile_of(member_id).letters_in_full:
            message = _letter_in_full(address, member_id, correspondence, letter)
        else:
            message = mailer.compose(address, "A letter is waiting for you on Lantern",
                                     "letter_waiting", headers=_list_headers(),
                                     correspondence_id=correspondence.correspondence_id)
        mailer.send(message)
        return True
    except Exception:
        log.exception("letter notification failed")
        return False


def _claim(member_id, seen):
    """Take the waiting count for this run; False if another run took it first."""
    return writes.applied(lambda: Profile(member_id=member_id).update(
        condition=(Profile.digest_queue == DIGEST_DUE) & (Profile.letters_waiting == seen),
        actions=[Profile.digest_queue.remove(), Profile.letters_waiting.set(0)]))


def _unclaim(member_id, count):
    Profile(member_id=member_id).update(actions=[Profile.letters_waiting.add(count),
                                                 Profile.digest_queue.set(DIGEST_DUE)])


def send_letter_digests(now=None):
    """The daily job: one email per member with letters waiting. Safe to run twice.

    Reads the sparse index of members with letters waiting, so it costs nothing on a day
    without letters. Each member's count is claimed with a conditional write before the
    email goes out (a second run finds nothing), and put back if sending fails.
    """
    now = now or clock.utcnow()
    started = time.monotonic()
    sent = skipped = 0
    for entry in Profile.letter_digests_due.query(DIGEST_DUE):
        profile = Profile.get(entry.member_id, consistent_read=True)
        count = int(profile.letters_waiting or 0)
        if profile.digest_queue != DIGEST_DUE or not _claim(entry.member_id, count):
            skipped += 1
            continue
        address = _address_of(entry.member_id)
        if not count or profile.letter_notifications != "daily" or not address:
            skipped += 1
            continue
        try:
            mailer.send(mailer.compose(address, "Letters are waiting for you on Lantern",
                                       "letters_digest", headers=_list_headers(), count=count))
            sent += 1
        except Exception:
            log.exception("letter digest failed")
            _unclaim(entry.member_id, count)
    summary = {"job": "letter-digests", "sent": sent, "skipped": skipped,
               "took_ms": round((time.monotonic() - started) * 1000)}
    log.info("letter-digests finished", extra={"summary": summary})
    return summary
