"""The journal's registrations: signature cards and the introduction chart on the forum's
thread page, and the member data it keeps."""
from chalicelib.forum import hooks
from chalicelib.platform import member_data

hooks.thread_batch.register("chalicelib.journal.cards:thread_batch_part")
hooks.thread_page.register("chalicelib.journal.introduction:thread_page_context")

member_data.register("journal", export="chalicelib.journal.export:export_member_data",
                     delete="chalicelib.journal.export:delete_member_data",
                     models=("JournalItem",))
