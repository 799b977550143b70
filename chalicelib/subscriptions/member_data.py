"""A member's subscriptions and follows, for "export my data" and account deletion.

Registered as the subscriptions' member data in chalicelib/subscriptions/wiring.py.
"""
from chalicelib.models.digests import DigestSummary
from chalicelib.models.subscriptions import Follow, Subscriber, Suppression
from chalicelib.subscriptions import summaries
from chalicelib.subscriptions.subscribers import email_subscriber_id, member_subscriber_id
from chalicelib.platform.mailer import normalise


def export_member_data(member):
    """Digest preferences and followed threads (one GetItem, one Query)."""
    try:
        subscriber = Subscriber.get(member_subscriber_id(member.member_id))
        digest = {"frequency": subscriber.frequency, "status": subscriber.status,
                  "own_replies": subscriber.own_replies,
                  "categories": sorted(subscriber.categories or [])}
    except Subscriber.DoesNotExist:
        digest = None
    follows = [{"thread_id": f.thread_id, "following": f.following,
                "since": f.followed_at.isoformat()} for f in Follow.query(member.member_id)]
    return {"subscriptions": {"digest": digest, "follows": follows}}


def delete_member_data(member, now, keep_posts):
    """Delete the member's subscriber items, every follow, and any suppression of their
    address, so no row keeps the email (one Query, then deletes); take their member id and
    words out of the digest summaries of their recent threads (a Query on the marks)."""
    for mark in DigestSummary.marks_by_author.query(member.member_id):
        summaries.scrub_post(mark.key.removeprefix("post#"))
    Subscriber(subscriber_id=member_subscriber_id(member.member_id)).delete()
    if member.email:
        Subscriber(subscriber_id=email_subscriber_id(member.email)).delete()
        Suppression(email=normalise(member.email)).delete()
    with Follow.batch_write() as batch:
        for follow in Follow.query(member.member_id):
            batch.delete(follow)
