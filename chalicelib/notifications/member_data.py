"""A member's notifications in "export my data", and gone with the account."""
from chalicelib.models.notifications import Notification
from chalicelib.notifications import entries, preferences, store


def export_member_data(member):
    found = list(Notification.query(member.member_id))
    texts = {shown.ref: shown for shown in entries.shown(member.member_id, found)}
    return {"notifications": {
        "choices": preferences.choices_of(member),
        "entries": [{"kind": entry.kind, "text": texts[entry.ref].text,
                     "link": texts[entry.ref].path, "read": entry.read_at is not None,
                     "at": entry.changed_at.isoformat()}
                    for entry in found if entry.ref in texts]}}


def delete_member_data(member, now, keep_posts):
    """Delete every notification the member has (one Query, batched deletes), and those
    that name them as the one who acted (the actor index); their "I hear you" leave the
    groups as the forum takes the reactions back (the reactions stream). The choices and
    the count go with the member item. Idempotent."""
    with Notification.batch_write() as batch:
        for entry in Notification.query(member.member_id):
            batch.delete(entry)
    for key in Notification.notifications_by_actor.query(member.member_id):
        entry = Notification(member_id=key.member_id, ref=key.ref)
        if key.ref.startswith("heard#"):
            store.remove_from_group(key.member_id, key.ref, member.member_id)
            store.forget_actor(entry)
        else:
            entry.delete()
