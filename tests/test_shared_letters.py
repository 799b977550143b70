"""Share our letters: propose, change, approve (only the version read), decline, publish,
unpublish from every page, and the member data it keeps."""
import pytest

from chalicelib.core import clock
from chalicelib.correspondence import answering, asking, letters, sharing, unpublishing
from chalicelib.correspondence.share_forms import Choice, Refused, text_field
from chalicelib.forum import reading, withdrawal
from chalicelib.models.correspondence import Correspondence, Letter, LetterShare
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Thread
from chalicelib.platform import member_data
from chalicelib.profiles import editing

PROFILE = {"bio": None, "medication_classes": None, "stage": None, "year_started": None,
           "open_to_new": True, "availability_note": None, "max_open": 3,
           "letter_notifications": "never"}
FIRST = "Dear Birch, my sister Anna drove me to the pharmacy in Leeds. Week 3 of the taper."
SECOND = "Dear Ash, the zaps faded after the fourth week. Hold on."
TITLE = "Two of us, tapering venlafaxine"


def corresponding_pair(make, first=FIRST, second=SECOND):
    """ash and birch correspond, with two letters, and a category to share them in."""
    ash, birch = make.member(handle="ash"), make.member(handle="birch")
    editing.save_profile(birch, dict(PROFILE))
    make.category("support", name="Support")
    correspondence = answering.accept(birch, asking.ask(ash, birch, "Hello, could we write?"))
    first_letter = letters.send_letter(ash, correspondence, first)
    second_letter = letters.send_letter(birch, correspondence, second)
    return ash, birch, fresh(correspondence), first_letter, second_letter


@pytest.fixture
def pair(make):
    return corresponding_pair(make)


def fresh(correspondence):
    return Correspondence.get(correspondence.correspondence_id, consistent_read=True)


def _login(client, member):
    client.logout()
    client.login(member)


def _path(correspondence, tail=""):
    return f"/letters/{correspondence.correspondence_id}/share{tail}"


def _form(first, second, first_text=None, title=TITLE):
    return {"letter": [first.letter_id, second.letter_id], "title": title, "category": "support",
            text_field(first.letter_id): first_text or first.body_source,
            text_field(second.letter_id): second.body_source}


def _proposal(correspondence):
    return sharing.shares_of(fresh(correspondence))[0]


def _choice(first, second, first_text):
    return Choice([first.letter_id, second.letter_id],
                  {first.letter_id: first_text, second.letter_id: second.body_source},
                  TITLE, "support")


def test_propose_with_a_redaction_then_the_other_approves_exactly_that_text(client, pair):
    ash, birch, correspondence, first, second = pair
    _login(client, ash)
    page = client.get(f"/letters/{correspondence.correspondence_id}")
    assert page.soup.find("a", string="Share our letters")
    redacted = FIRST.replace("Anna", "[name]").replace("Leeds", "[town]")
    assert client.post(_path(correspondence), _form(first, second, redacted)).status == 303
    page = client.follow()
    assert "Waiting for birch" in page.text
    assert not page.soup.find("button", string="Approve and publish")

    _login(client, birch)
    assert "A proposal to share some of these letters is waiting" in client.get(
        f"/letters/{correspondence.correspondence_id}").text
    page = client.get(_path(correspondence))
    preview = page.soup.select_one(".shared-preview").get_text(" ")
    assert "[name]" in preview and "Anna" not in preview and "Hold on." in preview
    assert client.post(_path(correspondence, "/approve"),
                       {"share": _proposal(correspondence).share_id, "version": "1"}).status == 303
    thread_page = client.follow()
    assert thread_page.status == 200
    text = thread_page.soup.get_text(" ")
    assert "Shared with both writers' permission" in text
    assert "ash and birch" in text and "[town]" in text and "Anna" not in text
    authors = [node.get_text(strip=True) for node in thread_page.soup.select(".post .author")]
    assert authors[:2] == ["ash", "birch"]
    # The letters themselves are untouched and still private.
    assert Letter.get(correspondence.correspondence_id, first.letter_id).body_source == FIRST
    share = _proposal(correspondence)
    assert share.status == "published" and fresh(correspondence).open_share_id is None


def test_a_published_thread_takes_replies_like_any_thread(client, make, pair):
    ash, birch, correspondence, first, second = pair
    sharing.propose(ash, correspondence, _choice(first, second, FIRST))
    thread = sharing.approve(birch, fresh(correspondence), _proposal(correspondence).share_id, 1)
    reader = make.member(handle="reader")
    _login(client, reader)
    page = client.post(f"/t/{thread.thread_id}/reply", {"body": "Thank you both for this."})
    assert page.status == 303
    assert "Thank you both" in client.get(f"/t/{thread.thread_id}").text


def test_any_change_needs_approval_again_and_approving_an_old_version_publishes_nothing(
        client, pair):
    ash, birch, correspondence, first, second = pair
    sharing.propose(ash, correspondence, _choice(first, second, FIRST))
    share = _proposal(correspondence)
    # birch opens version 1; meanwhile ash cuts a name: version 2.
    sharing.revise(ash, fresh(correspondence), share.share_id, 1,
                   _choice(first, second, FIRST.replace("Anna", "[name]")))
    _login(client, birch)
    page = client.post(_path(correspondence, "/approve"),
                       {"share": share.share_id, "version": "1"})
    assert page.status == 409
    assert "changed after you opened it" in page.text
    assert "[name]" in page.soup.select_one(".shared-preview").get_text(" ")
    assert _proposal(correspondence).status == "proposed"
    assert not list(Thread.threads_by_author.query(ash.member_id))
    # The service itself refuses too, even when the version check before it passed: the
    # write is conditional on the version (a change landing between read and write).
    with pytest.raises(Refused):
        sharing.approve(birch, fresh(correspondence), share.share_id, 1)
    # birch changes the title: now ash must approve version 3, and birch may not.
    sharing.revise(birch, fresh(correspondence), share.share_id, 2,
                   _choice(first, second, FIRST.replace("Anna", "[name]")))
    with pytest.raises(Refused):
        sharing.approve(birch, fresh(correspondence), share.share_id, 3)
    thread = sharing.approve(ash, fresh(correspondence), share.share_id, 3)
    assert Thread.get(thread.thread_id).shared_by == ["ash", "birch"]


def test_the_version_condition_decides_a_race_between_read_and_write(pair, monkeypatch):
    ash, birch, correspondence, first, second = pair
    sharing.propose(ash, correspondence, _choice(first, second, FIRST))
    share = _proposal(correspondence)
    real_build = sharing.publishing.build_thread

    def change_meanwhile(*args, **kwargs):
        # ash's edit commits after birch's read and check, before birch's write.
        LetterShare(correspondence_id=share.correspondence_id, share_id=share.share_id).update(
            actions=[LetterShare.version.add(1), LetterShare.title.set("Changed")])
        return real_build(*args, **kwargs)

    monkeypatch.setattr(sharing.publishing, "build_thread", change_meanwhile)
    with pytest.raises(Refused) as refused:
        sharing.approve(birch, fresh(correspondence), share.share_id, 1)
    assert "changed after you opened it" in refused.value.message
    assert _proposal(correspondence).status == "proposed"
    assert Category.get(CATEGORY_PARTITION, "support").thread_count == 0


def test_bad_proposals_keep_the_text_and_say_what_to_fix(client, pair):
    ash, birch, correspondence, first, second = pair
    _login(client, ash)
    form = _form(first, second, "   ", title="")
    form["category"] = "nowhere"
    page = client.post(_path(correspondence), form)
    assert page.status == 400
    assert "Give the thread a title." in page.text and "Choose a category." in page.text
    assert "This letter would be empty" in page.text
    assert SECOND in page.text  # kept in its field
    page = client.post(_path(correspondence), {"title": TITLE, "category": "support"})
    assert "Choose at least one letter" in page.text
    assert not sharing.shares_of(correspondence)


def test_one_open_proposal_and_decline_or_withdraw_closes_it(client, pair):
    ash, birch, correspondence, first, second = pair
    sharing.propose(ash, correspondence, _choice(first, second, FIRST))
    _login(client, birch)
    page = client.post(_path(correspondence), _form(first, second))
    assert page.status == 409 and "already a proposal" in page.text
    share = _proposal(correspondence)
    assert client.post(_path(correspondence, "/decline"), {"share": share.share_id}).status == 303
    assert _proposal(correspondence).status == "declined"
    assert fresh(correspondence).open_share_id is None
    # A declined proposal cannot be approved.
    with pytest.raises(Refused):
        sharing.approve(birch, fresh(correspondence), share.share_id, 1)
    # The proposer may withdraw their own.
    sharing.propose(birch, fresh(correspondence), _choice(first, second, FIRST))
    sharing.decline(birch, fresh(correspondence), _proposal(correspondence).share_id)
    assert fresh(correspondence).open_share_id is None


def test_a_stranger_sees_no_sharing_page(client, make, pair):
    ash, birch, correspondence, first, second = pair
    _login(client, make.member(handle="stranger"))
    assert client.get(_path(correspondence)).status == 404


def _everywhere(client, thread):
    """Every page a published thread shows on, as an anonymous reader: does it show?"""
    client.logout()
    pages = {"home": "/", "category": "/c/support", "unanswered": "/unanswered",
             "feed": "/feed", "category feed": "/c/support/feed", "profile": "/u/ash",
             "search": "/search?q=zaps"}
    return {name: thread.thread_id in text or TITLE in text for name, text in
            ((name, client.get(path).text) for name, path in pages.items())}


def test_unpublish_removes_the_thread_from_every_page_and_keeps_the_letters(client, make, pair):
    ash, birch, correspondence, first, second = pair
    sharing.propose(ash, correspondence, _choice(first, second, FIRST))
    thread = sharing.approve(birch, fresh(correspondence), _proposal(correspondence).share_id, 1)
    seen = _everywhere(client, thread)
    # Both writers' letters answer each other: not "unanswered".
    assert [name for name, shows in seen.items() if not shows] == ["unanswered"]
    assert client.get(f"/t/{thread.thread_id}").status == 200

    _login(client, birch)  # either writer, alone
    page = client.post(_path(correspondence, "/unpublish"),
                       {"share": _proposal(correspondence).share_id})
    assert page.status == 303
    assert "no longer shows anywhere" in client.follow().text
    seen = _everywhere(client, thread)
    assert [name for name, shows in seen.items() if shows] == []
    page = client.get(f"/t/{thread.thread_id}")
    assert page.status == 404 and "no longer public" in page.text
    assert client.get(f"/t/{thread.thread_id}/reply").status == 404
    stored = Thread.get(thread.thread_id, consistent_read=True)
    assert stored.withdrawn == "unpublished" and stored.list_key is None
    category = Category.get(CATEGORY_PARTITION, "support")
    assert category.thread_count == 0 and category.post_count == 0
    assert category.last_thread_title is None
    assert Letter.get(correspondence.correspondence_id, first.letter_id).body_source == FIRST
    assert _proposal(correspondence).status == "unpublished"
    # A second press changes nothing (and says so calmly).
    _login(client, ash)
    page = client.post(_path(correspondence, "/unpublish"),
                       {"share": _proposal(correspondence).share_id})
    assert page.status == 409 and "not published" in page.text
    assert Category.get(CATEGORY_PARTITION, "support").thread_count == 0


def test_withdrawal_takes_an_unanswered_thread_off_the_list_and_count(client, make, drain_streams):
    author = make.member(handle="quiet")
    thread = make.thread(author=author, title="Nobody answered yet")
    assert "Nobody answered yet" in client.get("/unanswered").text
    with withdrawal.writes.transaction() as transaction:
        withdrawal.withdraw_thread(transaction, reading.get_thread(thread.thread_id), "hidden",
                                   clock.utcnow())
    drain_streams()
    assert "Nobody answered yet" not in client.get("/unanswered").text
    assert Thread.get(thread.thread_id).unanswered is None


def test_member_data_exports_own_words_and_deletion_unpublishes(pair, make):
    ash, birch, correspondence, first, second = pair
    sharing.propose(ash, correspondence, _choice(first, second, "Ash's redacted letter"))
    thread = sharing.approve(birch, fresh(correspondence), _proposal(correspondence).share_id, 1)
    exported = member_data.export_all(birch)["shared_letters"]
    assert exported[0]["your_letters"] == [SECOND] and exported[0]["status"] == "published"
    unpublishing.delete_member_data(birch, clock.utcnow(), keep_posts=False)
    assert Thread.get(thread.thread_id, consistent_read=True).withdrawn == "unpublished"
    assert not sharing.shares_of(correspondence)
    unpublishing.delete_member_data(birch, clock.utcnow(), keep_posts=False)  # again: fine


def test_a_withdrawn_thread_is_in_no_digest(make):
    from datetime import timedelta

    from chalicelib.models import writes
    from chalicelib.subscriptions import digest_content

    now = clock.utcnow()
    thread = make.thread(title="Soon withdrawn")
    window = (now - timedelta(hours=1), now + timedelta(hours=1))

    def digest():
        return digest_content.build_digest(digest_content.SharedReads(window[0]), *window,
                                           categories=["support"])

    assert [found.thread_id for found, _ in digest().new_threads] == [thread.thread_id]
    with writes.transaction() as transaction:
        withdrawal.withdraw_thread(transaction, thread, "unpublished", now)
    assert digest().new_threads == []


def test_the_sharing_pages_pass_the_nu_html_checker(client, pair, tmp_path):
    from helpers import vnu

    if vnu.java() is None:
        pytest.skip("no java on this machine; the HTML check needs it")
    vnu.ensure_jar()
    ash, birch, correspondence, first, second = pair
    pages = {}
    _login(client, ash)
    pages["form"] = client.get(_path(correspondence)).text
    form = _form(first, second, " ", title="")
    pages["errors"] = client.post(_path(correspondence), form).text
    client.post(_path(correspondence), _form(first, second))
    pages["waiting"] = client.get(_path(correspondence)).text
    pages["letters"] = client.get(f"/letters/{correspondence.correspondence_id}").text
    _login(client, birch)
    pages["proposal"] = client.get(_path(correspondence)).text
    pages["editing"] = client.get(_path(correspondence) + "?edit=1").text
    client.post(_path(correspondence, "/approve"),
                {"share": _proposal(correspondence).share_id, "version": "1"})
    pages["thread"] = client.follow().text
    pages["published"] = client.get(_path(correspondence)).text
    client.post(_path(correspondence, "/unpublish"), {"share": _proposal(correspondence).share_id})
    pages["gone"] = client.get(f"/t/{_proposal(correspondence).thread_id}").text
    for name, html in pages.items():
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
    assert vnu.check_folder(str(tmp_path)) == {}


def test_each_writer_finds_unpublish_on_the_thread_itself(client, make, pair):
    ash, birch, correspondence, first, second = pair
    sharing.propose(ash, correspondence, _choice(first, second, FIRST))
    thread = sharing.approve(birch, fresh(correspondence), _proposal(correspondence).share_id, 1)
    _login(client, make.member(handle="reader"))
    assert not client.get(f"/t/{thread.thread_id}").soup.find("button", string="Unpublish")
    _login(client, ash)
    page = client.get(f"/t/{thread.thread_id}")
    form = page.soup.find("button", string="Unpublish").find_parent("form")
    fields = {field["name"]: field["value"] for field in form.find_all("input")}
    fields.pop("csrf_token", None)
    assert client.post(form["action"], fields).status == 303
    assert client.get(f"/t/{thread.thread_id}").status == 404


def test_a_new_writers_letter_meets_the_first_day_link_limit(client, pair):
    ash, birch, correspondence, first, second = pair  # both joined today
    links = " ".join(f"https://example.org/{number}" for number in range(6))
    _login(client, ash)
    page = client.post(_path(correspondence), _form(first, second, f"{FIRST} {links}"))
    assert page.status == 400 and "at most" in page.text and "links" in page.text
    assert not sharing.shares_of(correspondence)


def test_a_category_removed_before_approval_publishes_nothing(pair):
    ash, birch, correspondence, first, second = pair
    sharing.propose(ash, correspondence, _choice(first, second, FIRST))
    Category(CATEGORY_PARTITION, "support").delete()
    with pytest.raises(Refused) as refused:
        sharing.approve(birch, fresh(correspondence), _proposal(correspondence).share_id, 1)
    assert "category is no longer there" in refused.value.message
    assert _proposal(correspondence).status == "proposed"


def test_a_letter_removed_by_a_moderator_before_approval_publishes_nothing(pair):
    ash, birch, correspondence, first, second = pair
    sharing.propose(ash, correspondence, _choice(first, second, FIRST))
    Letter(correspondence_id=correspondence.correspondence_id, letter_id=second.letter_id).update(
        actions=[Letter.status.set("removed")])
    with pytest.raises(Refused) as refused:
        sharing.approve(birch, fresh(correspondence), _proposal(correspondence).share_id, 1)
    assert "moderator removed" in refused.value.message
    assert _proposal(correspondence).status == "proposed"
    assert Category.get(CATEGORY_PARTITION, "support").thread_count == 0
