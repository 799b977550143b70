"""The categories' index (chalicelib/forum/category_index.py): pages read the names by key,
never an older list than the categories' Query would give."""
import pytest

from chalicelib.forum import category_index
from chalicelib.models.forum import CATEGORY_INDEX_SLUG, CATEGORY_PARTITION, Category


@pytest.fixture
def admin_client(client, make):
    client.login(make.member(handle="root", role="admin"))
    return client


def _read():
    from chalicelib.platform import batches

    return [(c.slug, c.name) for c in category_index.categories_in(
        batches.batch_get(category_index.keys()))]


def _index():
    return Category.get(CATEGORY_PARTITION, CATEGORY_INDEX_SLUG)


def test_every_admin_change_is_in_the_index_at_once(admin_client, make):
    make.category("support", name="Support")
    admin_client.post("/admin/categories/new", {"name": "Sleep", "slug": "sleep",
                                                "position": "3"})
    assert _read() == [("support", "Support"), ("sleep", "Sleep")]
    admin_client.post("/admin/categories/sleep", {"name": "Rest", "slug": "sleep",
                                                  "position": "0", "description": "Quiet."})
    admin_client.post("/admin/categories/support", {"name": "Support", "slug": "help",
                                                    "position": "1"})
    assert _read() == [("sleep", "Rest"), ("help", "Support")]
    index = _index()
    assert index.revision == index.built_revision
    page = admin_client.get("/settings/subscriptions")
    assert [box["value"] for box in page.soup.select("input[name=categories]")] == \
        ["sleep", "help"]


def test_a_change_without_its_rebuild_falls_back_to_the_query(make, dynamodb_requests):
    make.category("support", name="Support")
    Category(CATEGORY_PARTITION, "support").update(actions=[Category.name.set("Renamed")])
    with_index = _read()
    assert with_index == [("support", "Support")]  # a write that bypassed the count
    Category(CATEGORY_PARTITION, CATEGORY_INDEX_SLUG).update(
        actions=[Category.revision.add(1)])  # counted, not rebuilt (the Lambda died)
    before = len(dynamodb_requests)
    assert _read() == [("support", "Renamed")]
    assert dynamodb_requests[before:] == ["BatchGetItem", "Query"]


def test_a_rebuild_never_saves_a_list_older_than_a_change_counted_meanwhile(make, monkeypatch):
    make.category("support", name="Support")
    query = Category.query

    def racing(*args, **kwargs):
        found = list(query(*args, **kwargs))  # read before the other change lands
        Category(CATEGORY_PARTITION, CATEGORY_INDEX_SLUG).update(
            actions=[Category.revision.add(1)])
        return iter(found)

    monkeypatch.setattr(Category, "query", racing)
    category_index.rebuild()
    monkeypatch.undo()
    index = _index()
    assert index.revision == index.built_revision + 1  # behind: readers use the Query


def test_the_index_is_no_category(client, make):
    make.category("support", name="Support")
    assert client.get(f"/c/{CATEGORY_INDEX_SLUG}").status == 404
    home = client.get("/")
    assert home.status == 200 and CATEGORY_INDEX_SLUG not in home.text
    from chalicelib.forum import reading

    assert [c.slug for c in reading.list_categories()] == ["support"]


def test_seeding_categories_gives_a_forum_from_before_the_index_its_index():
    from ops import seed

    seed.seed_categories()
    _index().delete()  # as on a forum from before the index
    assert seed.seed_categories() == 0
    index = _index()
    assert index.revision == index.built_revision
    assert [slug for slug, _ in _read()] == [slug for slug, _, _ in seed.CATEGORIES]
