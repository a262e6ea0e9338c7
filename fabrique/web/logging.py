"""Logs never keep a private link: the token segments of private paths are masked.

The follow/withdraw link of a testimony (``/vos-histoires/suivi/<token>/<signature>/``)
lets whoever holds it read the story's status and erase it; the thank-you URL carries the
same token. A log line holding it beside the author's IP address would tell an operator,
or anyone who reads the logs later, who wrote what. Every log the project writes goes
through :func:`mask_private_paths`: Django's records (``Not Found: …``, ``Forbidden (CSRF
cookie not set.): …``) through :class:`PrivatePathFilter` in ``LOGGING``, gunicorn's
access and error logs through :class:`GunicornLogger` (``gunicorn.conf.py``), request
line and ``Referer`` included.

This module imports nothing from Django so that gunicorn can load it before the project.
A new private path is added to ``PRIVATE_PATH_PREFIXES`` and nowhere else.
"""

import logging
import re
from urllib.parse import unquote

from gunicorn.glogging import Logger

# Everything after one of these prefixes is replaced by MASK (query string included).
PRIVATE_PATH_PREFIXES = (
    "/vos-histoires/suivi/",
    "/vos-histoires/merci/",
    # The e-mail confirmation link names the story and proves the address.
    "/vos-histoires/confirmer/",
    # The follow link of an answer to a call (any call's slug before it).
    "/suivi/",
)
MASK = "***"

# A URL-like run of characters: paths, full URLs, request targets. Quotes and spaces end it.
_CHUNK = re.compile(r"""[^\s"'<>]+""")


def _mask_chunk(match: re.Match) -> str:
    chunk = match.group(0)
    # Percent-encoded spellings (/vos-histoires/%73uivi/…) route to the same view.
    decoded = unquote(chunk)
    lowered = decoded.lower()
    for prefix in PRIVATE_PATH_PREFIXES:
        position = lowered.find(prefix)
        if position != -1:
            return decoded[: position + len(prefix)] + MASK
    return chunk


def mask_private_paths(text: str) -> str:
    """The text with every private path's token segments replaced by ``***``."""
    if "/" not in text:
        return text
    return _CHUNK.sub(_mask_chunk, text)


class PrivatePathFilter(logging.Filter):
    """Rewrites a record's message with the private paths masked; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is the logging module's to report
            return True
        masked = mask_private_paths(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True


class GunicornLogger(Logger):
    """gunicorn's logger with private paths masked in the access and error logs."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, PrivatePathFilter) for f in log.filters):
                log.addFilter(PrivatePathFilter())
