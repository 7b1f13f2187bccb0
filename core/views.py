from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_q.brokers import get_broker
from django_q.status import Stat


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def _cache() -> dict:
    key, value = "healthz:" + get_random_string(8), get_random_string(8)
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception as error:  # noqa: BLE001 - any backend failure means "down"
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": ok, "backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _queue() -> dict:
    try:
        broker = get_broker()
        reachable = bool(broker.ping())
        queued = broker.queue_size()
        clusters = len(Stat.get_all(broker=broker))
    except Exception as error:  # noqa: BLE001 - any broker failure means "down"
        return {"ok": False, "error": error.__class__.__name__}
    return {
        "ok": reachable,
        "broker": broker.__class__.__name__,
        "queued": queued,
        "clusters": clusters,
    }


LOOPBACK = frozenset({"127.0.0.1", "::1"})


def _may_see_details(request: HttpRequest) -> bool:
    """Details (vendors, queue length, errors) only for a probe on this machine that no proxy
    forwarded, or for staff; the public gets the status alone."""
    if request.META.get("REMOTE_ADDR") in LOOPBACK and "HTTP_X_FORWARDED_FOR" not in request.META:
        return True
    try:
        return request.user.is_staff
    except DatabaseError:
        return False


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The state of the database, the cache and the task queue: 200 when all are up, else 503."""
    checks = {"database": _database(), "cache": _cache(), "queue": _queue()}
    healthy = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if healthy else "down"}
    if _may_see_details(request):
        body.update(checks)
    return JsonResponse(body, status=200 if healthy else 503)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its CSRF token, or with a stale one (CSRF_FAILURE_VIEW): the portal's
    own 403 page in Chinese, which tells the user to reload and send again. Django's default is
    English with an inline style the content-security policy refuses."""
    return render(request, "403_csrf.html", status=403)
