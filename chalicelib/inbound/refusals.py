"""A reply that cannot be posted: a polite email back, with the text, so nothing is lost.

It goes only to a verified member's own address, never to whatever a From header says:
Lantern must not become a way to mail strangers.
"""
import logging

from chalicelib.platform import mailer

log = logging.getLogger("lantern.inbound")


class Refused(Exception):
    """The reply was not posted. ``reason`` is a short code for logs and tests; ``message``
    is what the member reads."""

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason
        self.message = message


def send_back(address, refused, text, subject="", path="/"):
    """Email ``refused.message`` and ``text`` to ``address``, with a link to ``path`` (the
    letters or the thread) to write on the site; a failure is logged (the raw email is
    still kept in the inbound bucket for 30 days)."""
    try:
        mailer.send(mailer.compose(
            address, "Your email reply was not posted on Lantern", "reply_refused",
            # RFC 3834: an out-of-office responder must not answer this one.
            headers={"Auto-Submitted": "auto-replied"},
            reason=refused.message, text=text, original_subject=subject, path=path))
        return True
    except Exception:
        log.exception("a refusal could not be sent")
        return False
