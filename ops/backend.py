"""Creating the AWS resources a local run or a test needs (tables, SES identity, ...)."""
from email.utils import parseaddr

import boto3

from chalicelib.core import config
from chalicelib.models import create_tables
from chalicelib.subscriptions import queue


def verify_sender():
    """SES (and moto) refuse to send from an unverified address."""
    address = parseaddr(config.settings.sender)[1]
    boto3.client("ses", region_name=config.settings.aws_region).verify_email_identity(
        EmailAddress=address)


def create_search_bucket():
    """The bucket the search index lives in, when the settings name one (tests)."""
    bucket = config.settings.search_bucket
    if bucket:
        region = config.settings.aws_region
        boto3.client("s3", region_name=region).create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})


def create_local_resources():
    create_tables()
    verify_sender()
    queue.create_local_queues()
    create_search_bucket()
