"""Milestones: the author marks their own thread; a quiet badge and the /milestones list."""
from chalicelib.models.forum import Thread


def test_author_marks_a_milestone_and_it_is_listed(client, make):
    author = make.member()
    thread = make.thread(author=author, title="One year off sertraline")
    client.login(author)
    client.post(f"/t/{thread.thread_id}/milestone",
                {"milestone_kind": "milestone", "milestone_label": "one year off"})
    page = client.follow()
    assert page.soup.find(class_="badge-milestone").text == "Milestone: one year off"
    listed = client.get("/milestones")
    assert [a.text for a in listed.soup.select(".milestone-list .thread-title a")] == [
        thread.title]
    assert listed.soup.select_one(".milestone-list .badge-milestone") is not None


def test_unmarking_removes_it_from_the_list(client, make):
    author = make.member()
    thread = make.thread(author=author)
    client.login(author)
    client.post(f"/t/{thread.thread_id}/milestone", {"milestone_kind": "success"})
    client.post(f"/t/{thread.thread_id}/milestone", {"milestone_kind": "none"})
    assert Thread.get(thread.thread_id).milestone_feed is None
    assert client.get("/milestones").soup.select(".milestone-list li") == []


def test_only_the_author_may_mark(client, make):
    thread = make.thread()
    client.login(make.member())
    page = client.get(f"/t/{thread.thread_id}")
    assert page.soup.find(class_="milestone-form") is None
    refused = client.post(f"/t/{thread.thread_id}/milestone", {"milestone_kind": "success"})
    assert refused.status == 403 and Thread.get(thread.thread_id).milestone_kind is None


def test_a_too_long_label_is_shown_beside_the_field(client, make):
    author = make.member()
    thread = make.thread(author=author)
    client.login(author)
    long_label = "x" * 61
    page = client.post(f"/t/{thread.thread_id}/milestone",
                       {"milestone_kind": "milestone", "milestone_label": long_label})
    assert page.status == 400 and page.field_error("milestone_label")
    assert page.value_of("milestone_label") == long_label
