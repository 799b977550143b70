"""Transactions and conditional writes: open one, and tell a lost condition from a failure.

A transaction cancelled only because another one touched the same items at the same instant
(``TransactionConflict``: a reply and a thread move, two reactions) is tried again a few
times after a short random pause, so members never see DynamoDB's conflict as an error page.
"""
import contextvars
import random
import time

from pynamodb.exceptions import DeleteError, PutError, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.models.base import shared_connection

# Tries of a transaction cancelled by conflicts only; pauses are random up to 25, 50, 100 ms
# ("full jitter"), so two requests that collided do not collide again in step.
CONFLICT_ATTEMPTS = 4
CONFLICT_PAUSE_SECONDS = 0.025
# Transactions committed in this request or job (web.responses tells a member whether
# something may already be saved when a later step fails).
_commits = contextvars.ContextVar("lantern_transactions_committed", default=0)


class ConflictRetryingWrite(TransactWrite):
    """PynamoDB's TransactWrite, committed again after a transaction conflict."""

    def _commit(self):
        for attempt in range(CONFLICT_ATTEMPTS):
            try:
                response = super()._commit()
            except TransactWriteError as error:
                if attempt == CONFLICT_ATTEMPTS - 1 or not only_conflicts(error):
                    raise
                time.sleep(random.uniform(0, CONFLICT_PAUSE_SECONDS * 2 ** attempt))
                continue
            _commits.set(_commits.get() + 1)
            return response


def transaction():
    return ConflictRetryingWrite(connection=shared_connection())


def commits():
    """How many transactions this request (or job) has committed so far."""
    return _commits.get()


def only_conflicts(error):
    """Was a transaction cancelled only because others were writing the same items?"""
    codes = {getattr(reason, "code", None) for reason in error.cancellation_reasons or []
             if reason is not None} - {"None", None}
    return codes == {"TransactionConflict"}


def condition_failed(error):
    """Did a conditional write fail on its condition (someone else got there first), rather
    than on throttling or a conflict? Works for a single write and for a transaction."""
    if isinstance(error, TransactWriteError):
        return any(reason is not None and getattr(reason, "code", None) == "ConditionalCheckFailed"
                   for reason in error.cancellation_reasons or [])
    return error.cause_response_code == "ConditionalCheckFailedException"


def applied(write):
    """Run ``write()``, one conditional put, update or delete: True if it wrote, False when
    its condition no longer held (someone else got there first); any other failure raises."""
    try:
        write()
    except (PutError, UpdateError, DeleteError) as error:
        if condition_failed(error):
            return False
        raise
    return True


def retried_on_lost_condition(attempt, tries):
    """``attempt()``, a read and writes conditioned on what it read, again (at most ``tries``
    times in all) while it fails only because another writer changed those items between
    its read and its write; any other failure raises at once."""
    for number in range(tries):
        try:
            return attempt()
        except (PutError, UpdateError, DeleteError, TransactWriteError) as error:
            if number == tries - 1 or not condition_failed(error):
                raise
