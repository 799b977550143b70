"""Transactions and conditional writes: open one, and tell a lost condition from a failure."""
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.models.base import shared_connection


def transaction():
    return TransactWrite(connection=shared_connection())


def condition_failed(error):
    """Did a conditional write fail on its condition (someone else got there first), rather
    than on throttling or a conflict? Works for a single write and for a transaction."""
    if isinstance(error, TransactWriteError):
        return any(reason is not None and getattr(reason, "code", None) == "ConditionalCheckFailed"
                   for reason in error.cancellation_reasons or [])
    return error.cause_response_code == "ConditionalCheckFailedException"
