"""`python -m ops.cli upgrade-data` (and the deploy's last step before the smoke check):
every backfill in order, on data as an earlier version left it; a second run changes nothing."""
from chalicelib.models.forum import CATEGORY_INDEX_SLUG, CATEGORY_PARTITION, Category, Thread
from chalicelib.models.members import UniqueClaim
from ops import upgrades


def test_data_from_an_earlier_version_is_brought_up_to_date_once(make):
    juniper = make.member(handle="Juniper")
    thread = make.long_thread(replies=13)
    # As an earlier version left them: no categories' index, no page marks, a bare claim.
    Category(CATEGORY_PARTITION, CATEGORY_INDEX_SLUG).delete()
    thread.update(actions=[Thread.page_marks.remove(), Thread.page_marks_size.remove()])
    UniqueClaim.get("handle:juniper").update(actions=[UniqueClaim.joined_at.remove(),
                                                      UniqueClaim.handle.remove()])
    said = []
    upgrades.run(said.append)
    assert [line.partition(":")[0] for line in said] == [title for title, _ in
                                                         upgrades.UPGRADES]
    index = Category.get(CATEGORY_PARTITION, CATEGORY_INDEX_SLUG, consistent_read=True)
    assert index.index and index.revision == index.built_revision
    assert Thread.get(thread.thread_id, consistent_read=True).page_marks_size
    claim = UniqueClaim.get("handle:juniper")
    assert (claim.handle, claim.joined_at) == ("Juniper", juniper.created_at)
    assert "1 threads marked" in said[1]

    again = []
    upgrades.run(again.append)
    assert "0 threads marked" in again[1] and "0 journal cards" in again[3]
