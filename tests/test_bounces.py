"""SES bounces and complaints through SNS: suppression, thresholds, duplicates."""
import json

from chalicelib.platform import mailer
from chalicelib.models.subscriptions import Suppression
from chalicelib.subscriptions import suppression
from helpers import outgoing


def bounce(kind, *addresses, feedback="feedback-1"):
    return json.dumps({
        "notificationType": "Bounce",
        "bounce": {"bounceType": kind, "bounceSubType": "General", "feedbackId": feedback,
                   "bouncedRecipients": [{"emailAddress": a, "status": "5.1.1"}
                                         for a in addresses]},
        "mail": {"messageId": "ses-message-1", "destination": list(addresses)}})


def complaint(*addresses):
    return json.dumps({
        "notificationType": "Complaint",
        "complaint": {"feedbackId": "complaint-1",
                      "complainedRecipients": [{"emailAddress": a} for a in addresses]},
        "mail": {"messageId": "ses-message-2"}})


def notify(invoke, message):
    event = invoke.events.generate_sns_event(message=message, subject="")
    return invoke.lambda_.invoke("ses_notifications", event).payload


def try_sending(to):
    return mailer.send(mailer.compose(to, "Hello", "confirm_subscription", link="x",
                                      frequency="weekly"))


def test_permanent_bounce_suppresses_every_recipient_at_once(invoke):
    result = notify(invoke, bounce("Permanent", "Gone@Example.org", "also@example.org"))
    assert result["suppressed"] == 2
    assert suppression.is_suppressed("gone@example.org")
    assert suppression.is_suppressed("Also <also@example.org>")
    assert try_sending("gone@example.org") is None
    assert try_sending("fine@example.org") is not None
    assert [m["To"] for m in outgoing.sent()] == ["fine@example.org"]


def test_complaint_suppresses_at_once_and_twice_is_harmless(invoke):
    notify(invoke, complaint("upset@example.org"))
    notify(invoke, complaint("upset@example.org"))
    item = Suppression.get("upset@example.org")
    assert item.suppressed and item.reason == "complaint"


def test_transient_bounces_count_toward_a_threshold_once_each(invoke):
    address = "full@example.org"
    notify(invoke, bounce("Transient", address, feedback="t-1"))
    duplicate = notify(invoke, bounce("Transient", address, feedback="t-1"))
    assert duplicate["duplicates"] == 1
    notify(invoke, bounce("Transient", address, feedback="t-2"))
    assert Suppression.get(address).transient_bounces == 2
    assert not suppression.is_suppressed(address)
    notify(invoke, bounce("Transient", address, feedback="t-3"))
    item = Suppression.get(address)
    assert item.suppressed and item.reason == "transient-bounces"


def test_deliveries_and_unknown_types_change_nothing(invoke):
    result = notify(invoke, json.dumps({"notificationType": "Delivery", "mail": {}}))
    assert result["suppressed"] == 0 and result["counted"] == 0
