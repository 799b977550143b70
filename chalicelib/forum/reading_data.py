"""A member's read positions and saved posts in their export, and gone with their account."""
from chalicelib.core import clock
from chalicelib.models.readings import HORIZON_KEY, ReadingItem


def _items(member):
    return list(ReadingItem.query(member.member_id))


def export_member_data(member):
    items = _items(member)
    positions = [{"thread_id": item.thread_id, "last_read_post_id": item.last_read_id,
                  "read_at": clock.iso(item.read_at) if item.read_at else None}
                 for item in items if item.item_key.startswith("t#") and item.last_read_id]
    saved = sorted(({"thread_id": item.thread_id, "post_id": item.post_id,
                     "saved_at": clock.iso(item.saved_at)}
                    for item in items if item.item_key.startswith("s#")),
                   key=lambda entry: entry["saved_at"], reverse=True)
    horizon = next((clock.iso(item.read_at) for item in items
                    if item.item_key == HORIZON_KEY and item.read_at), None)
    return {"read_positions": positions, "saved_posts": saved,
            "marked_all_read_at": horizon}


def delete_member_data(member, now, keep_posts=False):
    """Delete every item of the member's partition (1 Query + 1 BatchWriteItem per 25);
    running it again finds nothing."""
    with ReadingItem.batch_write() as batch:
        for item in ReadingItem.query(member.member_id, attributes_to_get=["member_id",
                                                                           "item_key"]):
            batch.delete(item)
