"""Course completion certificates (结业证明) for runs the worker completed (R11)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from credentials import services
from credentials.models import Certificate
from lms.models import Course, Enrolment, Kind, Level
from lms.services import attendance as attendance_services
from tests.lms.conftest import make_run


@pytest.fixture
def finished_run(tree, settings, tmp_path):
    import datetime as dt

    from django.utils import timezone

    settings.MEDIA_ROOT = tmp_path / "media"
    course = Course.objects.create(
        title="社会工作实务技巧",
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        organiser_region=tree.county_a,
        region=tree.county_a,
        minutes_per_session=180,
    )
    return make_run(course, sessions=2, start=timezone.now() - dt.timedelta(days=10))


def _enrol(run, person):
    return Enrolment.objects.create(
        run=run, person=person, status="enrolled", created_by=person.user
    )


def test_completion_needs_the_attendance_rule(finished_run, wang_fang, zhang_min):
    enrolment = _enrol(finished_run, wang_fang)
    with pytest.raises(ValidationError):
        services.completion_certificate_issue(enrolment=enrolment, issued_by=None)
    for session in finished_run.sessions.all():
        attendance_services.attendance_mark(
            session=session, people=[wang_fang], marked_by=zhang_min.user, method="checklist"
        )
    certificate = services.completion_certificate_issue(enrolment=enrolment, issued_by=None)
    rows = dict(certificate.snapshot["sections"][0]["rows"])
    assert rows["出勤"] == "2/2" and rows["认定学时"] == "6.0"
    assert certificate.subject == f"lms-run:{finished_run.pk}"


def test_worker_issues_from_my_certificates(client, finished_run, wang_fang, zhang_min):
    enrolment = _enrol(finished_run, wang_fang)
    for session in finished_run.sessions.all():
        attendance_services.attendance_mark(
            session=session, people=[wang_fang], marked_by=zhang_min.user, method="checklist"
        )
    client.force_login(wang_fang.user)
    assert "社会工作实务技巧" in client.get(reverse("credentials:mine")).content.decode()
    response = client.post(reverse("credentials:completion_certificate_new", args=[enrolment.pk]))
    assert response.status_code == 302
    assert Certificate.objects.get().kind == "course_completion"


def test_other_peoples_enrolment_is_404(client, finished_run, wang_fang, zhang_min):
    enrolment = _enrol(finished_run, wang_fang)
    client.force_login(zhang_min.user)
    url = reverse("credentials:completion_certificate_new", args=[enrolment.pk])
    assert client.post(url).status_code == 404
