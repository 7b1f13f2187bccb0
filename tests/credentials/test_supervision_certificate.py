"""The supervisor's yearly certificate of supervision given (R7), from confirmed sessions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from credentials import services
from credentials.models import Certificate
from supervision import services as supervision_services
from supervision.models import CommitteeLevel, SessionForm
from tests import factories
from tests.pdf_tools import pdf_text
from tests.supervision.conftest import at


@pytest.fixture
def profile(li_qiang, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return factories.linked_supervisor(li_qiang, tree.station_a, committee_level="city")


def _held(tree, profile, worker, when):
    return supervision_services.session_log(
        service_point=tree.station_a,
        supervisors=[profile],
        providing_level=CommitteeLevel.CITY,
        form=SessionForm.CIRCUIT,
        started_at=when,
        duration_minutes=90,
        status="held",
        topic="个案督导",
        supervisees=[(worker, 90)],
        logged_by=profile.person.user,
    )


def test_only_confirmed_sessions_are_certified(
    profile, tree, wang_fang, django_capture_on_commit_callbacks
):
    confirmed = _held(tree, profile, wang_fang, at(2025, 3, 3))
    _held(tree, profile, wang_fang, at(2025, 4, 7))  # still pending
    supervision_services.supervisee_confirm(
        supervisee=confirmed.supervisees.get(), confirmed_by=wang_fang.user
    )
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.supervision_certificate_issue(
            profile=profile, year=2025, issued_by=profile.person.user
        )
    certificate.refresh_from_db()
    rows = certificate.snapshot["sections"][0]["rows"]
    assert rows == [["定王台街道社工站", str(SessionForm.CIRCUIT.label), "1.5"]]
    assert "督导服务证明" in pdf_text(certificate.pdf.read())


def test_a_year_without_confirmed_supervision_is_refused(profile):
    with pytest.raises(ValidationError):
        services.supervision_certificate_issue(profile=profile, year=2025, issued_by=None)


def test_supervisor_issues_from_the_page(client, profile, tree, wang_fang):
    session = _held(tree, profile, wang_fang, at(2025, 3, 3))
    supervision_services.supervisee_confirm(
        supervisee=session.supervisees.get(), confirmed_by=wang_fang.user
    )
    client.force_login(profile.person.user)
    response = client.post(reverse("credentials:supervision_certificate_new"), {"year": "2025"})
    assert response.status_code == 302
    assert Certificate.objects.get().kind == "supervision_given"


def test_non_supervisors_get_404(client, wang_fang):
    client.force_login(wang_fang.user)
    response = client.post(reverse("credentials:supervision_certificate_new"), {"year": "2025"})
    assert response.status_code == 404


@pytest.mark.parametrize(("year", "message"), [("10000", "年度应在"), ("", "四位数")])
def test_a_year_outside_the_portal_is_refused_with_a_message(client, profile, year, message):
    client.force_login(profile.person.user)
    url = reverse("credentials:supervision_certificate_new")
    response = client.post(url, {"year": year}, follow=True)
    assert message in response.content.decode()
    assert not Certificate.objects.exists()
