"""One line of JSON per log record, for production logs that a collector can read field by field."""

import json
import logging
from datetime import UTC, datetime

from django.http import HttpRequest


class JsonFormatter(logging.Formatter):
    """time, level, logger and message; for a request error also status, method and path; the traceback inline."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if (status := getattr(record, "status_code", None)) is not None:
            entry["status"] = status
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            entry["method"] = request.method
            entry["path"] = request.path
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
