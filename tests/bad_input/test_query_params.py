"""Garbage in the query string of the pages that read one (search boxes, list filters, paging,
years): never a 500, and what a page echoes back is escaped. Pages of county 甲's own records are
opened, so the view gets past its loader to the parameters."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.walk.test_every_url import ROUTES

PARAMS = (
    "q", "page", "year", "month", "week", "quarter", "kind", "level", "county", "term", "form",
    "region", "errors", "expiring", "load_page", "courses", "show", "starts_after", "status",
    "places_left", "code", "next", "week_starts_on", "person", "station",
)  # fmt: skip
GARBAGE = [
    "' OR 1=1 -- <script>alert(1)</script>\"><img src=x onerror=alert(1)>😀\x00",
    "9" * 40,
    "長" * 2000,
]
RAW = ("<script>alert(1)</script>", "<img src=x onerror")
ROLES = ["worker", "supervisor", "region_admin", "university_coordinator"]


def _pages(client, world) -> list[str]:
    """The pages without parameters this user may open, and county 甲's pages that read filters."""
    home = world.home
    with_ids = [
        reverse("quotas:station", args=[home.station.pk]),
        reverse("quotas:region", args=[home.county.pk]),
        reverse("quotas:region_reports", args=[home.county.pk]),
        reverse("quotas:region_weekly", args=[home.county.pk]),
        reverse("supervision:station_sessions", args=[home.station.pk]),
        reverse("lms:person_hours", args=[home.worker.pk]),
        reverse("practicum:coord_dashboard", args=[home.university.pk]),
        reverse("practicum:coord_students", args=[home.university.pk]),
        reverse("practicum:coord_bases", args=[home.university.pk]),
    ]
    plain = [
        "/" + route
        for route, pattern in ROUTES
        if not pattern.pattern.converters and not route.startswith(("admin/", "django-admin/"))
    ]
    return [path for path in plain + with_ids if client.get(path).status_code == 200]


@pytest.mark.parametrize("role", ROLES)
def test_garbage_query_parameters_never_break_a_page(world, role):
    client = Client(raise_request_exception=False)
    client.force_login(world.walkers[role])
    pages = _pages(client, world)
    assert len(pages) > 3
    errors, echoed = [], []
    for path in pages:
        for value in GARBAGE:
            response = client.get(path, dict.fromkeys(PARAMS, value))
            if response.status_code >= 500:
                errors.append(f"{path} {value[:12]!r} → {response.status_code}")
            elif response["Content-Type"].startswith("text/html") and any(
                raw in response.content.decode() for raw in RAW
            ):
                echoed.append(path)
    assert errors == []
    assert echoed == []
