"""The signing secret: an SSM SecureString, generated on the first deploy and never replaced.

Replacing it would log every member out and void every link already emailed; rotation
is deliberate (prepend a new key, keep the old one, see chalicelib/core/signing.py).
"""
import secrets

from botocore.exceptions import ClientError


def ensure_signing_secret(ssm, name):
    """Create parameter ``name`` with a fresh random key unless it exists.

    :return: True when it was created now, False when it was already there.
    """
    try:
        ssm.get_parameter(Name=name)  # no decryption: its value is none of our business here
        return False
    except ClientError as error:
        if error.response["Error"]["Code"] != "ParameterNotFound":
            raise
    try:
        ssm.put_parameter(Name=name, Type="SecureString", Overwrite=False,
                          Value=secrets.token_urlsafe(48),
                          Description="Lantern signing keys, newest first, comma separated")
    except ClientError as error:  # another deploy created it between our two calls
        if error.response["Error"]["Code"] != "ParameterAlreadyExists":
            raise
        return False
    return True
