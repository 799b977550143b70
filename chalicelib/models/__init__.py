"""The data layer: every PynamoDB model, and creating their tables.

Only domain services import from here; views never build queries themselves.
"""
from chalicelib.models.digests import DigestSummary
from chalicelib.models.drafts import Draft
from chalicelib.models.forum import Category, Post, Thread
from chalicelib.models.correspondence import (Correspondence, CorrespondenceLink, Letter,
                                              LetterShare)
from chalicelib.models.inbound import InboundMail
from chalicelib.models.journal import JournalItem
from chalicelib.models.limits import RateWindow
from chalicelib.models.members import Member, Session, UniqueClaim
from chalicelib.models.profiles import PeerListing, Profile
from chalicelib.models.reactions import Reaction
from chalicelib.models.readings import ReadingItem
from chalicelib.models.moderation import AuditEntry, Block, Report, ReportedPost
from chalicelib.models.notifications import Notification
from chalicelib.models.subscriptions import Follow, Subscriber, Suppression
from chalicelib.models.tokens import Token

# Every table Lantern has; tables, backups, deploys and tests all read this list.
ALL_MODELS = [Category, Thread, Post, Member, UniqueClaim, Session, RateWindow]
ALL_MODELS += [Subscriber, Follow, Suppression]
ALL_MODELS += [Draft, Reaction]
ALL_MODELS += [Token]
# Peer profiles and private correspondence (issue 8).
ALL_MODELS += [Profile, PeerListing, Correspondence, CorrespondenceLink, Letter]
ALL_MODELS += [JournalItem]
# Letters shared with both writers' consent (issue 19).
ALL_MODELS += [LetterShare]
ALL_MODELS += [Report, ReportedPost, AuditEntry, Block]
# Email replies already handled (issue 19).
ALL_MODELS += [InboundMail]
ALL_MODELS += [Notification]
# Read positions and saved posts (issue 17).
ALL_MODELS += [ReadingItem]
# What digests read instead of every post (issue 16).
ALL_MODELS += [DigestSummary]


def create_tables(wait=False):
    """Create any missing table (local runs and tests); production tables come from infra/."""
    import boto3  # only local runs and tests need it: a page view never loads boto3

    for model in ALL_MODELS:
        if not model.exists():
            model.create_table(wait=wait)
            if model.ttl_attribute:
                # moto, like AWS, leaves TTL off until asked (docs/pitfalls.md #7).
                boto3.client("dynamodb", region_name=model.Meta.region).update_time_to_live(
                    TableName=model.Meta.table_name,
                    TimeToLiveSpecification={"Enabled": True,
                                             "AttributeName": model.ttl_attribute})
