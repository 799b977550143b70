"""What a new post sets in motion here, from the posts stream: the poster follows the
thread, and a reply may notify the thread's author at once.

Both are safe to repeat: following is a conditional put that an existing follow (or a
deliberate unfollow) wins, and the queue consumer claims each reply on the follow item
before sending (chalicelib/subscriptions/reply_notices.py), so a record delivered twice
sends one notice.
"""
from chalicelib.models.forum import Post
from chalicelib.subscriptions import follows, queue


def follow_poster(change):
    """posts stream: whoever posts in a thread follows it, unless they chose otherwise."""
    post = change.new
    if change.event_name != "INSERT":
        return None
    return follows.follow_by_default(post["author_id"], post["thread_id"],
                                     post["category_slug"],
                                     Post.created_at.deserialize(post["created_at"]))


def enqueue_reply_notice(change):
    """posts stream: hand a reply to the queue; the consumer checks who wants it."""
    post = change.new
    if change.event_name != "INSERT" or post["post_id"] == post["thread_id"] \
            or post.get("with_thread"):  # a shared letter published with its thread
        return 0
    return queue.enqueue([{"type": "reply", "thread_id": post["thread_id"],
                           "post_id": post["post_id"]}])
