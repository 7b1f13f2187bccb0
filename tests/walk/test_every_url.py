"""Every URL of the portal, walked as each role of county 甲 and anonymously: never a 500, and
never a page that shows county 乙's records (names carry MARKER). The patterns come from the URL
map, so a new view cannot skip the walk. Object ids are the lowest keys (county 乙's records),
one that does not exist, and years in and out of range."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from core.csp import is_back_office
from tests.built_once import built_once
from tests.inline_code import inline_code
from tests.project import project_apps
from tests.walk import world

OUR_APPS = project_apps()
INT_VALUES = {"year": ("2025", "0", "99999")}
INT_DEFAULT = ("1", "2", "999999")
STR_VALUES = {"fmt": ("pdf", "xlsx"), "code": ("ABCD2345",), "token": ("not-a-token",)}
ROLES = ["anonymous", *world.build.__globals__["Role"].values]


def _our_patterns(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _our_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            module = getattr(pattern.callback, "__module__", "")
            if module.split(".")[0] in OUR_APPS:
                yield prefix + str(pattern.pattern), pattern


def _paths(route: str, pattern: URLPattern):
    """Concrete paths for a route: every combination of candidate values of its parameters."""
    converters = pattern.pattern.converters
    paths = ["/" + route]
    for name, converter in converters.items():
        if name in INT_VALUES:
            values = INT_VALUES[name]
        elif type(converter).__name__ == "IntConverter":
            values = INT_DEFAULT
        else:
            values = STR_VALUES.get(name, ("x",))
        placeholder = f"<{_converter_name(route, name)}:{name}>"
        paths = [path.replace(placeholder, value) for path in paths for value in values]
    return [path.replace("^", "").replace("$", "") for path in paths]


def _converter_name(route: str, name: str) -> str:
    start = route.index(f":{name}>")
    return route[route.rindex("<", 0, start) + 1 : start]


ROUTES = sorted(_our_patterns(), key=lambda item: item[0])


def test_the_walk_covers_the_apps():
    routes = [route for route, _ in ROUTES]
    assert any(r.startswith("training/") for r in routes)
    assert any(r.startswith("supervision/") for r in routes)
    assert any(r.startswith("quotas/") for r in routes)
    assert any(r.startswith("credentials/") for r in routes)


@pytest.fixture(scope="module")
def walked(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for the walks in a transaction rolled back after the last one; each
    walk runs in a savepoint inside it."""
    with built_once(django_db_blocker, tmp_path_factory, world.build, run_on_commit=True) as built:
        yield built


@pytest.mark.parametrize("role", ROLES)
def test_every_url_as_each_role(walked, db, role):
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(walked.walkers[role])
    errors, leaks, unguarded = [], [], []
    for route, pattern in ROUTES:
        for path in _paths(route, pattern):
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                if response.status_code >= 500:
                    errors.append(f"{method.upper()} {path} → {response.status_code}")
                elif _shows_other_county(response):
                    leaks.append(f"{method.upper()} {path} → {response.status_code}")
                if problem := _csp_problem(path, response):
                    unguarded.append(f"{method.upper()} {path}: {problem}")
    assert errors == [], "\n".join(errors)
    assert leaks == [], "\n".join(leaks)
    assert unguarded == [], "\n".join(unguarded)


def _csp_problem(path: str, response) -> str:
    """What is wrong with a page's content-security policy: missing, or inline code on a portal
    page (which the strict policy would refuse; the back office has its own); "" when nothing is.
    """
    if "Content-Security-Policy" not in response:
        return "no Content-Security-Policy header"
    if not is_back_office(path) and response.get("Content-Type", "").startswith("text/html"):
        if kinds := inline_code(response.content.decode(errors="replace")):
            return "inline " + ", ".join(kinds)
    return ""


def _shows_other_county(response) -> bool:
    if response.get("Content-Type", "").startswith(("text/", "application/json")):
        return world.MARKER in response.content.decode(errors="replace")
    return False


# The views that answer the signed-out; every other view of ours needs a sign-in, given by
# LoginRequiredMiddleware alone (no view wraps itself in login_required).
PUBLIC_ROUTES = {
    "healthz",
    "competitions/",
    "competitions/<int:pk>/",
    "practicum/placements/",
    "practicum/placements/<int:pk>/",
    "me/invitation/<str:token>/",
    "calendar/feed/<str:token>.ics",
    "verify/",
    "verify/pdf/",
    "verify/public-key.pem",
    "verify/<str:code>.json",
    "verify/<str:code>/",
    "share/<str:token>/",
    "images/<str:signature>/<int:image_id>/<str:filter_spec>/",
    "images/<str:signature>/<int:image_id>/<str:filter_spec>/<str:filename>",
    "search/",
}


def test_only_the_listed_views_are_public():
    public = {
        route for route, pattern in ROUTES if not getattr(pattern.callback, "login_required", True)
    }
    assert public == PUBLIC_ROUTES


def test_signed_out_visitors_are_sent_to_the_one_sign_in_page(client, db):
    for route, pattern in ROUTES:
        if route in PUBLIC_ROUTES or route.startswith("admin/"):
            continue
        path = _paths(route, pattern)[0]
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/?next="), path
