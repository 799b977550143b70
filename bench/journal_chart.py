"""A three-year taper journal: chart page time, DynamoDB requests and SVG size.

Seeds one member's journal in moto (3 drugs, 30 dose changes, 1,095 daily check-ins with 6
symptoms each), then renders the owner's chart page for the last 90 days and for all time,
and the introduction thread that shows the chart in its header, through chalice's test
client. Reports the median time of RUNS renders (after a warm-up), the DynamoDB requests per
render (counted with a botocore event hook) and the SVG's size; then the all-time page in
parts, since moto's own evaluation of the one Query dominates the page time locally.
Targets: at most 2 requests for the owner's page (session + one Query), 2 for the
introduction thread (posts, thread + cards: the card carries the chart's data); building
and rendering the all-time chart page within TARGET_RENDER_MS; its SVG within
TARGET_SVG_BYTES.
"""
import os
import re
import statistics
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _env  # noqa: E402

_env.prepare()

REQUESTS = _env.record_dynamodb_requests()

import moto  # noqa: E402

RUNS = 9
DAYS = 3 * 365
DRUGS = (("sertraline", "ssris", 100), ("clonazepam", "benzodiazepines", 2),
         ("quetiapine", "antipsychotics", 50))
CHANGES_PER_DRUG = 10
SYMPTOMS = ("Anxiety", "Insomnia", "Brain zaps", "Dizziness", "Low mood", "Fatigue")
TARGET_REQUESTS = {"own chart, last 90 days": 2, "own chart, all time": 2,
                   "introduction thread": 2}
TARGET_RENDER_MS = 250
TARGET_SVG_BYTES = 100 * 1024
TARGET_HTML_BYTES = 100 * 1024  # the whole all-time page, at three years


def seed(now):
    """Write the journal straight through batch writes; returns (member, intro thread)."""
    from decimal import Decimal

    from chalicelib.core import clock
    from chalicelib.platform import members
    from ops import seed as demo
    from chalicelib.forum import posting
    from chalicelib.journal import entries
    from chalicelib.models.journal import (DAY_PREFIX, DOSE_PREFIX, CheckIn, DoseChange,
                                           JournalItem, SymptomScore)

    demo.seed_categories()
    member = members.create_member("taper", "taper@example.org", "x", verified=True)
    first_day = now.date() - timedelta(days=DAYS - 1)
    with JournalItem.batch_write() as batch:
        for name, drug_class, start in DRUGS:
            medication = entries.add_medication(member.member_id, name, drug_class, "mg", now)
            for step in range(CHANGES_PER_DRUG):
                day = first_day + timedelta(days=step * DAYS // CHANGES_PER_DRUG)
                dose = Decimal(start) * (CHANGES_PER_DRUG - step) / CHANGES_PER_DRUG
                batch.save(DoseChange(
                    member_id=member.member_id,
                    item_key=f"{DOSE_PREFIX}{day.isoformat()}#{clock.new_id(now)}",
                    medication_id=medication.medication_id, day=day.isoformat(),
                    dose=str(dose.normalize()), note="cut 10%", created_at=now))
        for number in range(DAYS):
            day = (first_day + timedelta(days=number)).isoformat()
            batch.save(CheckIn(
                member_id=member.member_id, item_key=DAY_PREFIX + day, day=day,
                overall=1 + number % 5, sleep=1 + number // 7 % 5,
                symptoms=[SymptomScore(name=name, score=(number // 3 + index) % 5)
                          for index, name in enumerate(SYMPTOMS)],
                note="A short note about the day.", created_at=now, updated_at=now))
    entries.choose_symptoms(member.member_id, list(SYMPTOMS), now)
    thread, _ = posting.start_thread(demo.CATEGORIES[0][0], member, "My taper so far",
                                     "Hello, this is where I am.", now=now)
    from chalicelib.journal import sharing

    sharing.update(member.member_id, "private", thread.thread_id, True, now)
    return member, thread


def measure(client, path, cookie=None):
    """(median ms, requests per render, HTML bytes, SVG bytes) over RUNS renders."""
    headers = {"cookie": cookie} if cookie else {}
    client.http.get(path, headers=headers)  # warm-up: templates compiled, clients made
    times, counts = [], []
    for _ in range(RUNS):
        before = len(REQUESTS)
        started = time.perf_counter()
        response = client.http.get(path, headers=headers)
        times.append(time.perf_counter() - started)
        counts.append(len(REQUESTS) - before)
        assert response.status_code == 200, (path, response.status_code)
    body = response.body.decode()
    svg = re.search(r"<svg class=\"journal-chart\".*?</svg>", body, re.S)
    assert svg, f"no chart on {path}"
    return statistics.median(times) * 1000, max(counts), len(body.encode()), \
        len(svg.group(0).encode())


def median_ms(action):
    action()  # warm-up
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def all_time_parts(member, now):
    """Median ms of the all-time page's parts: the one Query as moto answers it, PynamoDB
    reading its items, building the chart and its table, and rendering the template."""
    from chalicelib.core import medications
    from chalicelib.platform import rendering
    from chalicelib.journal import chart, store
    from chalicelib.models.journal import JournalItem

    client = JournalItem._get_connection().connection.client
    raw = {}

    def query():
        raw["items"] = client.query(
            TableName=JournalItem.Meta.table_name, KeyConditionExpression="member_id = :m",
            ExpressionAttributeValues={":m": {"S": member.member_id}})["Items"]

    query_ms = median_ms(query)
    journal = store.load_since(member.member_id)
    drawn = chart.build(journal, now.date(), "all")

    def render():
        rendering.render("journal/overview.html", journal=journal, chart=drawn, window="all",
                         today=now.date(), saved=None, checked_in_today=True,
                         class_label=medications.class_label, member=member, visitor=None,
                         csrf_token="x", errors={}, form={})

    return {"query": query_ms,
            "read": median_ms(lambda: [JournalItem.from_raw_data(item)
                                       for item in raw["items"]]),
            "build": median_ms(lambda: chart.build(journal, now.date(), "all")),
            "template": median_ms(render)}, journal


def main():
    with moto.mock_aws():
        from chalice.test import Client

        from app import app
        from chalicelib.core import clock
        from chalicelib.platform import session_lifecycle
        from ops import backend

        backend.create_local_resources()
        now = clock.utcnow()
        member, thread = seed(now)
        cookie = session_lifecycle.start_session(member).split(";")[0]
        with Client(app, stage_name="test", project_dir=_env.ROOT) as client:
            rows = {"own chart, last 90 days": measure(client, "/journal", cookie),
                    "own chart, all time": measure(client, "/journal?range=all", cookie),
                    "introduction thread": measure(client, f"/t/{thread.thread_id}")}
        parts, journal = all_time_parts(member, now)
    print(f"journal: {len(DRUGS)} drugs, {len(journal.doses)} dose changes, "
          f"{len(journal.check_ins)} check-ins with {len(SYMPTOMS)} symptoms; median of {RUNS}")
    print(f"{'page (chalice test client)':<28}{'median ms':>10}{'requests':>10}{'HTML KB':>9}"
          f"{'SVG KB':>8}")
    for name, (ms, count, html, svg) in rows.items():
        print(f"{name:<28}{ms:>10.1f}{count:>10}{html / 1024:>9.1f}{svg / 1024:>8.1f}")
    render = parts["read"] + parts["build"] + parts["template"]
    print(f"all time, in parts: the Query as moto answers it {parts['query']:.1f} ms; "
          f"PynamoDB reading its items {parts['read']:.1f} ms, chart.build "
          f"{parts['build']:.1f} ms, template {parts['template']:.1f} ms")
    print(f"all-time render (read + build + template): {render:.1f} ms "
          f"(target <= {TARGET_RENDER_MS})")
    svg = rows["own chart, all time"][3]
    ok = all(rows[name][1] <= target for name, target in TARGET_REQUESTS.items())
    html = rows["own chart, all time"][2]
    ok = ok and render <= TARGET_RENDER_MS and svg <= TARGET_SVG_BYTES
    print(f"all-time page HTML: {html / 1024:.1f} KB (target <= {TARGET_HTML_BYTES // 1024} KB)")
    _env.report("journal: all-time page HTML at 3 years", f"{html / 1024:.0f} KB",
                f"<= {TARGET_HTML_BYTES // 1024} KB", html <= TARGET_HTML_BYTES)
    _env.report("journal: all-time render", f"{render:.0f} ms", f"<= {TARGET_RENDER_MS} ms",
                render <= TARGET_RENDER_MS)
    _env.report("journal: requests, own all-time page", rows["own chart, all time"][1],
                f"<= {TARGET_REQUESTS['own chart, all time']}",
                rows["own chart, all time"][1] <= TARGET_REQUESTS["own chart, all time"])
    ok = ok and html <= TARGET_HTML_BYTES
    print(f"requests within target ({', '.join(f'{n}: {t}' for n, t in TARGET_REQUESTS.items())})"
          f", render <= {TARGET_RENDER_MS} ms, all-time SVG <= {TARGET_SVG_BYTES // 1024} KB: "
          f"{'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
