"""`make run`'s inbound mail: an SMTP server on 127.0.0.1 (aiosmtpd) standing in for SES.

Every message any SMTP client delivers goes through chalicelib.inbound.handling, the
handler SES's notifications reach deployed (chalicelib/inbound/ses.py), with the envelope's
recipients as SES passes them. Each one is also written to the outbox folder with what it
became, so /dev/outbox shows what came in next to what was sent.
"""
import logging
import os
import socket

from aiosmtpd.controller import Controller

from chalicelib.core import clock, config

log = logging.getLogger("lantern.devserver")
# As SES: it receives up to 40 MB; Lantern itself reads only the headers of big messages.
MAX_SMTP_BYTES = 40 * 1024 * 1024
BECAME_HEADER = "X-Lantern-Became"


class InboundHandler:
    """aiosmtpd's DATA hook: hand the message to Lantern's one inbound handler."""

    async def handle_DATA(self, server, session, envelope):
        from chalicelib.inbound import handling

        raw = envelope.original_content or envelope.content
        try:
            outcome = handling.handle(raw, recipients=list(envelope.rcpt_tos))
        except Exception:
            log.exception("an incoming email failed; the client may send it again")
            return "451 Requested action aborted: error in processing"
        write_to_outbox(raw, outcome)
        return "250 Message accepted for delivery"


def became(outcome):
    """What an email became, in a few words (the outbox column)."""
    return ", ".join(f"{value}" for key, value in outcome.items()
                     if key in ("result", "reason", "id"))


def write_to_outbox(raw, outcome):
    """The received email, with one header saying what it became, as an .eml file."""
    folder = config.settings.outbox_dir
    if not folder:
        return None
    os.makedirs(folder, exist_ok=True)
    stamp = clock.iso(clock.utcnow()).replace(":", "-")
    path = os.path.join(folder, f"{stamp}-inbound-{os.urandom(4).hex()}.eml")
    note = f"{BECAME_HEADER}: {became(outcome)}\r\n".encode("ascii", "replace")
    with open(path, "wb") as handle:
        handle.write(note + raw)
    return path


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def start(host="127.0.0.1", port=0):
    """Start the SMTP server in its own thread; :return: the aiosmtpd controller
    (``controller.port``; ``controller.stop()`` ends it)."""
    controller = Controller(InboundHandler(), hostname=host, port=port or free_port(host),
                            data_size_limit=MAX_SMTP_BYTES, server_hostname="lantern.local")
    controller.start()
    return controller
