"""Moderation's registrations: the member data it keeps (their blocks)."""
from chalicelib.platform import member_data

member_data.register("moderation", export="chalicelib.moderation.member_data:export_member_data",
                     delete="chalicelib.moderation.member_data:delete_member_data",
                     models=("Block",))
