"""A member's blocks, for "export my data" and account deletion (registered in wiring.py).

Only the blocks the member made are theirs. Blocks others made of them stay with those
members (keyed by the blocker, they are the blocker's data); a deleted account can no
longer post or write, so such a block simply has nothing left to hide. Reports, cases and
the audit log are the community's record of what moderators did and are kept.
"""
from chalicelib.models.moderation import Block


def export_member_data(member):
    return {"blocks": [{"handle": block.blocked_handle, "since": block.created_at.isoformat()}
                       for block in Block.query(member.member_id)]}


def delete_member_data(member, now, keep_posts):
    """Delete every block the member made (one Query, batched deletes)."""
    with Block.batch_write() as batch:
        for block in Block.query(member.member_id):
            batch.delete(block)
