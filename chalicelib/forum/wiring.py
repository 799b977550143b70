"""The forum's registrations: a composer's text outlives an ended session (web's CSRF
failure hook), a moved thread's posts follow it (threads stream), and the member data it
keeps (threads, posts, reactions)."""
from chalicelib.platform import member_data, streams
from chalicelib.web import hooks

hooks.csrf_failure.register("chalicelib.forum.draft_views:session_ended_page")
# A moved thread's posts follow it in batches (docs/streams.md).
streams.on_change("threads", "chalicelib.forum.thread_moves:on_thread_change")

member_data.register("forum", export="chalicelib.forum.authorship:export_member_data",
                     delete="chalicelib.forum.authorship:delete_member_data",
                     models=("Thread", "Post", "Reaction"))
member_data.register("reading", export="chalicelib.forum.reading_data:export_member_data",
                     delete="chalicelib.forum.reading_data:delete_member_data",
                     models=("ReadingItem",))
