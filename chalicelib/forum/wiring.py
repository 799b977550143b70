"""The forum's registrations: the member data it keeps (threads, posts, reactions)."""
from chalicelib.platform import member_data

member_data.register("forum", export="chalicelib.forum.authorship:export_member_data",
                     delete="chalicelib.forum.authorship:delete_member_data",
                     models=("Thread", "Post", "Reaction"))
