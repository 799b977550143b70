"""One place to open a DynamoDB transaction and read why one was cancelled."""
from pynamodb.connection import Connection
from pynamodb.transactions import TransactWrite

from chalicelib import config


def transaction():
    return TransactWrite(connection=Connection(region=config.settings.aws_region))


def condition_failed(error):
    """True when a TransactWriteError was cancelled by a failed condition (someone won)."""
    reasons = [getattr(reason, "code", None) for reason in (error.cancellation_reasons or [])
               if reason]
    return "ConditionalCheckFailed" in reasons
