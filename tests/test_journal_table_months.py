"""The chart's table over a long window shows one month at a time (issue 16, item 8)."""
from datetime import date, timedelta

from chalicelib.journal import chart, table_months


def rows(days, first=date(2024, 1, 1)):
    return [chart.TableRow(day=(first + timedelta(days=n)).isoformat(), doses=[])
            for n in range(days)]


def test_a_short_window_shows_every_row():
    shown = table_months.page(rows(90), None)
    assert len(shown.rows) == 90 and shown.months == []


def test_three_years_show_the_latest_month_with_links_to_every_month():
    all_rows = rows(3 * 365)
    shown = table_months.page(all_rows, None)
    assert len(shown.months) == 36
    assert shown.months[0] == ("2026-12", "Dec 2026") and shown.months[-1] == ("2024-01", "Jan 2024")
    assert shown.month == "2026-12" and not shown.asked
    assert [row.day for row in shown.rows] == [row.day for row in all_rows
                                               if row.day.startswith("2026-12")]


def test_an_older_month_is_shown_when_asked_and_nonsense_falls_back_to_the_latest():
    all_rows = rows(3 * 365)
    march = table_months.page(all_rows, "2025-03")
    assert march.asked and march.month_label == "Mar 2025" and len(march.rows) == 31
    for asked in ("2031-01", "2025-3", "٢٠٢٥-٠٣", "<script>"):
        assert table_months.page(all_rows, asked).month == "2026-12"


def test_the_all_time_page_pages_its_table_by_month(member_client, member):
    from chalicelib.core import clock
    from chalicelib.journal import entries

    now = clock.utcnow()
    for back in range(120):
        entries.save_check_in(member.member_id, now.date() - timedelta(days=back), 3, 3, [], "",
                              now, published=False)  # an unpublished journal: no card
    page = member_client.get("/journal?range=all")
    months = page.soup.find("nav", attrs={"aria-label": "Table months"})
    assert months.find(attrs={"aria-current": "page"}).text == table_months.label(
        now.date().isoformat()[:7])
    older = months.find_all("a")[-1]
    page = member_client.get(older["href"])
    shown = [row.th.text for row in page.soup.select("table.journal-table tbody tr")]
    month = older["href"].rsplit("month=", 1)[1]
    assert shown and all(day.startswith(month) for day in shown)
    assert page.soup.find("details", class_="chart-table").has_attr("open")
    assert len(member_client.get("/journal").soup.select(
        "table.journal-table tbody tr")) == 90
