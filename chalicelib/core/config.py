"""Every setting Lantern reads, read once from the environment.

Only this module touches ``os.environ``; a test fails if a setting named in
``SETTINGS`` is missing from the README's configuration table.
"""
import os
from dataclasses import dataclass, fields, replace

LOCAL_STREAM_ARN = ("arn:aws:dynamodb:eu-west-1:123456789012:table/lantern-local-{table}"
                    "/stream/1970-01-01T00:00:00.000")
# (environment variable, default, what it is for). The README documents each.
SETTINGS = {
    "stage": ("LANTERN_STAGE", "local", "Deployment stage: local, test, dev or prod."),
    "table_prefix": ("LANTERN_TABLE_PREFIX", "lantern-local-", "Prefix of every DynamoDB table name."),
    "site_url": ("LANTERN_SITE_URL", "http://127.0.0.1:8000", "Public URL of the forum, used in emails."),
    "base_path": ("LANTERN_BASE_PATH", "", "Path prefix of every link ('/api' without a custom domain)."),
    "sender": ("LANTERN_SENDER", "Lantern <no-reply@lantern.invalid>", "From address of every email (an SES-verified identity)."),
    "secret": ("LANTERN_SECRET", "", "Signing keys, newest first, comma separated (local and tests)."),
    "secret_parameter": ("LANTERN_SECRET_PARAMETER", "", "SSM SecureString holding the signing keys (deployed stages)."),
    "stale_after_days": ("LANTERN_STALE_AFTER_DAYS", "30", "Days without a post after which a thread closes."),
    "page_size": ("LANTERN_PAGE_SIZE", "20", "Threads or posts per page."),
    "digest_hour": ("LANTERN_DIGEST_HOUR", "7", "UTC hour at which daily and weekly digests fall due."),
    "digest_queue_url": ("LANTERN_DIGEST_QUEUE_URL", "", "SQS queue the digest fan-out writes to."),
    "digest_queue_name": ("LANTERN_DIGEST_QUEUE_NAME", "lantern-local-digests", "Name of that queue (Chalice's SQS trigger)."),
    "bounce_topic_name": ("LANTERN_BOUNCE_TOPIC_NAME", "lantern-local-ses-events", "SNS topic SES posts bounces and complaints to."),
    "inbound_domain": ("LANTERN_INBOUND_DOMAIN", "reply.lantern.invalid", "Domain whose mail Lantern reads (its MX points at SES): reply addresses and the unsubscribe mailto; empty turns replies by email off."),
    "inbound_topic_name": ("LANTERN_INBOUND_TOPIC_NAME", "lantern-local-inbound-mail", "SNS topic SES notifies once it has stored an incoming email in the inbound bucket."),
    "outbox_dir": ("LANTERN_OUTBOX_DIR", "", "Local stage only: folder where every sent email is also written as .eml."),
    "rate_limits": ("LANTERN_RATE_LIMITS", "on", "'off' disables rate limits (tests switch them on explicitly)."),
    "search_bucket": ("LANTERN_SEARCH_BUCKET", "", "S3 bucket holding the search index (deployed); empty keeps it in LANTERN_SEARCH_DIR."),
    "search_dir": ("LANTERN_SEARCH_DIR", ".local/search", "Folder holding the search index when there is no bucket (local stage)."),
    "search_cache_dir": ("LANTERN_SEARCH_CACHE_DIR", "/tmp/lantern-search", "Where a search function keeps its copy of the index (Lambda's /tmp)."),
    "search_refresh_seconds": ("LANTERN_SEARCH_REFRESH_SECONDS", "10", "How often a warm search function looks for index changes."),
    "aws_region": ("AWS_REGION", "eu-west-1", "AWS region of every resource."),
    # The table streams' ARNs come from the stack (`make deploy` passes them on); the
    # placeholders only let app.py declare its stream functions locally and in tests.
    "posts_stream_arn": ("LANTERN_POSTS_STREAM_ARN", LOCAL_STREAM_ARN.format(table="posts"), "Stream of the posts table (its consumer runs posts' stream handlers)."),
    "threads_stream_arn": ("LANTERN_THREADS_STREAM_ARN", LOCAL_STREAM_ARN.format(table="threads"), "Stream of the threads table."),
    "blocks_stream_arn": ("LANTERN_BLOCKS_STREAM_ARN", LOCAL_STREAM_ARN.format(table="blocks"), "Stream of the blocks table."),
    "suppressions_stream_arn": ("LANTERN_SUPPRESSIONS_STREAM_ARN", LOCAL_STREAM_ARN.format(table="suppressions"), "Stream of the suppressions table."),
    "reactions_stream_arn": ("LANTERN_REACTIONS_STREAM_ARN", LOCAL_STREAM_ARN.format(table="reactions"), "Stream of the reactions table."),
    "letters_stream_arn": ("LANTERN_LETTERS_STREAM_ARN", LOCAL_STREAM_ARN.format(table="letters"), "Stream of the letters table."),
    "letter_shares_stream_arn": ("LANTERN_LETTER_SHARES_STREAM_ARN", LOCAL_STREAM_ARN.format(table="letter_shares"), "Stream of the letter_shares table."),
}


@dataclass(frozen=True)
class Settings:
    stage: str
    table_prefix: str
    site_url: str
    base_path: str
    sender: str
    secret: str
    secret_parameter: str
    stale_after_days: int
    page_size: int
    digest_hour: int
    digest_queue_url: str
    digest_queue_name: str
    bounce_topic_name: str
    inbound_domain: str
    inbound_topic_name: str
    outbox_dir: str
    rate_limits: bool
    posts_stream_arn: str
    threads_stream_arn: str
    blocks_stream_arn: str
    suppressions_stream_arn: str
    reactions_stream_arn: str
    letters_stream_arn: str
    letter_shares_stream_arn: str
    search_bucket: str
    search_dir: str
    search_cache_dir: str
    search_refresh_seconds: int
    aws_region: str

    @property
    def is_local(self):
        return self.stage == "local"

    @property
    def secure_cookies(self):
        # Browsers refuse Secure cookies over plain http; only `make run` serves http.
        return self.stage != "local"


def _convert(name, raw):
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if kind is int or kind == "int":
        return int(raw)
    if kind is bool or kind == "bool":
        return raw.strip().lower() not in ("off", "false", "0", "no")
    return raw


def load(environ=None):
    environ = os.environ if environ is None else environ
    values = {}
    for name, (variable, default, _doc) in SETTINGS.items():
        values[name] = _convert(name, environ.get(variable, default))
    values["base_path"] = values["base_path"].rstrip("/")
    values["site_url"] = values["site_url"].rstrip("/")
    return Settings(**values)


settings = load()


def override(**changes):
    """Replace settings for the rest of the process (tests and the local server)."""
    global settings
    settings = replace(settings, **changes)
    return settings


def table_name(short_name):
    return settings.table_prefix + short_name
