"""Gunicorn's access log as one JSON object a line, with the request id (`gunicorn.conf.py`
sets it as `logger_class`). Gunicorn's own format string would not escape quotes in a path or
a user agent; this builds the line with `json.dumps`."""

import json

from gunicorn.glogging import Logger

from core.request_id import HEADER


def access_record(atoms: dict) -> dict:
    """The fields of one access-log line, from gunicorn's atoms for the request."""
    header = "{" + HEADER.lower() + "}"
    return {
        "time": atoms["t"].strip("[]"),
        "logger": "gunicorn.access",
        "request_id": atoms.get(header + "o") or atoms.get(header + "i") or "-",
        "remote_addr": atoms["h"],
        "forwarded_for": atoms.get("{x-forwarded-for}i", "-"),
        "method": atoms["m"],
        "path": atoms["U"],
        "query": atoms["q"],
        "status": int(atoms["s"]),
        "bytes": atoms["B"] or 0,
        "duration_ms": atoms["M"],
        "referer": atoms["f"],
        "user_agent": atoms["a"],
    }


class JsonAccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        record = access_record(self.atoms(resp, req, environ, request_time))
        self.access_log.info(json.dumps(record, ensure_ascii=False))
