"""The community's categories, and demo content for local runs. Safe to run twice."""
from datetime import timedelta

from chalicelib.core import clock, passwords
from chalicelib.platform import members
from chalicelib.forum import posting
from chalicelib.models.forum import CATEGORY_PARTITION, Category

CATEGORIES = [
    ("introductions", "Introductions and taper journals",
     "Say hello and tell your story. Your taper journal's chart can sit under your introduction."),
    ("withdrawal-support", "Withdrawal support",
     "Struggling right now? Ask for support; others have been where you are."),
    ("symptoms-coping", "Symptoms and coping",
     "Practical ways members cope with withdrawal symptoms, day by day."),
    ("reframing", "Reframing and meaning",
     "Making sense of the experience: hope, meaning and ways of seeing it."),
    ("recovery-stories", "Recovery and success stories",
     "Stories from those further along. Hope is what this community runs on."),
    ("resources", "Resources",
     "Tapering guides, research and other well-sourced material."),
    ("community", "Community and off-topic",
     "Everything else: gentle distractions, small joys, getting to know each other."),
]

DEMO_PASSWORD = "lantern-demo-password"
DEMO_MEMBERS = [("keeper", "admin"), ("willow", "moderator"), ("juniper", "member"),
                ("harbor", "member")]
DEMO_THREADS = [
    ("introductions", "juniper", "Hello from month four of a slow taper",
     "Hi everyone. I'm four months into tapering **sertraline** by about 10% a month.\n\n"
     "Some days are fine, others are a fog. Reading here has helped more than I can say.",
     [("harbor", "Welcome, juniper. Month four was hard for me too. Holding for a while "
                 "when the waves come is always allowed.")]),
    ("recovery-stories", "harbor", "Two years off: what helped me",
     "Two years ago I finished a long clonazepam taper. It was not linear.\n\n"
     "- Small cuts, with holds when needed\n- Walking a little every day\n"
     "- Writing here when I could not talk to anyone else\n\nIt does get better.",
     [("juniper", "Thank you for writing this. I needed it today.")]),
    ("resources", "willow", "Round-up: tapering guides and reading",
     "A pinned list of well-sourced material about tapering slowly. "
     "Suggestions welcome in the replies.", []),
]


def seed_categories(now=None):
    """Create any missing category; never overwrites one an admin has edited."""
    from pynamodb.exceptions import PutError

    now = now or clock.utcnow()
    created = 0
    for position, (slug, name, description) in enumerate(CATEGORIES):
        try:
            Category(CATEGORY_PARTITION, slug, name=name, description=description,
                     position=position).save(condition=Category.slug.does_not_exist())
            created += 1
        except PutError:
            continue
    return created


def seed_demo_content(now=None):
    """Demo members (password DEMO_PASSWORD) and a few threads, once."""
    now = now or clock.utcnow()
    seed_categories(now)
    if members.member_by_handle(DEMO_MEMBERS[0][0]):
        return False
    password_hash = passwords.hash_password(DEMO_PASSWORD)
    demo = {}
    for handle, role in DEMO_MEMBERS:
        demo[handle] = members.create_member(handle, f"{handle}@example.org", password_hash,
                                             now=now - timedelta(days=60), verified=True,
                                             role=role)
    for index, (slug, author, title, body, replies) in enumerate(DEMO_THREADS):
        started = now - timedelta(days=3 - index, hours=2)
        thread, _ = posting.start_thread(slug, demo[author], title, body, now=started)
        for offset, (replier, text) in enumerate(replies, start=1):
            posting.add_reply(thread, demo[replier], text, now=started + timedelta(hours=offset))
            thread.refresh(consistent_read=True)
        if slug == "resources":
            posting.set_pinned(thread, True)
    return True
