"""The permission checks on their own: one signature each, the request first."""
import pytest

from chalicelib.core import errors
from chalicelib.platform import rendering
from chalicelib.web import permissions


def request_of(member):
    """A request whose visitor is already loaded (as sessions.load_visitor caches it)."""
    class Request:
        _lantern_visitor = type("Visitor", (), {"member": member})()

    return Request


def test_roles_are_named_once():
    assert permissions.STAFF_ROLES == ("moderator", "admin")
    assert set(permissions.STAFF_ROLES) < set(permissions.ROLES)


@pytest.mark.parametrize("role, moderates, administers", [
    ("member", False, False), ("moderator", True, False), ("admin", True, True)])
def test_predicates(make, role, moderates, administers):
    member = make.member(role=role)
    assert permissions.is_moderator(member) is moderates
    assert permissions.is_admin(member) is administers
    assert not permissions.is_moderator(None) and not permissions.is_admin(None)


def test_anonymous_is_asked_to_log_in_by_every_check():
    anonymous = request_of(None)
    for check in (permissions.require_member, permissions.require_verified,
                  permissions.require_moderator, permissions.require_admin):
        with pytest.raises(errors.LoginRequired):
            check(anonymous)
    with pytest.raises(errors.LoginRequired, match="your letters"):
        permissions.require_owner(anonymous, "someone", why="Please log in to read your letters.")


def test_owner_check_and_its_moderator_option(make):
    owner, other, moderator = make.member(), make.member(), make.member(role="moderator")
    assert permissions.require_owner(request_of(owner), owner.member_id) is owner
    with pytest.raises(errors.Forbidden):
        permissions.require_owner(request_of(other), owner.member_id)
    with pytest.raises(errors.Forbidden):
        permissions.require_owner(request_of(moderator), owner.member_id)
    assert permissions.require_owner(request_of(moderator), owner.member_id,
                                     moderators=True) is moderator


def test_staff_checks(make):
    member, moderator, admin = make.member(), make.member(role="moderator"), make.member(role="admin")
    with pytest.raises(errors.Forbidden):
        permissions.require_moderator(request_of(member))
    assert permissions.require_moderator(request_of(admin)) is admin
    with pytest.raises(errors.Forbidden):
        permissions.require_admin(request_of(moderator))
    assert permissions.require_admin(request_of(admin)) is admin


def test_templates_ask_the_same_questions(make):
    template = rendering.environment().from_string(
        "{{ 'mod' if who is moderator else 'not' }} {{ 'admin' if who is admin else 'not' }}")
    assert template.render(who=make.member(role="admin")) == "mod admin"
    assert template.render(who=make.member()) == "not not"
    assert template.render(who=None) == "not not"
