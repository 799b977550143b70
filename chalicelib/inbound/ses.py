"""The deployed path: SES stores an incoming email in the inbound bucket and notifies the
inbound topic; this reads the notification, then the stored email, into the one handler.

SES's verdicts come first: a message SES marks as spam or a virus, or whose SPF, DKIM or
DMARC check fails, does nothing at all. At least SPF or DKIM must pass, since the sender's
address is what ties a reply to its member.
"""
import json
import logging

from chalicelib.core import aws
from chalicelib.inbound import handling

log = logging.getLogger("lantern.inbound")
PREFIX = "inbound/"  # where the receipt rule stores mail (ops/deploy/inbound.py)


def verdict_refusal(receipt):
    """Why SES's verdicts stop this email, or None when they let it through."""
    status = {name: (receipt.get(f"{name}Verdict") or {}).get("status", "")
              for name in ("spam", "virus", "spf", "dkim", "dmarc")}
    failed = sorted(name for name, value in status.items() if value == "FAIL")
    if failed:
        return "failed " + ", ".join(failed)
    if status["spam"] != "PASS" or status["virus"] != "PASS":
        return "spam or virus scan not passed"
    if "PASS" not in (status["spf"], status["dkim"]):
        return "neither SPF nor DKIM passed"
    return None


def handle_notification(message_text):
    """One SNS message from the inbound topic. :return: what the email became."""
    notification = json.loads(message_text)
    if notification.get("notificationType") != "Received":
        return {"result": "ignored", "reason": "not a received-mail notification"}
    receipt = notification.get("receipt") or {}
    refusal = verdict_refusal(receipt)
    if refusal:
        log.info("inbound mail stopped by SES verdicts", extra={"summary": {"why": refusal}})
        return {"result": "ignored", "reason": refusal}
    action = receipt.get("action") or {}
    key = action.get("objectKey") or ""
    if action.get("type") != "S3" or not key.startswith(PREFIX):
        return {"result": "ignored", "reason": "not stored by the inbound rule"}
    stored = aws.client("s3").get_object(Bucket=action["bucketName"], Key=key)
    return handling.handle(stored["Body"].read(), recipients=receipt.get("recipients"))
