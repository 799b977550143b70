"""The stack's bucket: the search index (docs/search.md), private, encrypted and kept.

CloudFormation names the bucket (``<stack>-searchbucket-<random>``: bucket names are global),
and the deploy hands that name to every function as LANTERN_SEARCH_BUCKET; the hand-written
policies in .chalice/ allow exactly that name pattern.
"""
from ops.deploy.messaging import KEEP

SEARCH_BUCKET = "SearchBucket"
SETTING = "LANTERN_SEARCH_BUCKET"


def private_bucket(expiry_rule):
    """An encrypted bucket no one outside the account reads, kept if the stack goes, whose
    objects expire by ``expiry_rule`` (a LifecycleConfiguration rule)."""
    return {
        "Type": "AWS::S3::Bucket",
        **KEEP,
        "Properties": {
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True, "BlockPublicPolicy": True,
                "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "LifecycleConfiguration": {"Rules": [expiry_rule]},
        },
    }


def storage_resources():
    # The index can always be rebuilt, but a stack mistake should not cost an outage (kept);
    # superseded change files and old index versions do not linger.
    return {SEARCH_BUCKET: private_bucket({"Id": "expire-leftover-changes", "Status": "Enabled",
                                           "Prefix": "changes/", "ExpirationInDays": 7})}


def environment(outputs):
    """The setting that names the bucket, from the stack's physical ids."""
    return {SETTING: outputs[SEARCH_BUCKET]}
