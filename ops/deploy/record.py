"""Chalice's record of what it deployed, kept in SSM as well as in `.chalice/deployed/`.

Chalice finds the REST API it made only through `.chalice/deployed/<stage>.json`; a deploy
from a fresh checkout without that file would create a second API. So the deploy keeps a
copy in a plain SSM parameter and restores it when the file is missing.
"""
import base64
import gzip
import json
import os

from botocore.exceptions import ClientError


def parameter_name(stage):
    return f"/lantern/{stage}/chalice-deployed"


def record_path(project_dir, stage):
    return os.path.join(project_dir, ".chalice", "deployed", f"{stage}.json")


def _pack(document):
    # gzip + base64 keeps the record far under a standard parameter's 4 KB (free tier).
    text = json.dumps(document, sort_keys=True, separators=(",", ":"))
    return base64.b64encode(gzip.compress(text.encode(), mtime=0)).decode("ascii")


def _stored(ssm, stage):
    try:
        return ssm.get_parameter(Name=parameter_name(stage))["Parameter"]["Value"]
    except ClientError as error:
        if error.response["Error"]["Code"] == "ParameterNotFound":
            return None
        raise


def restore(ssm, project_dir, stage):
    """Write the local record from SSM when this checkout has none.

    :return: True when it was restored.
    """
    path = record_path(project_dir, stage)
    if os.path.exists(path):
        return False
    stored = _stored(ssm, stage)
    if stored is None:
        return False
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(json.loads(gzip.decompress(base64.b64decode(stored))), handle, indent=2)
    return True


def save(ssm, project_dir, stage):
    """Copy the local record to SSM, unless SSM already holds the same.

    :return: True when SSM was written.
    """
    path = record_path(project_dir, stage)
    if not os.path.exists(path):
        return False
    with open(path, encoding="utf-8") as handle:
        packed = _pack(json.load(handle))
    if _stored(ssm, stage) == packed:
        return False
    ssm.put_parameter(Name=parameter_name(stage), Value=packed, Type="String", Overwrite=True,
                      Description="Chalice's record of Lantern's deployed resources "
                                  "(gzip, base64)")
    return True
