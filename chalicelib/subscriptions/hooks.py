"""What posting sets in motion here: the poster follows the thread, and a reply may notify
the thread's author at once. Called by chalicelib.forum.posting after its transaction."""
import logging

from chalicelib.subscriptions import follows, queue

log = logging.getLogger("lantern")


def after_post(author, thread, post, now):
    """Never fails the post: it is saved already, and an error page now would make the
    member think it was lost and post it again."""
    try:
        follows.follow_by_default(author.member_id, thread, now)
        if post.post_id != thread.thread_id and thread.author_id != author.member_id:
            # The consumer checks the author's preference; the request path only enqueues.
            queue.enqueue([{"type": "reply", "thread_id": thread.thread_id,
                            "post_id": post.post_id}])
    except Exception:
        log.exception("following or reply notice failed after post %s", post.post_id)
