"""Reading an incoming email: who sent it, to which address, and the new text in it.

Whatever arrives (broken MIME, an unknown charset, a 10 MB message, HTML with scripts)
gives an ``Incoming``, never an exception: a part that cannot be read is read as well as
it can, or marked unreadable. Quoted text and signatures are cut by mail-parser-reply;
HTML becomes plain text through nh3 with no tag allowed.
"""
import hashlib
import html
import logging
import re
from dataclasses import dataclass, field
from email import errors as mime_errors
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

import nh3
from mailparser_reply import EmailReplyParser

from chalicelib.core import text as clean

log = logging.getLogger("lantern.inbound")
# A reply is text: a bigger email carries pictures or attachments, and is read for its
# headers only (SES's own cap is 40 MB; Lambda should not parse that much).
MAX_MESSAGE_BYTES = 1_000_000
# Mail clients nest three or four multiparts; two hundred is an attack on the parser.
MAX_NESTING = 20
LANGUAGES = ["en", "de", "fr", "nl", "es", "it", "sv", "da", "pl"]
_BREAKS = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h[1-6]|/blockquote)\b[^>]*>", re.IGNORECASE)
_HIDDEN = {"script", "style", "blockquote", "head", "title"}
# A body that cannot be decoded as sent, or a message cut short: posting what could be
# guessed from it would put words in a member's mouth.
BROKEN = (mime_errors.InvalidBase64CharactersDefect, mime_errors.InvalidBase64PaddingDefect,
          mime_errors.InvalidBase64LengthDefect, mime_errors.StartBoundaryNotFoundDefect,
          mime_errors.CloseBoundaryNotFoundDefect, mime_errors.MultipartInvariantViolationDefect)


@dataclass
class Incoming:
    message_key: str
    sender: str = ""  # the bare From address in lower case; "" when unreadable
    recipients: list = field(default_factory=list)
    subject: str = ""
    text: str = ""  # the new text: quotes and signature cut
    whole_text: str = ""  # all the sender's text, to give back with a refusal
    has_attachments: bool = False
    too_large: bool = False
    unreadable: bool = False
    automatic: bool = False  # an out-of-office or other auto-reply (RFC 3834)


def message_key(message_id, raw):
    """What makes an email the same email twice: its Message-ID, else its bytes."""
    basis = message_id.strip().encode("utf-8", "replace") if message_id else raw
    return hashlib.sha256(basis).hexdigest()


def read(raw, recipients=None):
    """An ``Incoming`` for the raw bytes; ``recipients`` are the envelope's (SES, SMTP)."""
    too_large = len(raw) > MAX_MESSAGE_BYTES
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw, headersonly=too_large)
    except Exception:
        log.warning("an incoming email could not be parsed")
        return Incoming(message_key=message_key(None, raw), unreadable=True,
                        recipients=list(recipients or []))
    incoming = Incoming(message_key=message_key(_header(message, "Message-ID"), raw),
                        sender=parseaddr(_header(message, "From"))[1].strip().lower(),
                        recipients=list(recipients or _header_recipients(message)),
                        subject=clean.clean_line(_header(message, "Subject"))[:200],
                        too_large=too_large, automatic=is_automatic(message))
    if too_large:
        return incoming
    try:
        whole = clean.clean_block(_body_text(message)).strip()
        incoming.has_attachments = _has_attachments(message)
        broken = any(isinstance(defect, BROKEN) for part in message.walk()
                     for defect in part.defects)
    except Exception:
        log.warning("an incoming email's body could not be read")
        broken = True
    if broken:
        incoming.unreadable = True
        return incoming
    incoming.whole_text = whole
    incoming.text = new_text(whole)
    return incoming


def is_automatic(message):
    """An auto-reply must never become a letter, nor be answered (mail loops)."""
    submitted = _header(message, "Auto-Submitted").strip().lower()
    precedence = _header(message, "Precedence").strip().lower()
    return bool((submitted and submitted != "no") or precedence in ("bulk", "junk", "auto_reply")
                or _header(message, "X-Autoreply") or _header(message, "X-Autorespond"))


def _header(message, name):
    try:
        return str(message.get(name) or "")
    except Exception:  # a malformed header the email package cannot decode
        return ""


def _header_recipients(message):
    values = [_header(message, name) for name in ("To", "Cc", "Delivered-To")]
    return [address for _, address in getaddresses([value for value in values if value])
            if address]


def _body_text(message):
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = _decoded(part)
    return html_to_text(content) if part.get_content_type() == "text/html" else content


def _decoded(part):
    try:
        return part.get_content()
    except Exception:  # an unknown or lying charset: keep what can be read
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


def html_to_text(markup):
    """Text only: every tag goes, scripts, styles and quoted blocks with their content."""
    markup = _BREAKS.sub("\n", markup)
    cleaned = nh3.clean(markup, tags=set(), attributes={}, clean_content_tags=_HIDDEN)
    return html.unescape(cleaned)


def _has_attachments(part, in_related=False, depth=0):
    """A file or picture sent along; pictures inside an HTML body (a signature's logo)
    do not count, their HTML is read as text.

    :raise ValueError: for multiparts nested deeper than any mail client nests them.
    """
    if depth > MAX_NESTING:
        raise ValueError("multiparts nested too deep")
    if part.is_multipart():
        related = part.get_content_subtype() == "related"
        return any(_has_attachments(child, related, depth + 1) for child in part.iter_parts())
    if part.get_content_disposition() == "attachment":
        return True
    if part.get_content_maintype() == "text":
        return False
    return not in_related


def new_text(whole):
    """What the sender wrote this time: the quoted email, its header line and the
    signature cut; bottom-quoted lines left without a header are cut too."""
    try:
        parsed = EmailReplyParser(languages=LANGUAGES).read(whole)
        text = parsed.replies[0].body if parsed.replies else whole
    except Exception:
        log.warning("mail-parser-reply could not split an email")
        text = whole
    lines = text.rstrip().split("\n")
    while lines and (lines[-1].startswith(">") or not lines[-1].strip()):
        lines.pop()
    return "\n".join(lines).strip()
