"""The route table app.py registers matches the views' @route declarations, and names views
and jobs the same way: ``"module:function"``."""
from chalicelib import jobs
from chalicelib.core.hooks import resolve
from chalicelib.route_table import LOCAL_ROUTES, ROUTES
from ops import routes


def test_route_table_is_generated_from_the_views():
    assert routes.declared_routes() == (ROUTES, LOCAL_ROUTES), (
        "chalicelib/route_table.py is out of date with the views: run "
        "`.venv/bin/python -m ops.cli write-routes` and commit the result")


def test_the_written_table_is_what_is_committed():
    with open(routes.TABLE_PATH, encoding="utf-8") as handle:
        assert handle.read() == routes.route_table_source()


def test_every_entry_names_a_view_that_exists():
    for methods, path, target in ROUTES + LOCAL_ROUTES:
        assert methods and path.startswith("/"), (methods, path)
        assert callable(resolve(target)), target


def test_every_route_is_registered_with_its_view(app):
    registered = {(path, method) for path, methods in app.routes.items()
                  for method in methods}
    assert {(path, method) for methods, path, _ in ROUTES for method in methods} <= registered


def test_dev_tools_stay_out_of_deployed_routes():
    assert LOCAL_ROUTES and all(target.startswith("ops.devtools:") for _, _, target in LOCAL_ROUTES)
    assert not any(target.startswith("ops.") for _, _, target in ROUTES)


def test_jobs_use_the_same_names_as_routes():
    for name, target in jobs.JOBS.items():
        assert callable(resolve(target)), name
    assert set(jobs.LOCAL_INTERVALS) == set(jobs.JOBS)
