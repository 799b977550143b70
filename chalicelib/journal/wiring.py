"""The journal's registrations: the member data it keeps."""
from chalicelib.platform import member_data

member_data.register("journal", export="chalicelib.journal.export:export_member_data",
                     delete="chalicelib.journal.export:delete_member_data",
                     models=("JournalItem",))
