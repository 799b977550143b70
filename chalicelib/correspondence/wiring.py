"""Correspondence's registrations: a block ends the pair's correspondence, and the member
data it keeps (with the peer profile)."""
from chalicelib.platform import member_data, streams

streams.on_change("blocks", "chalicelib.correspondence.safety:on_block_change")

member_data.register("correspondence",
                     export="chalicelib.correspondence.privacy:export_member_data",
                     delete="chalicelib.correspondence.privacy:delete_member_data",
                     models=("Profile", "PeerListing", "Correspondence", "CorrespondenceLink",
                             "Letter"))
