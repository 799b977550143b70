"""Each email acts once: claimed by its Message-ID with a conditional put before it acts.

SES and SNS deliver at least once, and a sender may send the same message twice: the
second arrival finds the claim and does nothing. A failure while acting gives the claim
back, so the retry (Lambda's, then the async-failures queue) can act after all; a claim
left "handling" by a function that was stopped mid-way (a timeout) may be taken again
once it is older than any function runs.
"""
from datetime import timedelta

from chalicelib.models import writes
from chalicelib.models.inbound import InboundMail

# As long as the bucket keeps the raw email.
KEEP_FOR = timedelta(days=30)
# Far longer than the function's 60-second timeout (.chalice/config.json).
STALE_CLAIM = timedelta(minutes=15)


def claim(message_key, now):
    """:return: True if this is the first arrival of the email."""
    return writes.applied(lambda: InboundMail(
        message_key=message_key, outcome="handling", received_at=now,
        expires_at=now + KEEP_FOR).save(
            condition=InboundMail.message_key.does_not_exist()
            | ((InboundMail.outcome == "handling")
               & (InboundMail.received_at < now - STALE_CLAIM))))


def finish(message_key, outcome):
    InboundMail(message_key=message_key).update(actions=[InboundMail.outcome.set(outcome)])


def release(message_key):
    """Forget a claim whose email failed to act (it is retried)."""
    InboundMail(message_key=message_key).delete(condition=InboundMail.outcome == "handling")


def outcome_of(message_key):
    try:
        return InboundMail.get(message_key, consistent_read=True).outcome
    except InboundMail.DoesNotExist:
        return None
