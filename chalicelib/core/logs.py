"""Structured JSON logs: one JSON object per line, which CloudWatch Logs Insights reads."""
import json
import logging


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {"level": record.levelname, "logger": record.name,
                 "message": record.getMessage(), "time": self.formatTime(record)}
        summary = getattr(record, "summary", None)
        if summary:
            entry.update(summary)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(app):
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("lantern")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False
    app.log.setLevel(logging.INFO)


def _describe(event):
    """What an invocation log line says about its event, never a body or a query string."""
    from chalice.app import Request

    if isinstance(event, Request):
        # The route pattern, not the path: paths can carry one-time tokens.
        context = event.lambda_context
        entry = {"trigger": "http", "method": event.method,
                 "route": (event.context or {}).get("resourcePath")}
    else:
        context = event.context
        entry = {"trigger": type(event).__name__.replace("Event", "").lower()}
    entry["function"] = getattr(context, "function_name", None)
    entry["request_id"] = getattr(context, "aws_request_id", None)
    return entry


def log_invocation(event, get_response):
    """Chalice middleware for every function: one JSON line per invocation, with its
    trigger, duration and outcome (and the HTTP status), so Logs Insights can chart them."""
    import time

    log = logging.getLogger("lantern.invocations")
    entry = _describe(event)
    started = time.monotonic()
    try:
        response = get_response(event)
    except Exception:
        entry.update(outcome="error", duration_ms=round((time.monotonic() - started) * 1000))
        log.exception("invocation failed", extra={"summary": entry})
        raise
    entry.update(outcome="ok", duration_ms=round((time.monotonic() - started) * 1000))
    if hasattr(response, "status_code"):
        entry["status"] = response.status_code
    log.info("invocation", extra={"summary": entry})
    return response
