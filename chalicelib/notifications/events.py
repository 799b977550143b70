"""The stream handlers: posts, threads, reactions, letters and blocks become notifications.

Each handler is idempotent (docs/streams.md): every notification is keyed by what it is
about (chalicelib/notifications/store.py), so a record handled twice adds nothing twice.
"""
from chalicelib.core import clock, markup
from chalicelib.models.correspondence import Correspondence
from chalicelib.models.forum import Post, Thread
from chalicelib.models.members import Member
from chalicelib.notifications import delivery, preferences, quotes, reads, store
from chalicelib.platform import mentions


def _get(model, *keys):
    try:
        return model.get(*keys)
    except model.DoesNotExist:
        return None


def notify(member_id, kind, ref, now, actor_id=None, group_id=None, restart=False, **fields):
    """Tell ``member_id`` unless they chose "off" or a block stands between them and the
    actor; email at once when they chose so. :return: True if something new was written."""
    member = _get(Member, member_id)
    choice = preferences.choice(member, kind) if member else "off"
    if choice == "off" or member_id == actor_id or store.blocked_either_way(member_id, actor_id):
        return False
    if group_id is None:
        added = store.add(member_id, ref, kind, now, actor_id=actor_id, **fields)
    else:
        added = store.add_to_group(member_id, ref, kind, group_id, now, restart=restart,
                                   actor_id=actor_id, **fields)
    if added and choice == "email" and kind != "letters":  # letters email on their own
        delivery.send_now(member, reads.get(member_id, ref))
    return added


def on_post(change):
    """A new or edited post: replies, mentions and quotes; a moderator's decision."""
    post, old = change.new, change.old
    if post is None:
        return
    now = clock.utcnow()
    # A post published with its thread (shared letters) answers no one: only its later
    # edits can name someone new.
    written = not post.get("with_thread") if old is None \
        else old.get("body_source") != post.get("body_source")
    if post.get("status") == "visible" and written:
        _post_written(post, old, now)
    decision = _decision(post, old)
    if decision:
        thread = _get(Thread, post["thread_id"])
        notify(post["author_id"], "moderation",
               f"mod#{post['post_id']}#{decision}#{post.get('version')}",
               now, thread_id=post["thread_id"], post_id=post["post_id"], detail=decision,
               thread_title=thread.title if thread else None)


def on_thread(change):
    """A moderator hiding or restoring a whole thread tells its author, once per hiding
    (the key names the hiding's time, which a restore reads from the old image)."""
    thread, old = change.new, change.old or {}
    if thread is None or change.event_name != "MODIFY":
        return
    if thread.get("withdrawn") == "hidden" and not old.get("withdrawn"):
        decision, hidden_at = "thread_hidden", thread.get("withdrawn_at")
    elif old.get("withdrawn") == "hidden" and not thread.get("withdrawn"):
        decision, hidden_at = "thread_restored", old.get("withdrawn_at")
    else:
        return
    notify(thread["author_id"], "moderation",
           f"modthread#{thread['thread_id']}#{decision}#{hidden_at}", clock.utcnow(),
           thread_id=thread["thread_id"], detail=decision, thread_title=thread.get("title"))


def _decision(post, old):
    if old is None or old.get("status") == post.get("status"):
        return None
    if post.get("status") == "hidden":
        return "hidden"
    if post.get("status") == "removed" and post.get("removed_by") == "moderator":
        return "removed"
    if post.get("status") == "visible" and old.get("status") == "hidden":
        return "restored"
    return None


def _post_written(post, old, now):
    """Each member told once per post, the strongest reason winning: a quote, a mention,
    then a reply to their thread (an edit only adds the members it newly names)."""
    thread = _get(Thread, post["thread_id"])
    if thread is None:
        return
    told = {}
    if old is None and post["post_id"] != post["thread_id"]:
        told[thread.author_id] = "reply"
    earlier = markup.mentioned_handles((old or {}).get("body_source"))
    for member_id in mentions.resolve(post["body_source"]).notified(post["author_id"], earlier):
        told[member_id] = "mention"
    already = set(quotes.quoted_posts((old or {}).get("body_source")))
    for thread_id, post_id in quotes.quoted_posts(post.get("body_source")):
        quoted = None if (thread_id, post_id) in already else _get(Post, thread_id, post_id)
        if quoted is not None:
            told[quoted.author_id] = "quote"
    for member_id, kind in told.items():
        notify(member_id, kind, f"post#{post['post_id']}", now, actor_id=post["author_id"],
               actor_handle=post["author_handle"], thread_id=post["thread_id"],
               post_id=post["post_id"], thread_title=thread.title)


def on_reaction(change):
    """"I hear you" given or taken back: the post's author's group of who heard them."""
    reaction = change.image
    thread_id, _, reactor_id = reaction["thread_member"].partition("#")
    post = _get(Post, thread_id, reaction["post_id"])
    if post is None or post.author_id == reactor_id:
        return
    ref = f"heard#{post.post_id}"
    if change.event_name == "REMOVE":
        store.remove_from_group(post.author_id, ref, reactor_id)
        return
    if change.event_name == "INSERT":
        thread = _get(Thread, thread_id)
        notify(post.author_id, "reactions", ref, clock.utcnow(), actor_id=reactor_id,
               group_id=reactor_id, thread_id=thread_id, post_id=post.post_id,
               thread_title=thread.title if thread else None)


def on_letter(change):
    """A letter sent: "letters waiting" for the other member (never the letter's text)."""
    if change.event_name != "INSERT" or change.new.get("status", "visible") != "visible":
        return
    letter = change.new
    correspondence = _get(Correspondence, letter["correspondence_id"])
    if correspondence is None or not correspondence.involves(letter["author_id"]):
        return
    other_id, _ = correspondence.other_of(letter["author_id"])
    notify(other_id, "letters", f"letters#{correspondence.correspondence_id}", clock.utcnow(),
           actor_id=letter["author_id"], group_id=letter["letter_id"], restart=True,
           actor_handle=letter["author_handle"],
           correspondence_id=correspondence.correspondence_id)


def on_block(change):
    """A block: what either member was told about the other goes, both ways."""
    if change.new is None:
        return
    blocker, blocked = change.new["blocker_id"], change.new["blocked_id"]
    for member_id, other_id in ((blocker, blocked), (blocked, blocker)):
        store.forget_between(member_id, other_id)
