"""Consented private correspondence: asking, answering, letters, limits, privacy, safety."""
from datetime import timedelta

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from chalicelib.core import clock
from chalicelib.correspondence import answering, asking, letters, notifications, privacy, safety
from chalicelib.models.correspondence import Correspondence, Letter
from chalicelib.models.profiles import Profile
from chalicelib.profiles import editing

BASE = {"bio": None, "medication_classes": None, "stage": None, "year_started": None,
        "open_to_new": True, "availability_note": None, "max_open": 3,
        "letter_notifications": "immediately"}
SECRET = "my hidden letter text about the sertraline taper"


def sent_mail():
    return ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-1"].sent_messages


def set_profile(member, **values):
    return editing.save_profile(member, {**BASE, **values})


def as_member(client, member):
    client.logout()
    return client.login(member)


@pytest.fixture
def pair(make):
    """mentor is open to correspondence; seeker is not (and has no profile)."""
    mentor = make.member(handle="mentor")
    seeker = make.member(handle="seeker")
    set_profile(mentor)
    return mentor, seeker


def open_correspondence(mentor, seeker):
    correspondence = asking.ask(seeker, mentor, "Hello, could we write?")
    return answering.accept(mentor, correspondence)


def test_ask_accept_and_exchange_letters_through_the_pages(client, pair):
    mentor, seeker = pair
    as_member(client, seeker)
    page = client.post("/peers/mentor", {"intro": "Hello, I am three months off."})
    assert page.status == 303
    page = client.follow()
    path = page.soup.find("form", action=lambda a: a and a.endswith("/withdraw"))["action"][:-len("/withdraw")]
    assert "Waiting for mentor to answer" in page.text
    as_member(client, mentor)
    page = client.get("/letters")
    assert "seeker asked to correspond with you" in page.text
    page = client.get(path)
    assert "three months off" in page.text
    assert client.post(path + "/accept").status == 303
    assert client.post(path, {"body": "Welcome. *Slowly* is the way."}).status == 303
    as_member(client, seeker)
    page = client.get(path)
    assert page.soup.find("em", string="Slowly")
    assert client.post(path, {"body": "Thank you for writing."}).status == 303
    page = client.get(path)
    assert [a.get_text() for a in page.soup.select(".post-list .author")] == ["mentor", "You"]
    assert Profile.get(mentor.member_id).open_count == 1
    assert Profile.get(seeker.member_id).open_count == 1


def test_a_third_member_and_a_moderator_get_404(client, make, pair):
    mentor, seeker = pair
    correspondence = open_correspondence(mentor, seeker)
    letters.send_letter(mentor, correspondence, SECRET)
    path = f"/letters/{correspondence.correspondence_id}"
    letter = next(iter(Letter.query(correspondence.correspondence_id)))
    for outsider in (make.member(), make.member(role="moderator")):
        as_member(client, outsider)
        assert client.get(path).status == 404
        assert SECRET not in client.last.text
        page = client.post(path, {"body": "Sneaking in."})
        assert page.status == 404
        for action in ("accept", "decline", "pause", "end"):
            assert client.post(f"{path}/{action}").status == 404
        assert client.get(f"{path}/report/{letter.letter_id}").status == 404
    assert Letter.count(correspondence.correspondence_id) == 1
    assert Correspondence.get(correspondence.correspondence_id).status == "open"


def test_availability_off_refuses_requests_but_leaves_open_correspondence_alone(client, make, pair):
    mentor, seeker = pair
    correspondence = open_correspondence(mentor, seeker)
    set_profile(mentor, open_to_new=False)
    newcomer = make.member()
    as_member(client, newcomer)
    page = client.get("/peers/mentor")
    assert "not available for new correspondence right now" in page.text
    assert not page.soup.find("textarea", {"name": "intro"})
    page = client.post("/peers/mentor", {"intro": "Please write with me."})
    assert page.status == 409
    assert "not available for new correspondence right now" in page.text
    assert page.soup.find(id="kept-intro").get_text() == "Please write with me."
    assert not client.get("/peers").soup.select(".peer-card")
    letters.send_letter(seeker, correspondence, "Still here.")
    letters.send_letter(mentor, correspondence, "Me too.")
    assert Correspondence.get(correspondence.correspondence_id).letter_count == 2


def test_decline_is_quiet(client, pair):
    mentor, seeker = pair
    correspondence = asking.ask(seeker, mentor, "Hello?")
    path = f"/letters/{correspondence.correspondence_id}"
    as_member(client, mentor)
    page = client.post(path + "/decline")
    assert "You declined" in client.follow().text
    as_member(client, seeker)
    for page in (client.get(path), client.get("/letters")):
        text = page.text.lower()
        assert "not available right now" in text and "declin" not in text
    exported = privacy.export_for(seeker)
    assert exported["correspondences"][0]["status"] == "not available"
    page = client.post("/peers/mentor", {"intro": "Asking again."})
    assert page.status == 409 and "not available for new correspondence right now" in page.text
    assert "declin" not in page.text.lower()


def test_a_declined_asker_may_ask_again_after_a_month(pair):
    mentor, seeker = pair
    asked = clock.utcnow() - timedelta(days=40)
    answering.decline(mentor, asking.ask(seeker, mentor, "Hello?", now=asked), now=asked)
    assert asking.ask(seeker, mentor, "Hello again.").status == "requested"


def test_at_most_three_requests_a_day(client, make):
    seeker = make.member()
    mentors = [make.member() for _ in range(4)]
    for mentor in mentors:
        set_profile(mentor)
    as_member(client, seeker)
    for mentor in mentors[:3]:
        assert client.post(f"/peers/{mentor.handle}", {"intro": "Hi."}).status == 303
    page = client.post(f"/peers/{mentors[3].handle}", {"intro": "My fourth introduction."})
    assert page.status == 400
    assert "up to 3 members a day" in page.field_error("intro")
    assert page.value_of("intro") == "My fourth introduction."
    tomorrow = clock.utcnow() + timedelta(days=1)
    assert asking.ask(seeker, mentors[3], "Hi.", now=tomorrow).status == "requested"


def test_a_member_at_their_limit_cannot_be_asked_or_accept_more(make):
    mentor = make.member()
    set_profile(mentor, max_open=1)
    first, second, third = make.member(), make.member(), make.member()
    waiting = asking.ask(second, mentor, "Me too?")
    open_correspondence(mentor, first)
    with pytest.raises(asking.Refused, match="not available"):
        asking.ask(third, mentor, "Hello?")
    with pytest.raises(asking.Refused, match="at your limit"):
        answering.accept(mentor, waiting)
    assert Correspondence.get(waiting.correspondence_id).status == "requested"


def test_ending_frees_a_place(client, make):
    mentor = make.member()
    set_profile(mentor, max_open=1)
    seeker, later = make.member(), make.member()
    correspondence = open_correspondence(mentor, seeker)
    as_member(client, seeker)
    assert client.post(f"/letters/{correspondence.correspondence_id}/end").status == 303
    assert Profile.get(mentor.member_id).open_count == 0
    assert Profile.get(seeker.member_id).open_count == 0
    assert asking.ask(later, mentor, "Hello?").status == "requested"
    # Ending twice changes nothing (and never drives a count below zero).
    assert client.post(f"/letters/{correspondence.correspondence_id}/end").status == 409
    assert Profile.get(mentor.member_id).open_count == 0


def test_one_live_request_or_correspondence_per_pair(pair):
    mentor, seeker = pair
    set_profile(seeker)
    asking.ask(seeker, mentor, "Hi.")
    with pytest.raises(asking.Refused, match="already asked"):
        asking.ask(seeker, mentor, "Hi again.")
    with pytest.raises(asking.Refused, match="already asked to correspond with you"):
        asking.ask(mentor, seeker, "Hi from me.")


def test_introduction_length_and_self_requests(client, pair):
    mentor, seeker = pair
    as_member(client, seeker)
    page = client.post("/peers/mentor", {"intro": "y" * 2001})
    assert page.status == 400 and "2000 characters" in page.field_error("intro")
    assert page.value_of("intro") == "y" * 2001
    with pytest.raises(asking.Refused):
        asking.ask(mentor, mentor, "Hello me.")


def test_pause_stops_letters_and_the_draft_is_kept(client, pair):
    mentor, seeker = pair
    correspondence = open_correspondence(mentor, seeker)
    path = f"/letters/{correspondence.correspondence_id}"
    as_member(client, mentor)
    assert client.post(path + "/pause").status == 303
    as_member(client, seeker)
    page = client.post(path, {"body": "A long draft I must not lose."})
    assert page.status == 409
    assert "paused" in page.text
    assert "A long draft I must not lose." in page.soup.find(id="kept-body").get_text()
    assert client.post(path + "/resume").status == 409  # only the one who paused resumes
    as_member(client, mentor)
    assert client.post(path + "/resume").status == 303
    as_member(client, seeker)
    assert client.post(path, {"body": "A long draft I must not lose."}).status == 303


def test_an_empty_letter_is_a_field_error(client, pair):
    mentor, seeker = pair
    correspondence = open_correspondence(mentor, seeker)
    as_member(client, seeker)
    page = client.post(f"/letters/{correspondence.correspondence_id}", {"body": "   "})
    assert page.status == 400 and page.field_error("body")


def test_immediate_notification_carries_no_letter_text(pair):
    mentor, seeker = pair
    correspondence = open_correspondence(mentor, seeker)
    before = len(sent_mail())
    letters.send_letter(mentor, correspondence, SECRET)
    mails = sent_mail()[before:]
    assert len(mails) == 1
    raw = mails[0].raw_data
    assert "seeker@example.org" in mails[0].destinations
    assert "letter is waiting" in raw
    assert "hidden letter" not in raw and "sertraline" not in raw and "mentor" not in raw


def test_daily_notifications_are_one_idempotent_email(pair):
    mentor, seeker = pair
    set_profile(seeker, open_to_new=False, letter_notifications="daily")
    correspondence = open_correspondence(mentor, seeker)
    before = len(sent_mail())
    letters.send_letter(mentor, correspondence, SECRET)
    letters.send_letter(mentor, correspondence, "And another.")
    assert len(sent_mail()) == before
    summary = notifications.send_letter_digests()
    assert summary["sent"] == 1
    mails = sent_mail()[before:]
    assert len(mails) == 1 and "2 new letters are waiting" in mails[0].raw_data
    assert "hidden letter" not in mails[0].raw_data
    assert notifications.send_letter_digests()["sent"] == 0
    assert len(sent_mail()) == before + 1


def test_daily_job_runs_by_name(invoke, pair):
    mentor, seeker = pair
    set_profile(seeker, open_to_new=False, letter_notifications="daily")
    letters.send_letter(mentor, open_correspondence(mentor, seeker), "Hello.")
    response = invoke.lambda_.invoke("send_letter_digests",
                                     invoke.events.generate_cw_event(
                                         source="aws.events", detail_type="Scheduled Event",
                                         detail={}, resources=[]))
    assert response.payload["sent"] == 1


def test_never_means_no_email(pair):
    mentor, seeker = pair
    set_profile(seeker, open_to_new=False, letter_notifications="never")
    before = len(sent_mail())
    letters.send_letter(mentor, open_correspondence(mentor, seeker), "Hello.")
    notifications.send_letter_digests()
    assert len(sent_mail()) == before


def test_reporting_shows_moderators_that_letter_only(client, make, pair):
    mentor, seeker = pair
    correspondence = open_correspondence(mentor, seeker)
    reported = letters.send_letter(mentor, correspondence, "The letter being reported.")
    letters.send_letter(mentor, correspondence, "A private letter nobody reported.")
    path = f"/letters/{correspondence.correspondence_id}/report/{reported.letter_id}"
    as_member(client, seeker)
    assert "only this one" in client.get(path).text
    assert client.post(path, {"reason": "It frightened me."}).status == 303
    moderator = make.member(role="moderator")
    as_member(client, moderator)
    page = client.get("/moderation/letters")
    assert "The letter being reported." in page.text and "It frightened me." in page.text
    assert "nobody reported" not in page.text
    assert client.get(f"/letters/{correspondence.correspondence_id}").status == 404
    page = client.post(f"/moderation/letters/{correspondence.correspondence_id}/{reported.letter_id}",
                       {"decision": "remove"})
    assert page.status == 303
    assert "The letter being reported." not in client.follow().text
    assert Letter.get(correspondence.correspondence_id, reported.letter_id).status == "removed"
    as_member(client, make.member())
    assert client.get("/moderation/letters").status == 403


def test_blocking_ends_the_correspondence_and_refuses_requests_quietly(make, pair,
                                                                       drain_streams):
    from chalicelib.core import clock
    from chalicelib.moderation import blocks

    mentor, seeker = pair
    correspondence = open_correspondence(mentor, seeker)
    blocks.block(mentor, seeker, clock.utcnow())
    drain_streams()  # the correspondence ends from the blocks stream
    ended = Correspondence.get(correspondence.correspondence_id)
    assert (ended.status, ended.ended_reason) == ("ended", "blocked")
    assert Profile.get(mentor.member_id).open_count == 0
    assert not safety.end_after_block(mentor.member_id, seeker.member_id)
    with pytest.raises(asking.Refused, match="not available"):
        asking.ask(seeker, mentor, "Why?")


def test_export_has_own_letters_and_deletion_removes_them(pair):
    mentor, seeker = pair
    correspondence = open_correspondence(mentor, seeker)
    letters.send_letter(seeker, correspondence, "My own words.")
    letters.send_letter(mentor, correspondence, "The mentor's words.")
    exported = privacy.export_for(seeker)
    assert [letter["text"] for letter in exported["letters"]] == ["My own words."]
    assert exported["letters"][0]["to"] == "mentor"
    assert exported["correspondences"][0]["status"] == "open"
    assert privacy.delete_for(seeker) == 1
    remaining = [letter.body_source for letter in Letter.query(correspondence.correspondence_id)]
    assert remaining == ["The mentor's words."]
    after = Correspondence.get(correspondence.correspondence_id)
    assert (after.status, after.ended_reason, after.intro_source) == ("ended", "account_deleted", "")
    assert Profile.get(mentor.member_id).open_count == 0
    with pytest.raises(Profile.DoesNotExist):
        Profile.get(seeker.member_id)
