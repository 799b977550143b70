"""The taper journal through its pages: medications, doses, check-ins, privacy, export."""
import csv
import io
import json
import threading
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from chalicelib.core import clock
from chalicelib.journal import entries, export, store

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)


def add_medication(client, name="sertraline", drug_class="ssris", unit="mg"):
    response = client.post("/journal/medications/new",
                           {"name": name, "drug_class": drug_class, "unit": unit})
    assert response.status == 303, response.text
    return response.location.rsplit("/", 1)[1]


def test_journal_needs_login(client):
    assert client.get("/journal").asks_to_log_in
    assert client.post("/journal/check-in", {"overall": "3", "sleep": "3"}).status == 403


def test_medication_and_dose_changes_from_the_form(member_client, member):
    medication_id = add_medication(member_client)
    page = member_client.get(f"/journal/medications/{medication_id}")
    assert page.soup.find("h1").get_text() == "sertraline"
    response = member_client.post(f"/journal/medications/{medication_id}",
                                  {"day": "2025-03-01", "dose": "100", "note": "start"})
    assert response.status == 303
    member_client.post(f"/journal/medications/{medication_id}",
                       {"day": "2025-06-01", "dose": "37,5", "note": "cut 10%"})
    rows = member_client.get(f"/journal/medications/{medication_id}").soup.select("tbody tr")
    assert [row.find("th").get_text() for row in rows] == ["2025-03-01", "2025-06-01"]
    assert "37.5 mg" in rows[1].get_text()


def test_unreadable_dose_is_explained_beside_the_field_and_kept(member_client):
    medication_id = add_medication(member_client)
    page = member_client.post(f"/journal/medications/{medication_id}",
                              {"day": "2025-03-01", "dose": "half a pill", "note": "hmm"})
    assert page.status == 400
    assert "could not read “half a pill”" in page.field_error("dose")
    assert page.value_of("dose") == "half a pill" and page.value_of("note") == "hmm"


def test_medication_form_errors_keep_the_name(member_client):
    page = member_client.post("/journal/medications/new",
                              {"name": "lorazepam", "drug_class": "nonsense"})
    assert page.status == 400
    assert page.field_error("drug_class") and page.field_error("unit")
    assert page.value_of("name") == "lorazepam"


def test_future_dose_change_is_refused(member_client):
    medication_id = add_medication(member_client)
    tomorrow = (clock.utcnow().date() + timedelta(days=2)).isoformat()
    page = member_client.post(f"/journal/medications/{medication_id}",
                              {"day": tomorrow, "dose": "10"})
    assert "future" in page.field_error("day")


def test_check_in_saves_and_same_day_edit_replaces(member_client, member):
    member_client.post("/journal/symptoms", {"symptom": ["Anxiety", "Brain zaps"],
                                             "own": "Jaw clenching"})
    form = member_client.get("/journal/check-in")
    legends = [legend.get_text(strip=True) for legend in form.soup.find_all("legend")]
    assert legends[2:] == ["Anxiety", "Brain zaps", "Jaw clenching"]
    today = clock.utcnow().date().isoformat()
    data = {"day": today, "overall": "2", "sleep": "3", "symptom_name_0": "Anxiety",
            "symptom_0": "3", "symptom_name_1": "Brain zaps", "symptom_name_2":
            "Jaw clenching", "symptom_2": "1", "note": "Rough morning."}
    assert member_client.post("/journal/check-in", data).status == 303
    data.update(overall="4", note="Better by evening.")
    assert member_client.post("/journal/check-in", data).status == 303
    saved = store.check_ins_between(member.member_id)
    assert len(saved) == 1
    assert saved[0].overall == 4 and saved[0].note == "Better by evening."
    assert {s.name: s.score for s in saved[0].symptoms} == {"Anxiety": 3, "Jaw clenching": 1}
    again = member_client.get("/journal/check-in")
    assert again.soup.find("input", {"name": "overall", "value": "4"}).has_attr("checked")


def test_check_in_needs_overall_and_sleep_and_keeps_the_note(member_client):
    page = member_client.post("/journal/check-in", {"note": "tired"})
    assert page.status == 400
    assert page.field_error("overall") and page.field_error("sleep")
    assert page.value_of("note") == "tired"


def test_concurrent_double_submit_makes_one_check_in(member):
    day = date(2026, 3, 10)
    barrier = threading.Barrier(8)
    failures = []

    def submit(number):
        try:
            barrier.wait()
            entries.save_check_in(member.member_id, day, 1 + number % 5, 3, [("Anxiety", 2)],
                                  f"submit {number}", NOW + timedelta(microseconds=number))
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)

    workers = [threading.Thread(target=submit, args=(n,)) for n in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not failures
    saved = store.check_ins_between(member.member_id)
    assert len(saved) == 1 and saved[0].day == "2026-03-10"


def test_symptom_list_too_long_is_explained(member_client):
    own = "\n".join(f"Symptom {n}" for n in range(20))
    page = member_client.post("/journal/symptoms", {"own": own})
    assert page.status == 400 and "at most 15" in page.field_error("own")


# Privacy -----------------------------------------------------------------------------

@pytest.fixture
def journal_owner(make):
    owner = make.member(handle="juniper")
    medication = entries.add_medication(owner.member_id, "sertraline", "ssris", "mg", NOW)
    entries.add_dose_change(owner.member_id, medication.medication_id, date(2025, 3, 1),
                            Decimal(100), "secret dose note", NOW)
    entries.save_check_in(owner.member_id, clock.utcnow().date(), 2, 3, [], "secret day note",
                          NOW)
    return owner


def _share(client, owner, sharing):
    client.login(owner)
    assert client.post("/journal/sharing", {"sharing": sharing}).status == 303
    client.logout()


@pytest.mark.parametrize("role", ["member", "moderator", "admin", None])
def test_private_journal_is_404_to_everyone_else(client, make, journal_owner, role):
    if role:
        client.login(make.member(role=role))
    assert client.get("/u/juniper/journal").status == 404


def test_owner_sees_own_shared_view(client, journal_owner):
    client.login(journal_owner)
    assert client.get("/u/juniper/journal").status == 200


def test_sharing_all_chart_only_and_withdrawal(client, make, journal_owner):
    _share(client, journal_owner, "members-all")
    assert client.get("/u/juniper/journal").status == 404  # anonymous: members only
    moderator = make.member(role="moderator")
    client.login(moderator)
    page = client.get("/u/juniper/journal?range=all")
    assert page.status == 200 and "secret day note" in page.text
    assert "secret dose note" in page.text
    client.logout()

    _share(client, journal_owner, "members-chart")
    client.login(make.member())
    page = client.get("/u/juniper/journal?range=all")
    assert page.status == 200 and page.soup.find("svg", class_="journal-chart")
    assert "secret day note" not in page.text and "secret dose note" not in page.text
    client.logout()

    _share(client, journal_owner, "private")
    client.login(moderator)
    assert client.get("/u/juniper/journal").status == 404


def test_unknown_sharing_choice_is_refused(member_client):
    assert member_client.post("/journal/sharing", {"sharing": "everyone"}).status == 400


# Export and deletion ----------------------------------------------------------------

def test_export_json_and_csv(member_client, member):
    medication_id = add_medication(member_client, "clonazepam", "benzodiazepines", "mg")
    member_client.post(f"/journal/medications/{medication_id}",
                       {"day": "2024-09-01", "dose": "1", "note": ""})
    member_client.post(f"/journal/medications/{medication_id}",
                       {"day": "2024-11-01", "dose": "0", "note": "jumped the last bit"})
    member_client.post("/journal/check-in", {"day": "2024-11-02", "overall": "1",
                                             "sleep": "1", "note": "hard, but done"})
    page = member_client.get("/journal/export.json")
    data = json.loads(page.text)
    assert [d["daily_dose"] for d in data["dose_changes"]] == ["1", "0"]
    assert data["check_ins"][0]["note"] == "hard, but done"
    assert data["medications"][0]["class_label"] == "Benzodiazepines"
    page = member_client.get("/journal/export.csv")
    assert page.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(page.text)))
    assert [(r["date"], r["entry"]) for r in rows] == [
        ("2024-09-01", "dose change"), ("2024-11-01", "dose change"),
        ("2024-11-02", "check-in")]
    assert export.export_for(member.member_id) == data


def test_delete_for_removes_every_journal_item_and_only_theirs(member, make, journal_owner):
    entries.save_check_in(member.member_id, date(2026, 1, 1), 3, 3, [], "", NOW)
    assert export.delete_for(journal_owner.member_id) == 3  # medication, dose change, check-in
    assert store.load_journal(journal_owner.member_id).is_empty
    assert export.delete_for(journal_owner.member_id) == 0
    assert len(store.check_ins_between(member.member_id)) == 1


def test_an_empty_journal_says_there_is_nothing_to_chart_yet(member_client):
    page = member_client.get("/journal")
    assert "Nothing to chart yet" in page.soup.select_one(".journal-chart-section").get_text()
    assert page.soup.select_one("svg.journal-chart") is None
