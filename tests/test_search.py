"""Search: ranking, drug names both ways, prefixes, accents, filters, pages, hostile
queries, and the index following the streams (post -> findable, hide -> gone)."""
import sqlite3

import pytest

from chalicelib.core import clock
from chalicelib.models.forum import Post
from chalicelib.search import engine, finding, querying, rebuild, replica, store as stores


def titles(page):
    return [hit.get_text(" ", strip=True) for hit in page.soup.select(".search-hit .thread-title")]


def snippets(page):
    return [str(hit) for hit in page.soup.select(".search-hit p:last-child")]


def search(client, **params):
    from urllib.parse import urlencode

    return client.get("/search?" + urlencode(params))


def index_rows():
    """Every row the index holds, read from the store's files as a searcher reads them."""
    replica.forget()
    connection = replica.connection()
    return connection.execute("select post_id, title, author, body from docs").fetchall()


def test_a_new_post_is_found_and_the_search_page_says_noindex(client, make):
    make.thread(title="Tapering sertraline slowly", body="Ten percent a month worked for me.")
    page = search(client, q="sertraline")
    assert page.status == 200
    assert titles(page) == ["Tapering sertraline slowly"]
    assert "noindex" in page.headers["x-robots-tag"]
    assert '<meta name="robots" content="noindex' in page.text


def test_brand_finds_generic_and_generic_finds_brand(client, make):
    make.thread(title="Week three", body="Still on sertraline, 25 mg now.")
    make.thread(title="Lustral question", body="My Zoloft liquid arrived.")
    assert set(titles(search(client, q="Zoloft"))) == {"Week three", "Lustral question"}
    assert set(titles(search(client, q="sertraline"))) == {"Week three", "Lustral question"}
    make.thread(title="Benzo notes", body="Klonopin crossover to diazepam.")
    assert titles(search(client, q="clonazepam")) == ["Benzo notes"]
    assert titles(search(client, q="valium")) == ["Benzo notes"]


def test_prefixes_accents_and_case(client, make):
    make.thread(title="Venlafaxine zaps", body="Brain zaps every morning; café helps.")
    assert titles(search(client, q="venlaf")) == ["Venlafaxine zaps"]
    assert titles(search(client, q="VENLAFAXINE")) == ["Venlafaxine zaps"]
    assert titles(search(client, q="cafe")) == ["Venlafaxine zaps"]
    assert titles(search(client, q="Café")) == ["Venlafaxine zaps"]


def test_title_matches_rank_first_and_matches_are_marked(client, make):
    make.thread(title="Holiday plans", body="We talked about insomnia once, briefly.")
    make.thread(title="Insomnia in week two", body="Nights are long.")
    page = search(client, q="insomnia")
    assert titles(page)[0] == "Insomnia in week two"
    assert "<mark>insomnia</mark>" in page.text.lower()


def test_only_our_marks_are_html(client, make):
    make.thread(title="<b>bold</b> title",
                body="<script>alert(1)</script> tapering & more <mark>x</mark>")
    page = search(client, q="tapering")
    assert "<script>" not in page.text and "<b>bold" not in page.text
    assert page.soup.select(".search-hit mark")[0].get_text() == "tapering"


def test_filters_category_author_dates_and_thread(client, make):
    anna = make.member(handle="Anna")
    in_2023 = clock.parse_iso("2023-06-15T12:00:00Z")  # not today's date in 2023: no 29 February
    first = make.thread(author=anna, category_slug="benzos", title="Diazepam taper",
                        body="anxiety every evening", now=in_2023)
    make.thread(category_slug="support", title="Other anxiety", body="anxiety too")
    make.reply(first, body="anxiety here as well")
    assert len(titles(search(client, q="anxiety"))) == 3
    assert titles(search(client, q="anxiety", category="benzos")) == ["Diazepam taper"] * 2
    assert titles(search(client, q="anxiety", author="anna")) == ["Diazepam taper"]
    assert titles(search(client, q="anxiety", until="2023-12-31")) == ["Diazepam taper"]
    assert len(titles(search(client, q="anxiety", since="2024-01-01"))) == 2
    assert titles(search(client, q="anxiety", thread=first.thread_id)) == ["Diazepam taper"] * 2
    thread_page = client.get(f"/t/{first.thread_id}")
    assert thread_page.soup.find("label", string="Search this thread")


def test_bad_filters_get_a_message_and_keep_the_text(client, make):
    page = search(client, q="zaps", since="31/12/2023", until="2020-01-01")
    assert page.status == 200
    assert "date like" in page.field_error("since")
    assert page.value_of("since") == "31/12/2023"


def test_pages_of_ten(client, make):
    thread = make.thread(title="Tinnitus", body="tinnitus 0")
    for number in range(1, 12):
        make.reply(thread, body=f"tinnitus {number}")
    first = search(client, q="tinnitus")
    assert len(titles(first)) == 10
    more = first.soup.find("a", string="More results")
    second = client.get(more["href"])
    assert len(titles(second)) == 2 and not second.soup.find("a", string="More results")


def test_no_results_is_a_calm_page_with_suggestions(client, make):
    make.category("support")
    page = search(client, q="xylophone")
    assert page.status == 200
    assert "Nothing found" in page.text and "Use fewer words" in page.text
    empty = search(client, q="")
    assert empty.status == 200 and "Nothing found" not in empty.text


HOSTILE = ['"', '""', "'", '("', ")", "(", "*", "**", "a*", "NEAR(", "NEAR(a b, 3)", "OR", "AND",
           "NOT", "a OR", "OR b", "a AND NOT", "title:zaps", "^zaps", "zaps -", "-", "+", ":",
           "{a b}", "\\", "%", "_", "x" * 10_000, "zaps " * 3000, "\x00\x01\x02", "a\x1b[31m",
           "😀😀", "🙂 zaps", "ﬁnd", "İstanbul", "\u0301", "<script>", "' OR 1=1 --",
           "zaps\nOR\n*", "ז׳", "日本語", "NEAR", "AND AND", "(((", ")))", '"zaps" *']


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_fail(client, make, query):
    make.category("support")
    page = search(client, q=query)
    assert page.status == 200, query
    if len(query) > querying.MAX_QUERY_CHARS:
        assert "200 characters" in page.field_error("q")


def test_the_hostile_sweep_reaches_the_engine_when_there_are_words(make):
    make.thread(title="zaps", body="brain zaps")
    connection = replica.connection()
    for query in HOSTILE:
        found = querying.words(query)
        if found:
            finding.search(connection, querying.expression(found), {}, 10, 0)


def test_searches_are_rate_limited_per_visitor(client, make, rate_limits):
    make.category("support")
    statuses = [search(client, q="zaps").status for _ in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429


def test_hidden_deleted_and_removed_posts_leave_the_index(client, make):
    moderator = make.member(handle="modsearch", role="moderator")
    thread = make.thread(title="Paroxetine", body="paroxetine first post")
    reply = make.reply(thread, body="paroxetine reply to hide")
    assert len(titles(search(client, q="paxil"))) == 2
    client.login(moderator)
    path = f"/mod/posts/{thread.thread_id}/{reply.post_id}"
    assert client.post(path, {"action": "hide"}).status == 303
    assert len(titles(search(client, q="paxil"))) == 1
    assert reply.post_id not in {row[0] for row in index_rows()}
    client.post(path, {"action": "unhide"})
    assert len(titles(search(client, q="paxil"))) == 2
    client.post(path, {"action": "delete", "reason": "spam"})
    assert Post.get(thread.thread_id, reply.post_id).status == "removed"
    assert len(titles(search(client, q="paxil"))) == 1


def test_a_retitle_reaches_the_index(client, make):
    moderator = make.member(handle="modtitles", role="moderator")
    thread = make.thread(title="Original words", body="lamotrigine rash")
    client.login(moderator)
    client.post(f"/mod/threads/{thread.thread_id}",
                {"action": "retitle", "title": "Kinder words", "reason": "clearer"})
    assert titles(search(client, q="lamictal")) == ["Kinder words"]


def test_rebuild_compacts_and_matches_the_stream(client, make):
    make.thread(title="Seroquel sleep", body="quetiapine at night")
    store = stores.default_store()
    assert store.list(replica.CHANGES_PREFIX)
    before = sorted(index_rows())
    progress = []
    result = rebuild.rebuild_index(progress=lambda done, total: progress.append((done, total)))
    assert result["posts"] == 1 and progress[-1][0] == progress[-1][1]
    assert store.list(replica.CHANGES_PREFIX) == []
    assert sorted(index_rows()) == before
    make.thread(title="After rebuild", body="quetiapine again")
    assert len(titles(search(client, q="seroquel"))) == 2


def test_a_change_applied_twice_changes_nothing_twice():
    connection = engine.connect(":memory:")
    doc = {"post_id": "p1", "thread_id": "t1", "category": "c", "author": "a",
           "created_at": "2024-01-01 00:00:00", "title": "T", "body": "sertraline"}
    for _ in range(2):
        engine.apply(connection, {"op": "upsert", "doc": doc})
    assert engine.count(connection) == 1
    assert len(finding.search(connection, '"sertraline"*', {}, 10, 0)) == 1
    for _ in range(2):
        engine.apply(connection, {"op": "delete", "post_id": "p1"})
    assert engine.count(connection) == 0 and not finding.search(connection, '"sert"*', {}, 10, 0)


def test_the_folder_store_serves_the_same_code_path(tmp_path, make):
    store = stores.FolderStore(str(tmp_path / "search"))
    replica.publish([{"op": "upsert", "doc": {
        "post_id": "p1", "thread_id": "t1", "category": "c", "author": "a",
        "created_at": "2024-01-01 00:00:00", "title": "Effexor", "body": "hello"}}], store)
    replica.forget()
    connection = replica.connection(store)
    assert finding.search(connection, querying.expression(["venlafaxine"]), {}, 10, 0)
    make.category("support")
    rebuild.rebuild_index(store=store)
    assert store.list(replica.CHANGES_PREFIX) == []
    assert store.download(replica.BASE_KEY, str(tmp_path / "copy.sqlite"))
    sqlite3.connect(str(tmp_path / "copy.sqlite")).execute("select count(*) from docs")
    replica.forget()


def test_letters_journals_drafts_and_private_profile_fields_are_never_indexed(
        client, make, drain_streams):
    from chalicelib.correspondence import answering, asking, letters
    from chalicelib.profiles import editing

    mentor, seeker = make.member(handle="mentorx"), make.member(handle="seekerx")
    editing.save_profile(mentor, {
        "bio": "bioword sertraline", "medication_classes": None, "stage": None,
        "year_started": None, "open_to_new": True, "availability_note": "noteword",
        "max_open": 3, "letter_notifications": "immediately"})
    correspondence = answering.accept(mentor, asking.ask(seeker, mentor, "askword please"))
    letters.send_letter(seeker, correspondence, "letterword sertraline taper")
    thread = make.thread(author=mentor, title="Public sertraline thread", body="publicword")
    client.login(seeker)
    today = clock.utcnow().date().isoformat()
    assert client.post("/journal/check-in", {"day": today, "overall": "2", "sleep": "3",
                                             "note": "journalword"}).status == 303
    client.post(f"/t/{thread.thread_id}/reply", {"body": "draftword", "csrf_token": "old"})
    drain_streams()
    for rows in (index_rows(), (rebuild.rebuild_index(), index_rows())[1]):
        text = " ".join(" ".join(row) for row in rows)
        assert "publicword" in text
        for secret in ("bioword", "noteword", "askword", "letterword", "journalword",
                       "draftword", "@example.org", mentor.member_id, seeker.member_id):
            assert secret not in text


def test_the_operator_command_rebuilds_with_a_progress_bar(make, monkeypatch, capsys):
    from ops import cli, stage_environment

    make.thread(category_slug="benzos", title="Ativan", body="lorazepam")
    make.thread(category_slug="support", title="Hello", body="hello")
    monkeypatch.setattr(stage_environment, "connect", lambda *args: None)
    cli.main(["rebuild-search-index"])
    captured = capsys.readouterr()
    assert "2 posts indexed" in captured.out
    assert "categories" in captured.err and "2/2" in captured.err
    assert len(index_rows()) == 2


def test_the_rebuild_is_a_job_run_hourly():
    from chalicelib import jobs

    assert jobs.JOBS["rebuild-search-index"] == "chalicelib.search.rebuild:rebuild_index"
    assert jobs.LOCAL_INTERVALS["rebuild-search-index"] == 3600


def test_words_the_index_holds_match_as_typed_and_the_rest_as_prefixes():
    held = {"zaps"}.__contains__
    assert querying.expression(["zaps", "venlaf"], held) == '"zaps" AND "venlaf"*'
    assert querying.expression(["paxil"], held) == '("paroxetine" OR "paxil" OR "seroxat")'
    assert querying.expression(["a"], held) == '"a"'
    assert querying.words('NEAR("x" OR *) Café_Ünd 😀') == ["near", "x", "or", "cafe", "und"]
