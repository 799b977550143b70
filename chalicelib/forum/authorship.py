"""A member's threads and posts: read for export and the profile, rewritten on deletion.

On deletion the member chooses: their posts are removed (the text is gone, the place in
the thread shows "removed"), or kept under "former member". Either way nothing points
back to the account afterwards, and the member's "I hear you" reactions are taken back.
Reads use the threads_by_author and posts_by_author indexes. Registered as the forum's
member data in chalicelib/forum/wiring.py.
"""

from chalicelib.forum import reactions
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Post, Thread
from chalicelib.models import writes
from chalicelib.platform.members import FORMER_MEMBER_ID

FORMER_MEMBER_HANDLE = "former member"
REMOVED_TITLE = "(title removed by its author)"


def threads_of(member_id):
    """Every thread the member started, newest first (Query on threads_by_author)."""
    return list(Thread.threads_by_author.query(member_id, scan_index_forward=False))


def posts_of(member_id):
    """Every post of the member, oldest first: one index Query, then BatchGetItem."""
    keys = [(key.thread_id, key.post_id) for key in Post.posts_by_author.query(member_id)]
    return sorted(Post.batch_get(keys), key=lambda post: post.post_id) if keys else []



def forget_post(post, keep_posts):
    actions = [Post.author_id.set(FORMER_MEMBER_ID), Post.author_handle.set(FORMER_MEMBER_HANDLE)]
    if not keep_posts:
        actions += [Post.status.set("removed"), Post.body_source.set(""),
                    Post.body_html.set(""), Post.content_warning.remove()]
    # The version attribute makes each update conditional: re-read and retry if the post
    # was edited between the read and the write.
    for _attempt in range(5):
        if writes.applied(lambda: post.update(actions=actions)):
            return
        post.refresh(consistent_read=True)
    post.update(actions=actions)


def forget_thread(thread, keep_posts):
    actions = [Thread.author_id.set(FORMER_MEMBER_ID),
               Thread.author_handle.set(FORMER_MEMBER_HANDLE)]
    if not keep_posts:
        actions.append(Thread.title.set(REMOVED_TITLE))
        writes.applied(lambda: Category(CATEGORY_PARTITION, thread.category_slug).update(
            condition=Category.last_thread_id == thread.thread_id,
            actions=[Category.last_thread_title.set(REMOVED_TITLE)]))
    Thread(thread_id=thread.thread_id).update(actions=actions)


def forget_last_replies(posts):
    """Threads whose latest post is the member's show its author in lists: rename there."""
    latest = {}
    for post in posts:
        latest[post.thread_id] = max(post.post_id, latest.get(post.thread_id, ""))
    for thread_id, post_id in latest.items():
        writes.applied(lambda: Thread(thread_id=thread_id).update(
            condition=Thread.last_post_id == post_id,
            actions=[Thread.last_author_handle.set(FORMER_MEMBER_HANDLE)]))


def forget_author(member, keep_posts):
    """Detach every thread and post from ``member``; remove their text unless kept."""
    posts = posts_of(member.member_id)
    for post in posts:
        forget_post(post, keep_posts)
    forget_last_replies(posts)
    for thread in threads_of(member.member_id):
        forget_thread(thread, keep_posts)
    return len(posts)


def export_threads(member):
    return [{"thread_id": t.thread_id, "title": t.title, "category": t.category_slug,
             "created_at": t.created_at.isoformat()} for t in threads_of(member.member_id)]


def export_posts(member):
    return [{"thread_id": p.thread_id, "post_id": p.post_id, "created_at": p.created_at.isoformat(),
             "edited_at": p.edited_at.isoformat() if p.edited_at else None,
             "status": p.status, "content_warning": p.content_warning, "body": p.body_source}
            for p in posts_of(member.member_id)]


def export_member_data(member):
    """The member's threads, posts and reactions, for "export my data"."""
    return {"threads": export_threads(member), "posts": export_posts(member),
            "reactions": reactions.export_for(member)}


def delete_member_data(member, now, keep_posts):
    """Detach the member's threads and posts (their text gone unless kept), and take back
    every reaction they gave."""
    forget_author(member, keep_posts)
    reactions.forget_member(member)
