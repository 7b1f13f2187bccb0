import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from credentials import progress, qualifications
from credentials.models import Qualification, RegistrationReminder
from lms.models import HourEntry
from quotas.services import policy_packs

PDF = b"%PDF-1.4 scan"


def _scan(name="scan.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture
def qualification(wang_fang, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return qualifications.qualification_submit(
        person=wang_fang,
        level="assistant",
        certificate_number="ZL2023001",
        passed_on=dt.date(2023, 6, 18),
        scan=_scan(),
        registered_on=dt.date(2023, 9, 1),
        by=wang_fang.user,
    )


def test_worker_enters_a_qualification_with_a_scan(client, wang_fang, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(wang_fang.user)
    response = client.post(
        reverse("credentials:qualification_new"),
        {
            "level": "assistant",
            "certificate_number": "zl2024-9",
            "passed_on": "2024-06-20",
            "registered_on": "2024-08-01",
            "scan": _scan(),
        },
    )
    assert response.status_code == 302
    q = Qualification.objects.get()
    assert q.certificate_number == "ZL2024-9" and q.verified_at is None
    assert q.registrations.get().ends_on == dt.date(2027, 7, 31)


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [("scan.exe", PDF, "只接受"), ("scan.pdf", b"MZ\x90\x00", "不符"), ("scan.png", PDF, "不符")],
)
def test_scan_of_a_wrong_type_is_refused(client, wang_fang, name, body, message):
    client.force_login(wang_fang.user)
    response = client.post(
        reverse("credentials:qualification_new"),
        {
            "level": "assistant",
            "certificate_number": "X1",
            "passed_on": "2024-06-20",
            "scan": _scan(name, body),
        },
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Qualification.objects.exists()


def test_overlapping_renewal_is_refused(qualification, wang_fang):
    with pytest.raises(ValidationError):
        qualifications.registration_add(
            qualification=qualification, starts_on=dt.date(2026, 1, 1), by=wang_fang.user
        )
    renewed = qualifications.registration_add(
        qualification=qualification, starts_on=dt.date(2026, 9, 1), by=wang_fang.user
    )
    assert renewed.ends_on == dt.date(2029, 8, 31)


def test_r21_reminders_90_and_30_days_before_expiry_once(qualification):
    ends_on = qualification.registrations.get().ends_on
    assert qualifications.reminders_send(today=ends_on - dt.timedelta(days=90)) == 1
    assert qualifications.reminders_send(today=ends_on - dt.timedelta(days=90)) == 0
    assert qualifications.reminders_send(today=ends_on - dt.timedelta(days=30)) == 1
    assert qualifications.reminders_send(today=ends_on - dt.timedelta(days=31)) == 0
    assert RegistrationReminder.objects.count() == 2


def test_reminder_mail_is_sent_on_commit(qualification, django_capture_on_commit_callbacks):
    ends_on = qualification.registrations.get().ends_on
    with django_capture_on_commit_callbacks(execute=True):
        qualifications.reminders_send(today=ends_on - dt.timedelta(days=30))
    assert len(mail.outbox) == 1 and "30 天后到期" in mail.outbox[0].subject


def _hours(person, on, kind="continuing"):
    HourEntry.objects.create(
        person=person,
        on=on,
        minutes=600,
        kind=kind,
        providing_level="county",
        source="adjustment",
        reason="测试",
    )


@pytest.fixture
def national(db):
    return policy_packs.policy_pack_load(name="national")[0]


def test_r22_progress_counts_the_registration_period(national, qualification, wang_fang):
    for on in (dt.date(2023, 8, 1), dt.date(2024, 3, 1), dt.date(2025, 3, 1)):
        _hours(wang_fang, on)
    result = progress.progress_for(person=wang_fang, today=dt.date(2025, 6, 1))
    assert result.continuing.owed_minutes == 72 * 60  # the national pack's 72 h
    assert result.continuing.credited_minutes == 1200  # the 2023-08-01 row precedes the period
    assert result.registration_status == "valid"
    assert result.next_level == "intermediate" and result.exam.route.years == 3


def test_r22_progress_counts_only_continuing_education(national, qualification, wang_fang):
    _hours(wang_fang, dt.date(2024, 3, 1))
    _hours(wang_fang, dt.date(2024, 4, 1), kind="practice")
    result = progress.progress_for(person=wang_fang, today=dt.date(2025, 6, 1))
    assert result.continuing.credited_minutes == 600


def test_r22_progress_invents_no_number_without_a_rule(client, qualification, wang_fang):
    assert progress.progress_for(person=wang_fang, today=dt.date(2025, 6, 1)).continuing is None
    client.force_login(wang_fang.user)
    page = client.get(reverse("credentials:progress")).content.decode()
    assert "尚无适用的继续教育学时规则" in page


def test_progress_page(client, national, qualification, wang_fang):
    client.force_login(wang_fang.user)
    page = client.get(reverse("credentials:progress")).content.decode()
    assert "ZL2023001" in page and "R22" in page and "R23" in page
    assert "不少于72小时" in page and "只计“继续教育”类培训" in page


def test_admin_verifies_in_scope(client, qualification, zhang_min):
    client.force_login(zhang_min.user)
    assert "ZL2023001" in client.get(reverse("credentials:review")).content.decode()
    response = client.post(reverse("credentials:qualification_verify", args=[qualification.pk]))
    assert response.status_code == 302
    qualification.refresh_from_db()
    assert qualification.verified_by == zhang_min.user


@pytest.mark.parametrize(
    ("who", "status"), [("chen_jing", 404), ("li_qiang", 403), ("wang_fang", 403)]
)
def test_verify_refuses_wrong_user(client, request, qualification, who, status):
    client.force_login(request.getfixturevalue(who).user)
    response = client.post(reverse("credentials:qualification_verify", args=[qualification.pk]))
    assert response.status_code == status


def test_scan_for_holder_and_admin_only(client, qualification, wang_fang, zhang_min, chen_jing):
    url = reverse("credentials:scan", args=[qualification.pk])
    for user, status in [(wang_fang.user, 200), (zhang_min.user, 200), (chen_jing.user, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status


def test_review_list_query_count(
    client, tree, zhang_min, django_assert_max_num_queries, settings, tmp_path
):
    from tests import factories

    settings.MEDIA_ROOT = tmp_path / "media"
    for n in range(30):
        person = factories.PersonFactory(region=tree.county_a)
        Qualification.objects.create(
            person=person,
            level="assistant",
            certificate_number=f"N{n}",
            passed_on=dt.date(2024, 1, 1),
        )
    client.force_login(zhang_min.user)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("credentials:review")).status_code == 200


def test_a_certificate_number_taken_meanwhile_is_refused_with_a_message(qualification, wang_fang):
    with pytest.raises(ValidationError, match="该证书编号已登记"):
        qualifications.qualification_submit(
            person=wang_fang,
            level="assistant",
            certificate_number="ZL2023001",
            passed_on=dt.date(2023, 6, 18),
            scan=_scan(),
            registered_on=None,
            by=wang_fang.user,
        )
    assert wang_fang.qualifications.count() == 1
