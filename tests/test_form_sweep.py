"""Arbitrary text in every field of every POST route (issue 15 #2).

Each route of the route table is posted by the member its rule lets through, with a form
that gets past its checks (tests/helpers/worlds.py) and one field replaced by whatever
Hypothesis draws. Whatever was typed: never a 5xx, and when the answer is the form again
with a message (400), the field shows the member's text, as the form cleaned it.
"""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from chalicelib.core import text as member_text
from chalicelib.web.forms import SECRET_FIELDS
from helpers.fuzzing import examples
from helpers.route_forms import VALID_FORMS, fields_of_every_route, post_routes
from helpers.worlds import aws, chalice_client, world  # noqa: F401  (the module's one world)
from test_authorization_matrix import EXPECTED

# The characters a careless paste or a hostile visitor brings, besides any other.
ODD = st.sampled_from("\x00\x1b\x7f\x85\u202e\u2066\ufffe\uffff\ufdd0\t\n\r¹²②١<>&\"'")
TYPED = st.text(st.characters(codec="utf-8") | ODD, max_size=40)
# Fields shown for typing again (a choice, a hidden id or a password is not text to keep).
TYPED_FIELDS = {"input": {"text", "email", "search", "url", "tel", "number", None},
                "textarea": {None}}
FIGURES = {"routes": 0, "requests": 0, "5xx": 0, "form errors": 0, "kept checked": 0}


@pytest.fixture(scope="module")
def fields(world, chalice_client):
    return fields_of_every_route(world, chalice_client, EXPECTED)


def shown(page, name):
    """The text a typing field named ``name`` shows, or None when there is no such field."""
    for field in page.soup.find_all(attrs={"name": name}):
        if field.name in TYPED_FIELDS and field.get("type") in TYPED_FIELDS[field.name]:
            return field.get_text() if field.name == "textarea" else field.get("value", "")
    return None


def comparable(value):
    return " ".join(member_text.clean_line(value).split())


def send(world, chalice_client, path, field, typed):
    ids, form = world.ids_for(path, VALID_FORMS)
    form[field] = typed
    client = world.client(chalice_client, EXPECTED[("POST", path)])
    return client.post(path.format(**ids), form)


@pytest.mark.parametrize("path", post_routes())
def test_any_text_in_any_field_is_answered_and_kept(world, chalice_client, fields, path):
    names = fields[path] or ["anything"]

    @settings(max_examples=examples(6), deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(field=st.sampled_from(names), typed=TYPED)
    def sweep(field, typed):
        page = send(world, chalice_client, path, field, typed)
        FIGURES["requests"] += 1
        FIGURES["5xx"] += page.status >= 500
        assert page.status < 500, (field, typed, page.status, page.text[:300])
        if page.status == 400 and field not in SECRET_FIELDS:
            FIGURES["form errors"] += 1
            value = shown(page, field)
            if value is not None:
                FIGURES["kept checked"] += 1
                assert comparable(typed) in comparable(value), (field, typed, value)

    FIGURES["routes"] += 1
    sweep()


def test_every_post_route_has_a_form_and_fields(fields):
    assert set(VALID_FORMS) <= set(fields), set(VALID_FORMS) - set(fields)
    print(f"\nPOST routes: {len(fields)}, fields: {sum(map(len, fields.values()))}; {FIGURES}")
