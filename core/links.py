"""Absolute links for e-mails, PDFs, QR codes and calendar feeds: the one place SITE_URL is read."""

from django.conf import settings
from django.urls import reverse


def site_url(path: str) -> str:
    """`path` (from the site root) as an absolute URL on the public site."""
    return settings.SITE_URL.rstrip("/") + path


def absolute_url(name: str, *args) -> str:
    """The absolute URL of a named route."""
    return site_url(reverse(name, args=args))
