"""One JSON object per log line, for production: time, level, logger, request id and the message.

Nothing personal goes in: no query strings, no form data, no user names. Personal-link tokens
(/f/<token>) that reach a message, e.g. Django's "Not Found: /f/…", are replaced by "[token]".
"""

import json
import logging
import re
from datetime import UTC, datetime

# A personal link is /f/ and a token of 43 url-safe characters.
TOKEN = re.compile(r"(/f/)[A-Za-z0-9_-]{20,}")
# A query string after a path: it may carry anything a form or a link put there.
QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']+")


def redact(text: str) -> str:
    return QUERY.sub(r"\1?[query]", TOKEN.sub(r"\1[token]", text))


class RedactSecrets(logging.Filter):
    """On every handler, in every setting: a log line never carries a personal-link token or a query string.

    Django's "Internal Server Error: /f/…" and gunicorn's "Error handling request /f/…" included.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        from portal.middleware import current_request_id

        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": current_request_id() or None,
            "message": redact(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
