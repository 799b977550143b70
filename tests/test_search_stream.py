"""The search index and the streams: a withdrawn thread (unpublished shared letters, or
hidden) leaves the index itself; one change file per stream batch, written again harmlessly;
results link to the post's permalink, which finds a post beyond page one."""
import json

import pytest

from chalicelib.core import clock, config
from chalicelib.correspondence import answering, asking, letters, sharing, unpublishing
from chalicelib.correspondence.share_forms import Choice
from chalicelib.forum import posting, reading, withdrawal
from chalicelib.models import writes
from chalicelib.platform import stream_batches, streams
from chalicelib.profiles import editing
from chalicelib.search import replica, store as stores
from ops.localstreams import StreamReader

PROFILE = {"bio": None, "medication_classes": None, "stage": None, "year_started": None,
           "open_to_new": True, "availability_note": None, "max_open": 3,
           "letter_notifications": "never"}


def indexed():
    """(post id, thread id) of every row the index holds, read as a searcher reads it."""
    replica.forget()
    return set(replica.connection().execute("select post_id, thread_id from docs").fetchall())


def indexed_threads():
    return {thread_id for _, thread_id in indexed()}


def change_files():
    return stores.default_store().list(replica.CHANGES_PREFIX)


def test_unpublished_shared_letters_leave_the_index(make, drain_streams):
    ash, birch = make.member(handle="ash"), make.member(handle="birch")
    editing.save_profile(birch, dict(PROFILE))
    make.category("support")
    correspondence = answering.accept(birch, asking.ask(ash, birch, "Hello, could we write?"))
    letter = letters.send_letter(ash, correspondence, "Clonazepam crossover, week two.")
    choice = Choice([letter.letter_id], {letter.letter_id: "Clonazepam crossover, week two."},
                    "Benzo letters", "support")
    sharing.propose(ash, correspondence, choice)
    correspondence.refresh(consistent_read=True)
    thread = sharing.approve(birch, correspondence, sharing.shares_of(correspondence)[0].share_id, 1)
    drain_streams()
    assert thread.thread_id in indexed_threads()

    unpublishing.unpublish(ash, correspondence.correspondence_id,
                           sharing.shares_of(correspondence)[0].share_id)
    drain_streams()
    assert thread.thread_id not in indexed_threads()
    # The letter never entered the index, as written or as shared.
    replica.forget()
    bodies = replica.connection().execute("select body from docs").fetchall()
    assert not any("Clonazepam" in body for (body,) in bodies)


def test_a_hidden_thread_leaves_the_index_and_its_later_edits_stay_out(make, drain_streams):
    thread = make.thread(title="Quetiapine nights", body="quetiapine and sleep")
    reply = make.reply(thread, body="quetiapine here too")
    assert {thread.thread_id, reply.post_id} <= {post_id for post_id, _ in indexed()}
    with writes.transaction() as transaction:
        withdrawal.withdraw_thread(transaction, thread, "hidden", clock.utcnow())
    drain_streams()
    assert thread.thread_id not in indexed_threads()
    # A post record handled after the withdrawal (an edit, a late delivery) finds the
    # thread withdrawn and stays out.
    from chalicelib.models.forum import Post

    Post(thread_id=thread.thread_id, post_id=reply.post_id).update(
        actions=[Post.body_html.set("<p>quetiapine edited</p>")], add_version_condition=False)
    drain_streams()
    assert thread.thread_id not in indexed_threads()


def test_one_change_file_per_stream_batch(make, drain_streams):
    author = make.member()
    make.category("support")
    thread, _ = posting.start_thread("support", author, "Lithium levels", "lithium first")
    thread = reading.get_thread(thread.thread_id, consistent=True)
    for number in range(4):
        posting.add_reply(thread, author, f"lithium reply {number}")
        thread = reading.get_thread(thread.thread_id, consistent=True)
    before = set(change_files())
    drain_streams()
    written = [json.loads(stores.default_store().read(key))
               for key in sorted(set(change_files()) - before)]
    # One for the posts batch (five posts), one for the threads batch at most.
    assert len(written) <= 2
    upserts = [change for batch in written for change in batch if change["op"] == "upsert"]
    assert len(upserts) == 5
    assert len(indexed()) == 5

    # The same batch delivered again (Lambda retried it): one more file, nothing changes.
    rows = indexed()
    event = StreamReader(tables=("posts",)).recorded_event("posts")
    assert stream_batches.handle_batch("posts", event) == {"batchItemFailures": []}
    assert indexed() == rows


def test_a_failing_batch_handler_fails_the_whole_batch(make, monkeypatch):
    make.thread(title="Any thread", body="any words")
    event = StreamReader(tables=("posts",)).recorded_event("posts")

    def broken(changes):
        raise RuntimeError("the store is down")

    monkeypatch.setattr(streams._batch_hooks["posts"], "targets", [broken])
    answer = stream_batches.handle_batch("posts", event)
    assert [failure["itemIdentifier"] for failure in answer["batchItemFailures"]] == [
        record["dynamodb"]["SequenceNumber"] for record in event["Records"]]


@pytest.fixture
def small_pages():
    original = config.settings.page_size
    config.override(page_size=5)
    yield 5
    config.override(page_size=original)


def test_a_result_links_to_the_post_on_its_own_page(client, make, small_pages):
    thread = make.thread(title="A long thread", body="opening words")
    for number in range(7):
        make.reply(thread, body="gabapentin at last" if number == 6 else f"reply {number}")
    page = client.get("/search?q=gabapentin")
    (link,) = page.soup.select(".search-hit .thread-title a")
    post_id = link["href"].rsplit("/", 1)[1]
    assert link["href"] == f"/t/{thread.thread_id}/p/{post_id}"
    found = client.get(link["href"])
    assert found.status == 303 and "page=2" in found.location
    assert found.location.endswith(f"#post-{post_id}")
    assert "gabapentin at last" in client.get(found.location.split("#")[0]).text


@pytest.fixture
def bucket(monkeypatch):
    import boto3

    boto3.client("s3", region_name="eu-west-1").create_bucket(
        Bucket="ranges-test", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    monkeypatch.setattr(stores, "MIN_PART_BYTES", 1000)
    return stores.S3Store("ranges-test")


def test_the_base_comes_in_ranges_bound_to_one_version(bucket, tmp_path, monkeypatch):
    data = bytes(range(256)) * 40  # 10,240 bytes: 8 ranges of 1,280
    bucket.put(replica.BASE_KEY, data)
    target = str(tmp_path / "copy.sqlite")
    version = bucket.download(replica.BASE_KEY, target)
    assert open(target, "rb").read() == data
    assert bucket.download(replica.BASE_KEY, target, version) == stores.UNCHANGED
    assert bucket.download("index/none.sqlite", target) is None

    # The base is replaced between the HEAD and the ranged GETs: they refuse the old
    # ETag, and the new base is fetched whole.
    newer = b"n" * 5000
    real_fetch, calls = bucket._fetch, []

    def replaced_meanwhile(key, path, head):
        calls.append(head["ETag"])
        if len(calls) == 1:
            bucket.put(replica.BASE_KEY, newer)
        return real_fetch(key, path, head)

    monkeypatch.setattr(bucket, "_fetch", replaced_meanwhile)
    fetched = bucket.download(replica.BASE_KEY, target)
    assert fetched not in (version, None, stores.UNCHANGED)
    assert open(target, "rb").read() == newer and len(calls) == 2
