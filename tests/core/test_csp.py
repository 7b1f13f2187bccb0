"""The content-security policy: every portal page carries the strict one, the back office its
looser one, and no template of ours holds code the strict policy would refuse."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from core.csp import is_back_office
from tests import factories
from tests.inline_code import inline_code
from tests.project import project_apps

HEADER = "Content-Security-Policy"

# Templates that never reach a browser as a portal page: rendered to PDF by WeasyPrint, or laid
# out inside Wagtail's admin (which carries the back office's policy).
NOT_PORTAL_PAGES = ("pdf/", "imports/layouts/admin.html")


def _our_templates():
    roots = [Path(settings.BASE_DIR) / "templates"]
    roots += [Path(settings.BASE_DIR) / app / "templates" for app in sorted(project_apps())]
    for root in roots:
        for path in sorted(root.rglob("*.html")):
            name = path.relative_to(root).as_posix()
            if not name.startswith(NOT_PORTAL_PAGES):
                yield name, path


def test_no_template_of_ours_holds_inline_script_handlers_or_styles():
    offenders = {
        name: kinds
        for name, path in _our_templates()
        if (kinds := inline_code(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


@pytest.mark.parametrize(
    ("html", "kinds"),
    [
        ("<script>alert(1)</script>", ["script"]),
        ('<script src="/static/js/site.js" defer></script>', []),
        ('<script type="application/json" id="d">{}</script>', []),
        ('<input onclick="this.select()">', ["handler"]),
        ('<progress style="width:100%">', ["style"]),
        ("<style>p { color: red }</style>", ["style"]),
        ("<p>onclick= in text, style= too</p>", []),
    ],
)
def test_the_scan_tells_inline_code_from_the_rest(html, kinds):
    assert inline_code(html) == kinds


def _strict(policy: str) -> bool:
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    return (
        directives["default-src"] == "'self'"
        and directives["script-src"] == "'self'"
        and directives["style-src"] == "'self'"
    )


@pytest.mark.django_db
def test_public_pages_carry_the_strict_policy(client):
    for path in [
        reverse("account_login"),
        reverse("credentials:verify_start"),
        reverse("competitions:index"),
        reverse("practicum:completion_public_list"),
        reverse("search"),
        reverse("healthz"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert _strict(response[HEADER]), path
        assert inline_code(response.content.decode()) == [], path


@pytest.mark.django_db
def test_signed_in_pages_carry_the_strict_policy(wang_fang, zhang_min):
    pages = {
        wang_fang: ["accounts:home", "calendars:manage", "credentials:mine"],
        zhang_min: ["accounts:home", "accounts:overview", "credentials:review"],
    }
    for person, names in pages.items():
        client = Client()
        client.force_login(person.user)
        for name in names:
            response = client.get(reverse(name), follow=True)
            assert response.status_code == 200, name
            assert _strict(response[HEADER]), name
            assert inline_code(response.content.decode()) == [], name


@pytest.mark.django_db
def test_the_back_office_carries_its_own_looser_policy():
    client = Client()
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in response[HEADER]
    assert "object-src 'none'" in response[HEADER]


def test_only_the_admins_are_back_office():
    assert is_back_office("/admin/pages/3/edit/") and is_back_office("/django-admin/")
    assert not is_back_office("/administration/") and not is_back_office("/training/")


@pytest.mark.django_db
def test_error_pages_carry_the_policy_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and _strict(response[HEADER])
