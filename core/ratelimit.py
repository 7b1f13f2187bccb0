"""A fixed-window rate limit per client IP, kept in the cache (Redis in production)."""

from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_ip(request: HttpRequest) -> str:
    """The client's address, found as sign-in finds it (allauth's adapter): REMOTE_ADDR, or
    behind `TRUSTED_PROXY_COUNT` proxies the address they name in X-Forwarded-For."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def mask_ip(ip: str) -> str:
    """`203.0.113.*` / `2001:db8:85a3:*`: enough to tell visits apart, not to identify anyone."""
    if ":" in ip:
        return ":".join(ip.split(":")[:3]) + ":*"
    parts = ip.split(".")
    return ".".join(parts[:3]) + ".*" if len(parts) == 4 else "*"


def allow(*, group: str, key: str, limit: int, seconds: int) -> bool:
    """Count one hit for `key` in the current window; False once `limit` is exceeded."""
    window = int(timezone.now().timestamp()) // seconds
    name = f"ratelimit:{group}:{key}:{window}"
    cache.add(name, 0, seconds)
    try:
        return cache.incr(name) <= limit
    except ValueError:  # expired between add and incr
        cache.set(name, 1, seconds)
        return True


def ratelimit(*, group: str, limit_setting: str, seconds: int):
    """View decorator: at most `settings.<limit_setting>` requests per client IP per `seconds`;
    then 429 with Retry-After."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            limit = getattr(settings, limit_setting)
            if not allow(group=group, key=client_ip(request), limit=limit, seconds=seconds):
                response = render(request, "429.html", status=429)
                response["Retry-After"] = str(seconds)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
