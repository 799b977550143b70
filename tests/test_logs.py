"""Every function logs one JSON object per invocation (CloudWatch Logs Insights reads them)."""
import io
import json
import logging

import pytest

from chalicelib.core.logs import JsonFormatter


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("lantern")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def _invocations(lines):
    return [line for line in lines if line["logger"] == "lantern.invocations"]


def test_a_page_view_logs_its_route_status_and_duration_but_not_its_path(client, log_lines):
    client.get("/t/01HZZZZZZZZZZZZZZZZZZZZZZZ?secret=token")
    [entry] = _invocations(log_lines())
    assert entry["trigger"] == "http" and entry["method"] == "GET"
    assert entry["status"] == 404 and entry["outcome"] == "ok"
    assert entry["route"] == "/t/{thread_id}"
    assert "01HZZ" not in json.dumps(entry) and "secret" not in json.dumps(entry)
    assert isinstance(entry["duration_ms"], int) and entry["level"] == "INFO"


def test_scheduled_and_topic_functions_log_too(app, invoke, log_lines):
    from chalice.app import ScheduledEventConfig, SNSEventConfig

    for source in app.event_sources:
        if isinstance(source, ScheduledEventConfig):
            invoke.lambda_.invoke(source.name, invoke.events.generate_cw_event(
                source="aws.events", detail_type="Scheduled Event", detail={},
                resources=[]))
        elif isinstance(source, SNSEventConfig):
            invoke.lambda_.invoke(source.name, invoke.events.generate_sns_event(
                message=json.dumps({"notificationType": "Delivery"})))
    entries = _invocations(log_lines())
    assert {entry["function"] for entry in entries} == {
        source.name for source in app.event_sources
        if isinstance(source, (ScheduledEventConfig, SNSEventConfig))}
    assert all(entry["outcome"] == "ok" and entry["request_id"] for entry in entries)
