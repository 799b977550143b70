"""One handler for every incoming email, from SES (chalicelib/inbound/ses.py) or from the
local SMTP server (ops/localinbound.py): what it became, as a small dict.

Order of the checks: an address Lantern reads (a reply token, or the list unsubscribe
address); the Message-ID not seen before (claimed with a conditional put); the member
whose verified address sent it, and the token's HMAC made for that member (so the From
is the token's member; platform/reply_addresses.py); then the email itself
(size, attachments, text); then the same services the site's forms call. Nothing raises
for a bad email; only an outage does, and then the claim is given back for the retry.
"""
import logging

from chalicelib.core import clock
from chalicelib.inbound import letters, mailbox, reading, refusals, threads
from chalicelib.inbound.refusals import Refused
from chalicelib.platform import members, reply_addresses
from chalicelib.subscriptions import subscribers, tokens

log = logging.getLogger("lantern.inbound")
DELIVER = {"letter": letters.deliver, "thread": threads.deliver}
# Where the member can write on the site instead.
PAGES = {"letter": "/letters/{}", "thread": "/t/{}"}


def handle(raw, recipients=None, now=None):
    """Act on one raw email once. :return: {"result": ..., "reason": ...}."""
    now = now or clock.utcnow()
    incoming = reading.read(raw, recipients)
    outcome = _act_once(incoming, now)
    log.info("inbound mail", extra={"summary": outcome})
    return outcome


def _target(incoming):
    for address in incoming.recipients:
        token = reply_addresses.reply_token(address)
        if token:
            return ("reply", token)
        token = reply_addresses.unsubscribe_token(address)
        if token:
            return ("unsubscribe", token)
    return None


def _act_once(incoming, now):
    target = _target(incoming)
    if target is None:
        return {"result": "ignored", "reason": "no address Lantern reads"}
    if not mailbox.claim(incoming.message_key, now):
        return {"result": "duplicate", "reason": "this Message-ID was handled before",
                "before": mailbox.outcome_of(incoming.message_key)}
    try:
        outcome = _unsubscribe(incoming, target[1]) if target[0] == "unsubscribe" \
            else _reply(incoming, target[1], now)
    except Exception:
        mailbox.release(incoming.message_key)
        raise
    mailbox.finish(incoming.message_key, f"{outcome['result']}:{outcome.get('reason', '')}")
    return outcome


def _unsubscribe(incoming, token):
    """The token names no one: the subscriber is the From address's, by email or as a
    member, and the token must have been made for them."""
    sender = incoming.sender
    member = members.member_by_email(sender) if sender else None
    candidates = ([subscribers.email_subscriber_id(sender)] if sender else []) + \
        ([subscribers.member_subscriber_id(member.member_id)] if member else [])
    for subscriber_id in candidates:
        if reply_addresses.unsubscribe_token_matches(token, subscriber_id) \
                and subscribers.unsubscribe(subscriber_id):
            return {"result": "unsubscribed", "reason": "list unsubscribe by mail"}
    return {"result": "ignored", "reason": "unsubscribe token not valid"}


def _reply(incoming, token, now):
    """The sender's verified address names the member; the token must have been made for
    them, which both checks its signature and that it came from the member it was sent to."""
    member = members.member_by_email(incoming.sender) if incoming.sender else None
    if member is None or not member.email or not member.email_verified:
        # Never mail an address that is not a verified member's: no text goes back.
        return {"result": "refused", "reason": "wrong-sender", "told": False}
    if incoming.automatic:
        return {"result": "ignored", "reason": "an automatic reply"}
    found = reply_addresses.read_reply_token(token, member.member_id)
    if found is None:
        return _not_theirs(member, incoming)
    kind, target_id = found
    try:
        _check_email(incoming)
        made = DELIVER[kind](member, target_id, incoming.text, now)
    except Refused as refused:
        sent = refusals.send_back(member.email, refused, incoming.text or incoming.whole_text,
                                  incoming.subject, PAGES[kind].format(target_id))
        return {"result": "refused", "reason": refused.reason, "told": sent}
    made_id = getattr(made, "letter_id", None) or made.post_id
    return {"result": kind, "reason": "posted", "id": made_id, "target": target_id}


def _check_email(incoming):
    if incoming.unreadable:
        raise Refused("unreadable", "We could not read the text of your email. Please try "
                                    "again as plain text, or write on the site.")
    if incoming.too_large:
        raise Refused("too-large", f"Your email was larger than Lantern reads "
                                   f"({reading.MAX_MESSAGE_BYTES // 1_000_000} MB): pictures "
                                   "and attachments make it so. Please send just the text.")
    if incoming.has_attachments:
        raise Refused("attachments", "Lantern does not take attachments or pictures by "
                                     "email. Please send your reply again as text alone.")
    if not incoming.text:
        raise Refused("empty", "We found no new text in your email, above the quoted "
                               "message. Please write your reply above it.")


def _not_theirs(member, incoming):
    """A reply address not made for the sender: sent to another member, altered, cut
    short, or of a format that never shipped. The sender is a verified member, so they get
    their text back, without a word of where the reply was meant to go."""
    refused = Refused("wrong-sender", "The reply address was not one Lantern made for your "
                                      "address: replies by email must come from the address "
                                      "the email was sent to, to its Reply-To unchanged.")
    told = refusals.send_back(member.email, refused, incoming.text or incoming.whole_text,
                              incoming.subject)
    return {"result": "refused", "reason": "wrong-sender", "told": told}
