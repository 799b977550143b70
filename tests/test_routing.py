"""The route table app.py registers matches the views' @route declarations."""
import pytest

from chalicelib.web import routing
from chalicelib.route_table import LOCAL_ROUTES, ROUTES


def test_route_table_is_generated_from_the_views():
    assert routing.declared_routes() == (ROUTES, LOCAL_ROUTES), (
        "chalicelib/route_table.py is out of date with the views: run "
        "`.venv/bin/python -m ops.cli write-routes` and commit the result")


def test_every_route_is_registered_with_its_view(app):
    registered = {(path, method) for path, methods in app.routes.items()
                  for method in methods}
    assert {(path, method) for path, methods, _, _ in ROUTES for method in methods} <= registered


def test_dev_tools_stay_out_of_deployed_routes():
    assert LOCAL_ROUTES and all(module == "ops.devtools" for _, _, module, _ in LOCAL_ROUTES)
    assert not any(module == "ops.devtools" for _, _, module, _ in ROUTES)


def test_a_view_still_taking_a_blueprint_says_what_changed():
    from chalicelib.web import route
    with pytest.raises(TypeError, match="write-routes"):
        route(object(), "/somewhere")
