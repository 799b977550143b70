"""The forum's registration into web: a composer's text outlives an ended session."""
from chalicelib.web import hooks

hooks.csrf_failure.register("chalicelib.forum.compose_views:session_ended_page")
