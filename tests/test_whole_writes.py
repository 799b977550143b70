"""Writes that land whole (issue 15 #7): the steps test_faults.py once found half-written."""
from datetime import timedelta
from decimal import Decimal

from chalicelib.core import clock
from chalicelib.journal import entries, sharing, store
from chalicelib.models.journal import DOSE_PREFIX, DoseChange, JournalItem


def test_removing_a_medication_with_more_doses_than_a_transaction_holds(make):
    member, now = make.member(), clock.utcnow()
    medication = entries.add_medication(member.member_id, "diazepam", "benzodiazepines", "mg",
                                        now)
    with JournalItem.batch_write() as batch:
        for number in range(150):
            day = (now - timedelta(days=number)).date().isoformat()
            batch.save(DoseChange(member_id=member.member_id,
                                  item_key=f"{DOSE_PREFIX}{day}#{number:03}",
                                  medication_id=medication.medication_id, day=day,
                                  dose=str(Decimal(150 - number) / 10), created_at=now))
    sharing.update(member.member_id, "members-all", None, True, now)
    assert store.load_outline(member.member_id, consistent=True).card.signature
    entries.remove_medication(member.member_id, medication.medication_id, now)
    journal = store.load_outline(member.member_id, consistent=True)
    assert journal.medications == [] and journal.doses == [] and journal.card is None


def test_a_post_edit_renames_the_thread_and_the_categorys_latest_line_together(client, make):
    from chalicelib.models.forum import CATEGORY_PARTITION, Category, Thread

    author = make.member(now=clock.utcnow() - timedelta(days=30))
    thread = make.thread(author=author, title="First title")
    client.login(author)
    page = client.post(f"/p/{thread.thread_id}/{thread.thread_id}/edit",
                       {"title": "Second title", "body": "New words", "version": "1",
                        "action": "post"})
    assert page.status == 303, page.text[:300]
    assert Thread.get(thread.thread_id).title == "Second title"
    assert Category.get(CATEGORY_PARTITION, "support").last_thread_title == "Second title"
    make.thread(title="A newer thread")  # now the latest line names another thread
    page = client.post(f"/p/{thread.thread_id}/{thread.thread_id}/edit",
                       {"title": "Third title", "body": "Newer words", "version": "2",
                        "action": "post"})
    assert page.status == 303 and Thread.get(thread.thread_id).title == "Third title"
    assert Category.get(CATEGORY_PARTITION, "support").last_thread_title == "A newer thread"
