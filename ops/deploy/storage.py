"""The stack's bucket: the search index (docs/search.md), private, encrypted and kept.

CloudFormation names the bucket (``<stack>-searchbucket-<random>``: bucket names are global),
and the deploy hands that name to every function as LANTERN_SEARCH_BUCKET; the hand-written
policies in .chalice/ allow exactly that name pattern.
"""
from ops.deploy.messaging import KEEP

SEARCH_BUCKET = "SearchBucket"
SETTING = "LANTERN_SEARCH_BUCKET"


def storage_resources():
    return {
        SEARCH_BUCKET: {
            "Type": "AWS::S3::Bucket",
            # The index can always be rebuilt, but a stack mistake should not cost an outage.
            **KEEP,
            "Properties": {
                "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True, "BlockPublicPolicy": True,
                    "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
                "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
                # Superseded change files and old index versions do not linger.
                "LifecycleConfiguration": {"Rules": [{
                    "Id": "expire-leftover-changes", "Status": "Enabled",
                    "Prefix": "changes/", "ExpirationInDays": 7}]},
            },
        },
    }


def environment(outputs):
    """The setting that names the bucket, from the stack's physical ids."""
    return {SETTING: outputs[SEARCH_BUCKET]}
