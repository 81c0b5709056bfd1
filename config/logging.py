"""Logging filter that keeps NPWP and NIK numbers out of the logs (UU 27/2022 PDP).

Attached to the handlers in settings.LOGGING, so every record that reaches a handler, from
any logger, is redacted: the message with its arguments, a traceback's text and string
`extra` fields. A run of 15 or 16 digits, written plainly or grouped with dots, dashes or
spaces (NPWP "01.234.567.8-912.000", 16-digit NPWP/NIK "3325012345678901"), becomes
"[disamarkan]". Shorter numbers (NIB has 13 digits, phone numbers up to 14) pass unchanged.

The filter is the safety net; the rule is that no code logs request.POST, request.FILES,
form data or document contents in the first place.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[disamarkan]"

# 15-16 digits, optionally one separator (dot, dash, space) between digits, not part of a
# longer digit run (with or without separators).
_ID_NUMBER = re.compile(r"(?<!\d)(?<!\d[.\- ])(?:\d[.\- ]?){14,15}\d(?![.\- ]?\d)")

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD_ATTRS = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys()
    | {"message", "asctime", "request", "taskName"}
)


def redact(text: str) -> str:
    """`text` with every NPWP/NIK-like number replaced by "[disamarkan]"."""
    return _ID_NUMBER.sub(REDACTED, text)


class RedactPersonalDataFilter(logging.Filter):
    """Replace NPWP/NIK-like numbers in a record before a handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler's error path
            message = None
        if message is not None:
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text; fill it now so the traceback is redacted too.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, redact(value))
        return True
