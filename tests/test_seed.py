"""The demo seed: a living community written through the services, and safe to run twice."""
from datetime import timedelta

import boto3

from chalicelib.core import clock, config
from chalicelib.journal import store
from chalicelib.models.correspondence import CorrespondenceLink
from chalicelib.models.forum import Thread
from chalicelib.platform import members
from chalicelib.profiles import editing
from ops import demo_story, seed

NOW = clock.parse_iso("2026-11-30T10:00:00Z")


def every_item():
    """Every item of every Lantern table (a Scan is fine in a test, never in chalicelib)."""
    client = boto3.client("dynamodb")
    tables = [name for name in client.list_tables()["TableNames"]
              if name.startswith(config.settings.table_prefix)]
    found = {}
    for name in tables:
        items = client.get_paginator("scan").paginate(TableName=name, ConsistentRead=True)
        found[name] = sorted(repr(sorted(item.items())) for page in items
                             for item in page["Items"])
    return found


def test_seeding_twice_changes_nothing():
    first = seed.seed_demo_content(now=NOW)
    assert first["members"] == len(demo_story.MEMBERS)
    assert first["threads"] == len(demo_story.THREADS)
    assert first["correspondences"] == 2 and first["journals"] == 1
    before = every_item()
    assert seed.seed_demo_content(now=NOW + timedelta(days=3)) == {}
    assert every_item() == before


def test_the_demo_shows_a_living_community():
    seed.seed_demo_content(now=NOW)
    juniper, harbor, willow = (members.member_by_handle(h)
                               for h in ("juniper", "harbor", "willow"))
    journal = store.load_journal(juniper.member_id, consistent=True)
    assert [d.dose for d in journal.doses] == ["100", "90", "81", "73", "66"]
    assert len(journal.check_ins) > 90
    overall = {int(c.overall) for c in journal.check_ins}
    assert min(overall) <= 2 and max(overall) >= 4  # good days and hard days
    assert journal.settings.sharing == "members-chart" and journal.settings.intro_thread_id
    for member in (harbor, willow):
        profile = editing.profile_of(member.member_id)
        assert profile.open_to_new and profile.bio
        assert profile.letter_notifications == "immediately"  # quiet only while seeding
    link = CorrespondenceLink.get(willow.member_id, harbor.member_id)
    assert link.status == "open"
    assert CorrespondenceLink.get(juniper.member_id, willow.member_id).status == "requested"
    threads = list(Thread.threads_by_author.query(willow.member_id))
    assert any(t.milestone_kind == "milestone" for t in threads)
    [newcomer_thread] = Thread.threads_by_author.query(members.member_by_handle("fern").member_id)
    assert newcomer_thread.reply_count == 0
