"""Where the index's files live: a folder locally, an S3 bucket deployed.

Four operations only (download if changed, put, list, delete), so the index's home can
change without touching the index: a community that outgrows one file replaces the
engine (docs/search.md), not this interface.
"""
import os
import shutil

from chalicelib.core import config

UNCHANGED = "unchanged"
# A large object comes in up to PARTS ranges fetched side by side, none under MIN_PART_BYTES.
PARTS = 8
MIN_PART_BYTES = 8 * 1024 * 1024


class FolderStore:
    """Objects as files under ``root``; a version is the file's change time and size."""

    def __init__(self, root):
        self.root = root

    def _path(self, key):
        return os.path.join(self.root, *key.split("/"))

    def download(self, key, target, version=None):
        """Copy ``key`` to the file ``target`` unless its version is ``version``.

        :return: the new version, UNCHANGED, or None when there is no such object.
        """
        path = self._path(key)
        try:
            status = os.stat(path)
        except FileNotFoundError:
            return None
        current = f"{status.st_mtime_ns}-{status.st_size}"
        if current == version:
            return UNCHANGED
        shutil.copyfile(path, target)
        return current

    def read(self, key):
        with open(self._path(key), "rb") as source:
            return source.read()

    def put_file(self, key, source_path):
        os.makedirs(os.path.dirname(self._path(key)), exist_ok=True)
        # Written beside, then renamed: a reader never copies half a file.
        partial = self._path(key) + ".partial"
        shutil.copyfile(source_path, partial)
        os.replace(partial, self._path(key))

    def put(self, key, data):
        os.makedirs(os.path.dirname(self._path(key)), exist_ok=True)
        partial = self._path(key) + ".partial"
        with open(partial, "wb") as target:
            target.write(data)
        os.replace(partial, self._path(key))

    def list(self, prefix):
        folder = self._path(prefix.rstrip("/"))
        if not os.path.isdir(folder):
            return []
        return sorted(f"{prefix.rstrip('/')}/{name}" for name in os.listdir(folder)
                      if not name.endswith(".partial"))

    def delete(self, key):
        try:
            os.remove(self._path(key))
        except FileNotFoundError:
            pass


class S3Store:
    """Objects in one private bucket; a version is the object's ETag (conditional GET)."""

    def __init__(self, bucket):
        import boto3

        self.bucket = bucket
        self.client = boto3.client("s3", region_name=config.settings.aws_region)

    def download(self, key, target, version=None):
        """A HEAD conditional on ``version`` (304: nothing to fetch), then the object in
        up to PARTS byte ranges fetched side by side, each bound to the ETag the HEAD saw
        (a base replaced meanwhile is fetched again, whole).

        One S3 connection reads roughly 50-100 MB/s, so a large base index comes in
        parallel ranges (docs/search.md, "Measured").
        """
        from botocore.exceptions import ClientError

        for attempt in range(2):
            options = {"IfNoneMatch": version} if version else {}
            try:
                head = self.client.head_object(Bucket=self.bucket, Key=key, **options)
                self._fetch(key, target, head)
                return head["ETag"]
            except ClientError as error:
                code = error.response.get("Error", {}).get("Code")
                if code in ("304", "NotModified"):
                    return UNCHANGED
                if code in ("NoSuchKey", "404", "NotFound"):
                    return None
                if code not in ("412", "PreconditionFailed") or attempt:
                    raise

    def _fetch(self, key, target, head):
        from concurrent.futures import ThreadPoolExecutor

        size = int(head.get("ContentLength") or 0)
        part = max(MIN_PART_BYTES, -(-size // PARTS))
        ranges = [(start, min(start + part, size) - 1) for start in range(0, size, part)]

        def fetch(span):
            body = self.client.get_object(Bucket=self.bucket, Key=key, IfMatch=head["ETag"],
                                          Range=f"bytes={span[0]}-{span[1]}")["Body"]
            offset = span[0]
            for chunk in body.iter_chunks(1 << 20):
                os.pwrite(descriptor, chunk, offset)
                offset += len(chunk)

        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with ThreadPoolExecutor(max_workers=min(PARTS, max(len(ranges), 1))) as pool:
                list(pool.map(fetch, ranges))
        finally:
            os.close(descriptor)

    def read(self, key):
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def put_file(self, key, source_path):
        self.client.upload_file(source_path, self.bucket, key)

    def put(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def list(self, prefix):
        keys = []
        for page in self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix):
            keys.extend(item["Key"] for item in page.get("Contents", []))
        return sorted(keys)

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=key)


def default_store():
    if config.settings.search_bucket:
        return S3Store(config.settings.search_bucket)
    return FolderStore(config.settings.search_dir)
