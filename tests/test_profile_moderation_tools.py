"""A moderator who clicks a member's name finds the moderation tools on the public profile;
members and visitors never see them (issue 20, item 4)."""
from bs4 import BeautifulSoup


def _tools(page):
    return BeautifulSoup(page.text, "html.parser").find("section", class_="moderator-tools")


def test_a_moderator_sees_suspend_tools_on_the_public_profile(client, make):
    moderator, subject = make.member(role="moderator"), make.member()
    client.login(moderator)
    page = client.get(f"/u/{subject.handle}")
    tools = _tools(page)
    assert tools is not None
    form = tools.find("form", action=f"/mod/members/{subject.handle}/suspend")
    assert form is not None and form.find("select", id="days") is not None
    assert tools.find("a", href=f"/mod/members/{subject.handle}") is not None


def test_the_tools_work_from_the_profile(client, make):
    moderator, subject = make.member(role="moderator"), make.member()
    client.login(moderator)
    client.post(f"/mod/members/{subject.handle}/suspend",
                {"days": "3", "reason": "Cooling off after a heated thread."})
    tools = _tools(client.get(f"/u/{subject.handle}"))
    assert "Suspended until" in tools.get_text()
    assert tools.find("form", action=f"/mod/members/{subject.handle}/lift") is not None


def test_members_and_visitors_never_see_them(client, make):
    subject = make.member()
    assert _tools(client.get(f"/u/{subject.handle}")) is None
    client.login(make.member())
    assert _tools(client.get(f"/u/{subject.handle}")) is None
