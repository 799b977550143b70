"""One moto world shared by a whole test module: the tables, five members, and fresh objects
for the ids any route's path names (the forms to send: tests/helpers/route_forms.py). Used
by the route-table sweeps (authorization matrix, faults, arbitrary and hostile form text),
which ask every route in turn.

A module uses it by importing the fixtures: ``from helpers.worlds import aws, chalice_client,
world`` (``aws`` replaces conftest.py's per-test moto with the module's one).
"""
from datetime import timedelta
from decimal import Decimal

import moto
import pytest

from chalicelib.core import clock

from helpers import factories, resources
from helpers.web_client import WebClient

# Who sends a route's form, by the route's rule in the authorization matrix: the one member
# the rule lets through (tokens and public forms are sent by a visitor).
VISITOR_FOR_RULE = {"public": None, "token": None, "moderator": "moderator", "admin": "admin"}


@pytest.fixture(scope="module")
def world():
    """One moto AWS and the five members for the whole module."""
    from chalicelib.core import signing

    signing.signing_keys.cache_clear()
    with moto.mock_aws():
        resources.create()
        yield World()


@pytest.fixture(autouse=True)
def aws(world):
    """Replaces the per-test moto of conftest.py: the module shares ``world``'s."""
    yield


@pytest.fixture(scope="module")
def chalice_client(world):
    from chalice.test import Client

    from app import app
    from conftest import ROOT

    with Client(app, stage_name="test", project_dir=ROOT) as client:
        yield client


class World:
    def __init__(self):
        from chalicelib.journal import sharing

        # Joined a month ago: past the new-member limits, so a refusal is the rule's alone.
        joined = clock.utcnow() - timedelta(days=30)
        self.people = {
            "member": factories.member(handle="owner", now=joined),
            "other": factories.member(handle="stranger", now=joined),
            "moderator": factories.member(handle="warden", role="moderator", now=joined),
            "admin": factories.member(handle="keeper", role="admin", now=joined),
            "unverified": factories.member(handle="newleaf", verified=False, now=joined),
        }
        self.joined, self.asked = joined, 0
        open_to_letters(self.people["member"])
        sharing.update(self.people["member"].member_id, "members-all", None, False, joined)
        factories.category("support")

    def client(self, chalice_client, rule):
        """A client logged in as the member ``rule`` lets through (none for public forms)."""
        client = WebClient(chalice_client)
        visitor = VISITOR_FOR_RULE.get(rule, "member")
        if visitor:
            person = self.people[visitor]
            person.refresh()  # another route may have logged them out everywhere
            client.login(person)
        return client

    def ids_for(self, path, forms=None):
        """Fresh objects for the ids ``path`` names, owned by "member"; and a form to send
        (``forms[path]`` with what the objects add, such as the dose change to remove)."""
        from chalicelib.correspondence import answering, asking, letters
        from chalicelib.journal import entries
        from chalicelib.moderation import reports

        owner, now = self.people["member"], clock.utcnow()
        # A stranger to the owner for each route that needs one: one live request per pair,
        # three asked a day.
        peer = factories.member(now=self.joined) \
            if "/report" in path or "{correspondence_id}" in path else None
        form = dict((forms or {}).get(path, {}))
        ids = {"slug": "support", "handle": owner.handle, "token": "not-a-real-token",
               "name": "lantern.css"}
        if "{thread_id}" in path:
            thread = factories.thread(author=owner)
            ids["thread_id"] = ids["post_id"] = thread.thread_id
            if "/report" in path or path.startswith("/mod/reports"):
                # Reports are of someone else's post: the peer's reply.
                reply = factories.reply(thread, author=peer)
                ids["post_id"] = reply.post_id
                if path.startswith("/mod/reports"):
                    reports.file_report(owner, thread, reply, "spam", "", now)
        if "{medication_id}" in path:
            medication = entries.add_medication(owner.member_id, "sertraline", "ssris", "mg", now)
            ids["medication_id"] = medication.medication_id
            change = entries.add_dose_change(owner.member_id, medication.medication_id,
                                             now.date(), Decimal("50"), "", now)
            form["entry"] = change.item_key
        if "{correspondence_id}" in path:
            open_to_letters(owner)
            if path.endswith("/withdraw"):
                open_to_letters(peer)
                # Three asked a day: each request the owner makes is dated a day earlier.
                self.asked += 1
                correspondence = asking.ask(owner, peer, "Hello, could we write?",
                                            now=now - timedelta(days=self.asked))
            else:
                correspondence = asking.ask(peer, owner, "Hello, could we write?", now=now)
            if not path.endswith(("/accept", "/decline", "/withdraw")):
                correspondence = answering.accept(owner, correspondence, now=now)
                letter = letters.send_letter(peer, correspondence, "A letter.", now=now)
                ids["letter_id"] = letter.letter_id
                if path.startswith("/moderation/letters"):
                    reports_of_letters().report_letter(owner, letter, "Unkind.", now)
            ids["correspondence_id"] = correspondence.correspondence_id
        return ids, form


def open_to_letters(person):
    """Open to new correspondence, with room for all the sweeps open (far past the form's
    limit of 10: the limit is not what a sweep tests)."""
    from chalicelib.profiles import editing

    editing.save_profile(person, {
        "bio": None, "medication_classes": None, "stage": None, "year_started": None,
        "open_to_new": True, "availability_note": None, "max_open": 10**6,
        "letter_notifications": "never"})


def reports_of_letters():
    from chalicelib.correspondence import reports

    return reports
