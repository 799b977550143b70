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
