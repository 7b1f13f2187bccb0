"""Practicum's part of `manage.py seed_demo` (R15): two universities with agreements,
placements, students at different stages, logs confirmed and returned, one completed placement
with its certificate; the demo logins work for every role; idempotent; reset empties it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import RoleGrant, User
from accounts.roles import Role
from credentials.models import Certificate
from practicum import demo_seed
from practicum.models import (
    Application,
    Evaluation,
    Placement,
    PracticeBase,
    StudentSupervision,
    WeeklyLog,
)
from practicum.selectors.hours import progress_of

pytestmark = pytest.mark.django_db

HUNNU, ZJU = demo_seed.HUNNU, demo_seed.ZJU


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def application_of(address: str) -> Application:
    return Application.objects.select_related("placement").get(student__person__user__email=address)


@pytest.fixture
def seeded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return seed()


def test_the_practicum_demo(seeded, client):
    """One seeding for every check: the whole demo takes a while to build."""
    _universities_students_at_their_stages_and_the_report(seeded, client)
    _demo_logins_open_their_pages(client)
    _second_run_adds_nothing_and_reset_empties()


def _universities_students_at_their_stages_and_the_report(seeded, client):
    bases = PracticeBase.objects.select_related("university", "service_point")
    assert {(b.university.name, b.service_point.name) for b in bases} == {
        ("湖南师范大学", "星沙街道社会工作服务站"),
        ("浙江大学", "北山街道社会工作站"),
    }
    named = {b.university.name: [p.user.email for p in b.field_supervisors.all()] for b in bases}
    assert named == {
        "湖南师范大学": ["deputy.xingsha@example.cn"],
        "浙江大学": ["deputy.beishan@example.cn"],
    }
    for role in (Role.PRACTICUM_TUTOR, Role.PRACTICUM_STUDENT):
        assert RoleGrant.objects.filter(role=role, university__name="浙江大学").exists()
        assert RoleGrant.objects.filter(role=role, university__name="湖南师范大学").exists()

    pending = application_of(demo_seed.student_of(HUNNU, 1))
    assert (pending.state, pending.station_decision, pending.coordinator_decision) == (
        Application.State.PENDING,
        "",
        "",
    )
    assert application_of(demo_seed.student_of(ZJU, 1)).state == Application.State.PENDING

    placed = application_of(demo_seed.student_of(HUNNU, 2))
    assert placed.state == Application.State.ACCEPTED
    states = list(placed.weekly_logs.order_by("week_starts_on").values_list("state", flat=True))
    assert states == ["confirmed", "confirmed", "returned", "submitted"]
    assert placed.weekly_logs.get(state=WeeklyLog.State.RETURNED).return_comment
    assert not progress_of(placed).met

    done = application_of(demo_seed.student_of(HUNNU, 3))
    assert progress_of(done).met and done.final_grade == "good"
    assert done.placement.status == Placement.Status.CLOSED
    assert done.evaluations.count() == 6
    assert set(done.evaluations.values_list("stage", flat=True)) == set(Evaluation.Stage.values)
    assert StudentSupervision.objects.filter(students=done).count() == 2
    certificate = Certificate.objects.get(subject=f"practicum-application:{done.pk}")
    assert certificate.kind == Certificate.Kind.PRACTICUM and certificate.pdf

    assert "Demo practicum (R15)" in seeded
    assert f"/verify/{certificate.code}/" in seeded
    for address in demo_seed.LOGINS:
        assert address in seeded
    assert client.get(reverse("credentials:verify", args=[certificate.code])).status_code == 200


PAGES = (
    (demo_seed.coordinator_of(HUNNU), "practicum:coord_home"),
    (demo_seed.head_of(HUNNU), "practicum:placement_station"),
    (demo_seed.field_supervisor_of(HUNNU), "practicum:placement_log_queue"),
    (demo_seed.tutor_of(HUNNU), "practicum:placement_tutor"),
    (demo_seed.tutor_of(HUNNU), "practicum:completion_index"),
    (demo_seed.student_of(HUNNU, 2), "practicum:placement_student_home"),
    (demo_seed.coordinator_of(ZJU), "practicum:coord_home"),
    (demo_seed.tutor_of(ZJU), "practicum:placement_tutor"),
    (demo_seed.student_of(ZJU, 1), "practicum:placement_student_home"),
)


def _demo_logins_open_their_pages(client):
    for address, route in PAGES:
        user = User.objects.get(email=address)
        assert user.check_password(demo_seed.PASSWORD), address
        client.force_login(user)
        assert client.get(reverse(route), follow=True).status_code == 200, (address, route)
    client.force_login(User.objects.get(email=demo_seed.field_supervisor_of(HUNNU)))
    waiting = WeeklyLog.objects.get(state=WeeklyLog.State.SUBMITTED)
    page = client.get(reverse("practicum:placement_log_queue")).content.decode()
    assert reverse("practicum:placement_log_confirm", args=[waiting.pk]) in page


def _second_run_adds_nothing_and_reset_empties():
    counts = (
        PracticeBase.objects.count(),
        Application.objects.count(),
        WeeklyLog.objects.count(),
        Certificate.objects.count(),
    )
    seed()
    assert (
        PracticeBase.objects.count(),
        Application.objects.count(),
        WeeklyLog.objects.count(),
        Certificate.objects.count(),
    ) == counts
    demo_seed.reset()
    assert not PracticeBase.objects.exists() and not Application.objects.exists()
