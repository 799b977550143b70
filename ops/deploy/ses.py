"""SES's bounces and complaints, routed to the bounce topic once SES trusts the sender."""
from email.utils import parseaddr


def route_notifications(ses, sender, topic_arn, say):
    """Point SES bounces and complaints of the sender's identity at the bounce topic.

    :return: False while SES has not verified the sender's domain or address.
    """
    address = parseaddr(sender)[1]
    domain = address.rpartition("@")[2]
    verified = ses.get_identity_verification_attributes(Identities=[domain, address])
    identity = next((name for name in (domain, address) if verified["VerificationAttributes"]
                     .get(name, {}).get("VerificationStatus") == "Success"), None)
    if identity is None:
        say(f"SES has not verified {domain} yet: verify it (README, 'First deploy'), "
            "then deploy again to route bounces and complaints")
        return False
    current = ses.get_identity_notification_attributes(Identities=[identity])[
        "NotificationAttributes"].get(identity, {})
    for kind in ("Bounce", "Complaint"):
        if current.get(f"{kind}Topic") != topic_arn:
            ses.set_identity_notification_topic(Identity=identity, NotificationType=kind,
                                                SnsTopic=topic_arn)
            say(f"{kind.lower()}s of {identity} now go to {topic_arn}")
        else:
            say(f"{kind.lower()}s of {identity} already go to the bounce topic")
    return True
