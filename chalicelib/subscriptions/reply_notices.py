"""A reply to a member's own thread, emailed at once when they chose "immediate".

The reply path only enqueues; this runs in the queue consumer. The follow item records
the newest reply already notified, claimed before sending with a conditional update, so
a duplicate message sends nothing; a failed send puts the claim back and re-raises, so
the message is retried.
"""

from chalicelib.platform import mailer, members, reply_addresses
from chalicelib.models.forum import Post, Thread
from chalicelib.models.subscriptions import Follow
from chalicelib.models import writes
from chalicelib.subscriptions import digest_followed, follows, subscribers, tokens


def send_reply_notice(thread_id, post_id):
    """:return: sent | skipped."""
    try:
        thread = Thread.get(thread_id)
        post = Post.get(thread_id, post_id)
    except (Thread.DoesNotExist, Post.DoesNotExist):
        return "skipped"
    if post.author_id == thread.author_id:  # every reply is queued, even the author's own
        return "skipped"
    subscriber = subscribers.get_subscriber(subscribers.member_subscriber_id(thread.author_id))
    follow = follows.get_follow(thread.author_id, thread_id)
    author = members.get_member(thread.author_id)
    address = subscribers.address_of(subscriber, author) if subscriber else None
    if (address is None or subscriber.status != "active" or subscriber.own_replies != "immediate"
            or not (follow and follow.following) or post.status != "visible"):
        return "skipped"
    previous = follow.notified_through
    if not _claim(follow, post_id):
        return "skipped"
    headers = tokens.unsubscribe_headers(subscriber.subscriber_id, "replies")
    # Answering the notice by email posts a reply in the thread (chalicelib/inbound).
    reply_to = reply_addresses.reply_address("thread", thread_id, thread.author_id)
    if reply_to:
        headers["Reply-To"] = reply_to
    try:
        mailer.send(mailer.compose(
            address, f"New reply in “{thread.title}”", "reply_notice",
            headers=headers, can_reply=bool(reply_to) and thread.status == "open",
            thread=thread,
            item=digest_followed.item(post),
            unsubscribe_url=tokens.unsubscribe_url(subscriber.subscriber_id),
            preferences_url=tokens.preferences_url(subscriber.subscriber_id)))
    except Exception:
        _unclaim(follow, post_id, previous)
        raise
    return "sent"


def _claim(follow, post_id):
    return writes.applied(lambda: follow.update(
        condition=Follow.notified_through.does_not_exist() | (Follow.notified_through < post_id),
        actions=[Follow.notified_through.set(post_id)]))


def _unclaim(follow, post_id, previous):
    action = Follow.notified_through.set(previous) if previous \
        else Follow.notified_through.remove()
    follow.update(condition=Follow.notified_through == post_id, actions=[action])
