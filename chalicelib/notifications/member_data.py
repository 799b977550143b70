"""A member's notifications in "export my data", and gone with the account."""
from chalicelib.models.notifications import Notification
from chalicelib.notifications import entries, preferences


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
    """Delete every notification the member has (one Query, batched deletes); the choices
    and count go with the member item. Idempotent."""
    with Notification.batch_write() as batch:
        for entry in Notification.query(member.member_id):
            batch.delete(entry)
