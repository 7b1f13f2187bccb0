"""SQL and script in every text field of the main forms: never a 500; a NUL byte is a form error
and saves nothing; what is saved is shown escaped. The forms are filled from the rendered page
(tests/bad_input/forms.py), so a new text field is attacked without changing this file."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from competitions.models import Competition, Entry
from directory.models import Person
from lms.models import Course, ExternalTraining
from practicum.models import WeeklyLog
from quotas.models import MonthlyReport
from quotas.services import reports
from supervision.models import SupervisionSession
from tests import factories
from tests.bad_input.forms import fill, main_form

HOSTILE = "' OR 1=1 -- <script>alert(1)</script> \"><img src=x onerror=alert(1)> 😀"
RAW = ("<script>alert(1)</script>", "<img src=x onerror")
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
NUL = "督导\x00记录"
LONG = "长" * 20_000


def _person_fields(**more) -> dict:
    """Identity fields that pass, and the text cut to a name's length (50)."""
    return {
        "name": lambda text: text[:50],
        "id_number": factories.make_id_number(),
        "mobile": factories.make_mobile(),
        "born_on": "1990-01-01",
        **more,
    }


def _last_monday() -> str:
    today = timezone.localdate()
    return (today - dt.timedelta(days=today.weekday() + 7)).isoformat()


def _at(*, days: int) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _pdf():
    return SimpleUploadedFile("证明.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")


def _report_url(world) -> str:
    report = reports.report_open(
        service_point=world.home.station,
        month=timezone.localdate().replace(day=1) - dt.timedelta(days=1),
        by=world.home.head.user,
        today=timezone.localdate(),
    )
    return reverse("quotas:report", args=[report.pk])


@dataclass
class Case:
    id: str
    role: str
    url: Any  # world -> path
    model: Any
    overrides: Any = field(default=lambda world: {})
    creates: bool = True  # the form adds a row (else it edits one)
    shown: Any = None  # world -> the page showing the saved text, where the form leads elsewhere


CASES = [
    Case(
        "supervision_session_log",
        "supervisor",
        lambda w: reverse("supervision:session_log", args=[w.home.station.pk]),
        SupervisionSession,
        lambda w: {f"minutes_{w.home.worker.pk}": "60", "duration_minutes": "60"},
    ),
    Case("course_create", "region_admin", lambda w: reverse("lms:course_new"), Course),
    Case(
        "external_training_claim",
        "worker",
        lambda w: reverse("lms:external_new"),
        ExternalTraining,
        lambda w: {"hours": "2", "evidence": _pdf()},
    ),
    Case(
        "monthly_report",
        "station_head",
        _report_url,
        MonthlyReport,
        lambda w: {"action": "save"},
        creates=False,
    ),
    Case(
        "competition_entry",
        "station_head",
        lambda w: reverse("competitions:entry_new", args=[w.home.competition.pk]),
        Entry,
    ),
    Case(
        "competition_create",
        "region_admin",
        lambda w: reverse("competitions:organiser_new"),
        Competition,
        lambda w: {
            "award_levels": "一等奖 1",
            "blueprint": "",
            "submissions_open_at": _at(days=1),
            "submissions_close_at": _at(days=30),
            "review_closes_at": _at(days=60),
        },
    ),
    Case(
        "practicum_weekly_log",
        "practicum_student",
        lambda w: reverse("practicum:placement_log_new", args=[w.home.practicum.application.pk]),
        WeeklyLog,
        lambda w: {"week_starts_on": _last_monday(), "minutes": "600"},
        shown=lambda w: reverse(
            "practicum:placement_log_edit", args=[WeeklyLog.objects.latest("pk").pk]
        ),
    ),
    Case(
        "practicum_student_create",
        "university_coordinator",
        lambda w: reverse("practicum:coord_student_new", args=[w.home.university.pk]),
        Person,
        lambda w: _person_fields(
            student_number=lambda text: f"S{len(text)}",
            email=lambda text: f"s{len(text)}@example.cn",
            cohort="2025",
        ),
    ),
    Case(
        "directory_person_create",
        "region_admin",
        lambda w: "/admin/people/new/",
        Person,
        lambda w: _person_fields(),
    ),
]


def _post(client, url, text, overrides):
    form = main_form(client.get(url).content.decode())
    return client.post(url, fill(form, text, overrides=overrides), follow=True)


def _errors(response) -> list:
    """The form errors a page shows, for a failing assertion's message."""
    contexts = response.context or []
    found = [v.errors for c in contexts for v in c.flatten().values() if getattr(v, "errors", 0)]
    return found or [m.message for m in response.context.get("messages", [])]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_text_is_refused_or_escaped(world, case):
    client = Client()
    client.force_login(world.walkers[case.role])
    url = case.url(world)
    assert client.get(url).status_code == 200

    before = case.model.objects.count()
    refused = _post(client, url, NUL, case.overrides(world))
    assert refused.status_code == 200
    assert "空字符" in refused.content.decode()
    assert case.model.objects.count() == before

    assert _post(client, url, LONG, case.overrides(world)).status_code in (200, 400)

    before = case.model.objects.count()
    shown = _post(client, url, HOSTILE, case.overrides(world))
    assert shown.status_code == 200
    assert case.model.objects.count() == before + case.creates, _errors(shown)
    if case.shown:
        shown = client.get(case.shown(world))
    body = shown.content.decode()
    assert not any(raw in body for raw in RAW)
    assert ESCAPED in body
