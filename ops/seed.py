"""The community's categories, and demo content for local runs. Safe to run twice.

The demo (ops/demo_story.py) is played through the same services members use, and each
part is looked for before it is written, so a second run, or a run over an older demo,
only adds what is missing.
"""
from datetime import datetime, time, timedelta, timezone
from decimal import Decimal

from chalicelib.care import milestones
from chalicelib.core import clock, passwords
from chalicelib.correspondence import answering, asking, letters
from chalicelib.forum import category_index, posting
from chalicelib.journal import entries, sharing, store
from chalicelib.models.correspondence import CorrespondenceLink
from chalicelib.models.forum import CATEGORY_PARTITION, Category
from chalicelib.platform import members
from chalicelib.profiles import editing
from ops import demo_story as story

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
DEMO_LOGINS = [handle for handle, _, _ in story.MEMBERS]


def seed_categories(now=None):
    """Create any missing category; never overwrites one an admin has edited. Builds the
    categories' index either way, so running it once on a forum from before the index
    gives its pages the index (chalicelib/forum/category_index.py)."""
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
    if created:
        category_index.changed()
    else:  # writes the same item again when it is up to date
        category_index.rebuild()
    return created


def seed_demo_content(now=None):
    """Demo members (password DEMO_PASSWORD) and a few months of life; what exists stays.

    :return: how many of each part were written ({} when everything was already there).
    """
    now = now or clock.utcnow()
    seed_categories(now)
    written = {}
    people = _members(now, written)
    threads = _threads(people, now, written)
    quiet = _profiles(people, now, written)
    _journal(people, threads, now, written)
    _correspondence(people, story.CORRESPONDENCE, now, written)
    _correspondence(people, story.REQUEST, now, written)
    _profiles(people, now, written, handles=quiet)
    return written


def _ago(now, days):
    return now - timedelta(days=days)


def _count(written, part):
    written[part] = written.get(part, 0) + 1


def _members(now, written):
    password_hash = None
    people = {}
    for handle, role, joined_days_ago in story.MEMBERS:
        people[handle] = members.member_by_handle(handle)
        if people[handle] is None:
            password_hash = password_hash or passwords.hash_password(DEMO_PASSWORD)
            people[handle] = members.create_member(
                handle, f"{handle}@example.org", password_hash,
                now=_ago(now, joined_days_ago), verified=True, role=role)
            _count(written, "members")
    return people


def _threads(people, now, written):
    """Each story thread by title, started (with its replies and marks) when missing."""
    found = {}
    for slug, author, title, body, days_ago, replies, mark in story.THREADS:
        mine = {t.title: t for t in sharing.own_threads(people[author].member_id, limit=100)}
        if title in mine:
            found[title] = mine[title]
            continue
        thread, _ = posting.start_thread(slug, people[author], title, body,
                                         now=_ago(now, days_ago))
        for replier, text, reply_days_ago in replies:
            posting.add_reply(thread, people[replier], text, now=_ago(now, reply_days_ago))
            thread.refresh(consistent_read=True)
        if title in story.PINNED:
            posting.set_pinned(thread, True)
        if mark:
            milestones.mark(thread, people[author], *mark, now=_ago(now, days_ago))
        found[title] = thread
        _count(written, "threads")
    return found


def _profiles(people, now, written, handles=None):
    """Peer profiles not yet saved (or, given ``handles``, those just saved again).

    They are first saved with letter emails off: the story's letters are history and
    nobody is emailed about them; the second pass then sets each member's own choice.
    :return: the handles saved.
    """
    saved = []
    for handle, values in story.PROFILES.items():
        fields = {key: value for key, value in values.items() if key != "years_ago"}
        fields["year_started"] = now.year - values["years_ago"]
        fields["availability_note"] = fields["availability_note"] or None
        if handles is None:
            if editing.profile_of(people[handle].member_id).updated_at is not None:
                continue
            fields["letter_notifications"] = "never"
            _count(written, "profiles")
        elif handle not in handles:
            continue
        editing.save_profile(people[handle], fields, now=now)
        saved.append(handle)
    return saved


def _journal(people, threads, now, written):
    """Juniper's months of doses and check-ins, shared on her introduction thread."""
    plan = story.JOURNAL
    owner = people[plan["member"]].member_id
    if store.load_outline(owner, consistent=True).medications:
        return
    started = _ago(now, plan["started_days_ago"])
    medication = entries.add_medication(owner, plan["medication"], plan["drug_class"],
                                        plan["unit"], started)
    for days_ago, dose, note in plan["doses"]:
        entries.add_dose_change(owner, medication.medication_id, _ago(now, days_ago).date(),
                                Decimal(dose), note, _ago(now, days_ago))
    entries.choose_symptoms(owner, plan["symptoms"], started)
    for days_ago in range(plan["started_days_ago"], 0, -1):
        if days_ago % 6 == 4:  # some days go unrecorded, as in any real journal
            continue
        day = _ago(now, days_ago).date()
        overall, sleep, scores = check_in_scores(days_ago, plan)
        entries.save_check_in(owner, day, overall, sleep, scores,
                              plan["notes"].get(days_ago, ""),
                              datetime.combine(day, time(21), timezone.utc),
                              published=False)  # until the sharing below, which draws it all
    intro = threads[story.THREADS[0][2]]
    sharing.update(owner, "members-chart", intro.thread_id, True, now)
    _count(written, "journals")


def check_in_scores(days_ago, plan):
    """A plausible day: harder for a couple of weeks after each cut, then easing."""
    wave = 0.0
    for cut_days_ago, strength in plan["wave_strength"].items():
        after = cut_days_ago - days_ago
        if 2 <= after <= 24:
            wave = max(wave, strength * max(0.0, 1 - abs(after - 8) / 12))
    wobble = ((days_ago * 7) % 5 - 2) / 10

    def level(value, low, high):
        return max(low, min(high, int(round(value))))

    overall, sleep = level(4.3 - 3 * wave + wobble, 1, 5), level(4 - 2.6 * wave - wobble, 1, 5)
    names = plan["symptoms"]
    scores = [(names[0], level(1 + 3 * wave + wobble, 0, 4)),
              (names[1], level(4 - sleep, 0, 4)),
              (names[2], level(3.5 * wave - 0.3, 0, 4)),
              (names[3], level(0.6 + 2.4 * wave - wobble, 0, 4))]
    return overall, sleep, scores


def _correspondence(people, plan, now, written):
    """A request (answered, with letters, when the plan has them) between two members."""
    asker, recipient = people[plan["asker"]], people[plan["recipient"]]
    try:
        CorrespondenceLink.get(asker.member_id, recipient.member_id, consistent_read=True)
        return
    except CorrespondenceLink.DoesNotExist:
        pass
    asked = _ago(now, plan["days_ago"])
    correspondence = asking.ask(asker, recipient, plan["intro"], now=asked)
    if plan.get("letters"):
        correspondence = answering.accept(recipient, correspondence,
                                       now=asked + timedelta(hours=6))
    for author, days_ago, body in plan.get("letters", []):
        letters.send_letter(people[author], correspondence, body, now=_ago(now, days_ago))
        correspondence.refresh(consistent_read=True)
    _count(written, "correspondences")
