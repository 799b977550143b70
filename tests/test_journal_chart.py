"""The chart, checked by parsing its SVG, and the signature derived from the journal."""
import re
import xml.etree.ElementTree as ElementTree
from datetime import date, datetime, timedelta, timezone

from chalicelib.journal import chart, chart_drawing, signature
from chalicelib.journal.store import Journal, new_settings
from chalicelib.models.journal import CheckIn, DoseChange, Medication, SymptomScore

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
SVG = "{http://www.w3.org/2000/svg}"


def medication(medication_id, name, unit="mg"):
    return Medication(member_id="m", item_key="med#" + medication_id,
                      medication_id=medication_id, name=name, drug_class="ssris", unit=unit,
                      created_at=NOW)


def dose(medication_id, day, amount):
    return DoseChange(member_id="m", item_key=f"dose#{day}#{medication_id}",
                      medication_id=medication_id, day=day, dose=amount, created_at=NOW)


def check_in(day, overall, sleep, **scores):
    return CheckIn(member_id="m", item_key="day#" + day, day=day, overall=overall, sleep=sleep,
                   symptoms=[SymptomScore(name=n, score=s) for n, s in scores.items()],
                   note="", created_at=NOW, updated_at=NOW)


def journal():
    found = Journal(member_id="m", settings=new_settings("m"))
    found.settings.symptoms = ["Anxiety"]
    found.medications = [medication("a", "sertraline"), medication("b", "clonazepam")]
    found.doses = sorted([dose("a", "2025-03-01", "100"), dose("a", "2025-05-01", "75"),
                          dose("a", "2025-07-01", "50"), dose("b", "2025-04-01", "1"),
                          dose("b", "2025-06-15", "0.5"), dose("b", "2025-07-20", "0")],
                         key=lambda d: d.day)
    found.check_ins = [check_in("2025-07-01", 2, 3, Anxiety=3),
                       check_in("2025-07-02", 2, 3, Anxiety=3),
                       check_in("2025-07-03", 4, 4, Anxiety=1)]
    return found


def parse(drawn):
    return ElementTree.fromstring(str(drawn.svg))


def points_of(path):
    return re.findall(r"[ML]\s*([\d.]+),([\d.]+)", path.get("d"))


def test_one_step_path_per_drug_with_two_points_per_change_all_time():
    drawn = chart.build(journal(), date(2025, 8, 1), "all")
    paths = parse(drawn).findall(f".//{SVG}path[@class='dose-step']")
    assert len(paths) == 2
    # n changes in the window: 1 start + 2 per later change + 1 end point = 2n points.
    assert [len(points_of(path)) for path in paths] == [6, 6]
    assert [int(path.get("data-points")) for path in paths] == [6, 6]
    sertraline = [(float(x), float(y)) for x, y in points_of(paths[0])]
    ys = [y for _, y in sertraline]
    assert ys[0] < ys[2] < ys[4]  # each cut draws lower (SVG y grows downwards)
    assert all(a[0] == b[0] for a, b in zip(sertraline[1::2], sertraline[2::2]))  # verticals


def test_ninety_day_window_carries_the_dose_in_effect_at_its_start():
    drawn = chart.build(journal(), date(2025, 8, 1), "90")  # window starts 2025-05-04
    paths = parse(drawn).findall(f".//{SVG}path[@class='dose-step']")
    # sertraline: 75 carried in, one change (50) -> 1 + 2 + 1; clonazepam: 1 carried, two changes.
    assert [len(points_of(path)) for path in paths] == [4, 6]


def test_bands_cells_merge_equal_days_and_table_has_every_entry():
    drawn = chart.build(journal(), date(2025, 8, 1), "all")
    bands = parse(drawn).findall(f".//{SVG}g[@class='band']")
    assert len(bands) == 3  # overall, sleep, Anxiety
    overall_cells = [r for r in bands[0].findall(f"{SVG}rect") if r.get("class") != "band-bg"]
    assert len(overall_cells) == 2  # two equal days merged, then a different one
    days = [row.day for row in drawn.rows]
    assert days == ["2025-03-01", "2025-04-01", "2025-05-01", "2025-06-15", "2025-07-01",
                    "2025-07-02", "2025-07-03", "2025-07-20"]
    july_first = drawn.rows[4]
    assert july_first.doses == [("50 mg", True), ("0.5 mg", False)]
    assert (july_first.overall, july_first.symptoms) == (2, [3])


def test_three_years_average_a_week_per_band_cell_and_the_table_keeps_every_day():
    found = journal()
    start = date(2023, 1, 1)
    found.check_ins = [check_in((start + timedelta(days=n)).isoformat(), 1 + n % 5, 3,
                                Anxiety=n // 7 % 5) for n in range(1095)]
    drawn = chart.build(found, start + timedelta(days=1094), "all")
    assert drawn.cell_days == 7  # 1,095 days over at most 180 cells
    root = parse(drawn)
    assert "average of 7 days" in root.find(f"{SVG}desc").text
    overall, sleep, anxiety = [[r for r in band.findall(f"{SVG}rect")
                                if r.get("class") != "band-bg"]
                               for band in root.findall(f".//{SVG}g[@class='band']")]
    assert len(sleep) == 1  # always 3: one run
    # Every full week of overall days averages 3 (drawn 5 - 3: darker is harder); the last
    # three days (3, 4, 5) average 4.
    assert [r.get("class") for r in overall] == ["level-2", "level-1"]
    assert len(anxiety) == 157  # one score a week, changing every week (156 weeks + 3 days)
    assert [r.get("class") for r in anxiety[:6]] == [f"level-{n}" for n in (0, 1, 2, 3, 4, 0)]
    right = max(float(r.get("x")) + float(r.get("width")) for r in anxiety)
    assert right <= chart_drawing.WIDTH - chart_drawing.RIGHT + 0.05  # the short last week stays inside
    assert len(drawn.rows) == 1095  # the text alternative is exact, day by day


def test_chart_is_accessible_and_uses_current_color():
    root = parse(chart.build(journal(), date(2025, 8, 1), "all"))
    assert root.get("role") == "img" and root.get("aria-labelledby")
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    fills = {el.get("fill") for el in root.iter() if el.get("fill") not in (None, "none")}
    assert fills == {"currentColor"}


def test_medication_names_are_escaped_in_the_svg():
    found = journal()
    found.medications[0].name = "<script>x</script>"
    text = str(chart.build(found, date(2025, 8, 1), "all").svg)
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_signature_line():
    assert signature.derive(journal()) == ("sertraline 100 mg → 50 mg since 2025-03; "
                                           "off clonazepam since 2025-07")


def test_signature_single_dose_and_empty():
    found = journal()
    found.doses = [dose("a", "2025-03-01", "20")]
    assert signature.derive(found) == "sertraline 20 mg since 2025-03"
    found.doses = []
    assert signature.derive(found) == ""


def test_the_label_column_holds_the_longest_label_so_none_is_cut():
    found = journal()
    found.settings.symptoms = ["Derealisation or depersonalisation"]
    root = parse(chart.build(found, date(2025, 8, 1), "all"))
    labels = [t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert "Derealisation or depersonalisation" in [t.text for t in labels]
    for label in labels:
        right_edge = float(label.get("x"))
        assert right_edge - len(label.text) * chart_drawing.LABEL_CHAR_PX >= 0, label.text
    found.settings.symptoms = []
    found.check_ins = []
    narrow = parse(chart.build(found, date(2025, 8, 1), "all"))
    lane = narrow.find(f".//{SVG}rect[@class='lane']")
    assert float(lane.get("x")) == chart_drawing.MIN_LEFT  # short labels leave the plot its width


def test_an_empty_journal_draws_no_bands_and_says_so():
    found = Journal(member_id="m", settings=new_settings("m"))
    drawn = chart.build(found, date(2025, 8, 1), "90")
    assert drawn.empty and str(drawn.svg) == "" and drawn.rows == []
    assert not chart.build(journal(), date(2025, 8, 1), "90").empty
