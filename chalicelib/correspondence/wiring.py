"""Correspondence's registrations: a block ends the pair's correspondence, Unpublish on a
thread of shared letters, and the member data it keeps (with the peer profile)."""
from chalicelib.forum import hooks
from chalicelib.platform import member_data, streams

hooks.thread_page.register("chalicelib.correspondence.unpublishing:thread_page_context")

streams.on_change("blocks", "chalicelib.correspondence.safety:on_block_change")

# Before "correspondence": its deleter removes the links this one walks.
member_data.register("shared_letters",
                     export="chalicelib.correspondence.unpublishing:export_member_data",
                     delete="chalicelib.correspondence.unpublishing:delete_member_data",
                     models=("LetterShare",))
member_data.register("correspondence",
                     export="chalicelib.correspondence.privacy:export_member_data",
                     delete="chalicelib.correspondence.privacy:delete_member_data",
                     models=("Profile", "PeerListing", "Correspondence", "CorrespondenceLink",
                             "Letter"))
