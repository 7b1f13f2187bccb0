"""A request id on every request, its response and every log record written while it runs.

The proxy's `X-Request-ID` is kept when it looks like an id (so nginx's, gunicorn's and Django's
lines of one request share it); otherwise a new one is made. The id travels in a contextvar,
which each thread (gunicorn's gthread workers) and each task has on its own; `RequestIdFilter`
copies it onto log records, "-" outside a request.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
NO_REQUEST = "-"
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._:-]{8,128}")

current_request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)


def request_id_from(header_value: str | None) -> str:
    """The proxy's id when it is 8 to 128 plain characters, else a new random one (nothing a
    client sends reaches the logs unchecked)."""
    if header_value and _ACCEPTABLE.fullmatch(header_value):
        return header_value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on each record as `request_id`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True
