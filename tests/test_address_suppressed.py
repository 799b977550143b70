"""Told, not silently dropped: a suppressed address shows a banner and can be re-confirmed."""
import json
import re
from email import message_from_string, policy

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from chalicelib.models.members import Member
from chalicelib.subscriptions import suppression


def bounce(address):
    suppression.handle_ses_notification(json.dumps({
        "notificationType": "Bounce",
        "bounce": {"bounceType": "Permanent", "feedbackId": "f-1",
                   "bouncedRecipients": [{"emailAddress": address}]}}))


def test_a_bounce_shows_a_banner_and_reconfirming_lifts_it(client, make):
    member = make.member(handle="river")
    client.login(member)
    assert client.get("/").soup.find(class_="address-banner") is None
    bounce("river@example.org")
    assert suppression.is_suppressed("river@example.org")
    for path in ("/", "/settings/greeter"):
        banner = client.get(path).soup.find(class_="address-banner")
        assert banner is not None and "stopped emailing you" in banner.text
    client.post("/settings/email/reconfirm", {})
    assert "sent a confirmation" in client.follow().text
    sent = ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-1"].sent_messages
    assert len(sent) == 1 and "river@example.org" in str(sent[0].destinations)
    text = message_from_string(sent[0].raw_data, policy=policy.default).get_body(
        ("plain",)).get_content()
    link = re.search(r"https://lantern\.test(/settings/email/reconfirm\?token=\S+)",
                     text).group(1)
    confirm_page = client.get(link)
    assert confirm_page.status == 200 and Member.get(member.member_id).email_suppressed
    confirmed = client.post(link, {})
    assert confirmed.status == 303, confirmed.text[:2000]
    assert "confirmed" in client.follow().text
    assert not suppression.is_suppressed("river@example.org")
    assert Member.get(member.member_id).email_suppressed is None
    assert client.get("/").soup.find(class_="address-banner") is None


def test_a_link_for_someone_else_does_nothing(client, make):
    from chalicelib.care import addresses

    other = make.member(handle="other")
    member = make.member(handle="mine")
    bounce("mine@example.org")
    client.login(member)
    token = addresses.reconfirm_token(other)
    refused = client.post(f"/settings/email/reconfirm?token={token}", {})
    assert refused.status == 400
    assert suppression.is_suppressed("mine@example.org")
