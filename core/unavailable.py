"""The database unreachable: every page answers 503 with a Chinese page, not a 500.

Nothing here touches the database: the page is rendered without the request's context (no
session, no user). Django opens a fresh connection on the next request (CONN_HEALTH_CHECKS
drops a broken persistent one), so the portal recovers without a restart once the database is
back.

Two paths lead here. An error raised by a view reaches `DatabaseUnavailableMiddleware`; one
raised by a middleware (the session or the user being loaded, a redirect lookup) or while
rendering an error page has already been turned into a 500 by Django, whose `handler500`
(`server_error` below) answers 503 instead when the error under way is the database's.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

logger = logging.getLogger(__name__)


def unavailable_response() -> HttpResponse:
    """The 503 page, rendered with no request context so that it cannot reach the database."""
    content = loader.get_template("503.html").render()
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view fails because the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=True)
        return unavailable_response()


def server_error(request: HttpRequest) -> HttpResponse:
    """`handler500`: 503 when the error being handled is the database's, else Django's 500."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return unavailable_response()
    return defaults.server_error(request)
