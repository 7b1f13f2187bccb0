"""Completion and the practicum certificate (R15, issue item 7): issued when hours, final
evaluations and a passing grade are in; verifiable at /verify/; in the person's record."""

import pytest
from django.urls import reverse

from credentials.models import Certificate, ShareLink
from practicum import completion_rules
from practicum.models import Evaluation
from practicum.services import completion, evaluations, weekly_logs
from tests.pdf_tools import pdf_text
from tests.practicum.completion.conftest import confirmed_weeks, evaluation_row

FINAL = Evaluation.Stage.FINAL


def finals(practicum, application):
    evaluation_row(
        application,
        stage=FINAL,
        party=Evaluation.Party.FIELD_SUPERVISOR,
        form=practicum.form,
        by=practicum.field_supervisor.user,
    )
    evaluation_row(
        application,
        stage=FINAL,
        party=Evaluation.Party.TUTOR,
        form=practicum.form,
        by=practicum.tutor.user,
    )


@pytest.fixture
def completed(practicum, accepted, media, django_capture_on_commit_callbacks):
    confirmed_weeks(accepted)
    finals(practicum, accepted)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = evaluations.grade_enter(
            application=accepted, grade="excellent", by=practicum.tutor.user
        )
    certificate.refresh_from_db()
    return certificate


@pytest.mark.parametrize(
    ("hours_met", "parties", "grade", "missing"),
    [
        (True, ["field", "tutor"], "good", []),
        (True, ["field", "tutor", "self"], "pass", []),
        (False, ["field", "tutor"], "good", ["已确认实习时数未达到专业要求"]),
        (True, ["tutor"], "good", ["站点督导的终期评价"]),
        (True, ["field"], "good", ["校内导师的终期评价"]),
        (True, ["field", "tutor"], "", ["最终成绩"]),
        (True, ["field", "tutor"], "fail", ["及格及以上的最终成绩"]),
    ],
)
def test_r15_what_completion_needs(hours_met, parties, grade, missing):
    assert (
        completion_rules.missing_for_completion(
            hours_met=hours_met, final_parties=parties, grade=grade
        )
        == missing
    )


def test_r15_grade_completing_the_placement_issues_the_certificate(practicum, accepted, completed):
    assert completed.kind == Certificate.Kind.PRACTICUM
    assert completed.holder == practicum.student.person
    assert completed.subject == f"practicum-application:{accepted.pk}"
    assert completed.pdf and completed.pdf_sha256
    rows = dict(completed.snapshot["sections"][0]["rows"])
    assert rows["高校"] == "湖南师范大学" and rows["院系"] == "社会学系"
    assert rows["专业"] == "社会工作" and rows["实习站点"] == practicum.tree.station_a.name
    assert rows["已确认实习时数（小时）"] == "800.0" and rows["专业要求时数（小时）"] == "800.0"
    assert rows["站点实习督导"] == "刘督导" and rows["校内导师"] == "孙导师"
    assert rows["最终成绩"] == "优秀"
    assert completed.period_starts_on == practicum.placement.starts_on


def test_r15_short_hours_hold_the_certificate_until_a_confirmation(
    practicum, accepted, media, django_capture_on_commit_callbacks
):
    confirmed_weeks(accepted, weeks=15)
    finals(practicum, accepted)
    assert (
        evaluations.grade_enter(application=accepted, grade="good", by=practicum.tutor.user) is None
    )
    accepted.refresh_from_db()
    assert completion.missing_for(accepted) == ["已确认实习时数未达到专业要求"]
    log = weekly_logs.weekly_log_submit(
        application=accepted,
        week_starts_on=practicum.placement.ends_on.replace(day=22),
        minutes=3000,
        activities="结项",
        reflection="总结",
        user=practicum.student.person.user,
        today=practicum.placement.ends_on,
    )
    assert not Certificate.objects.exists()  # submitted, not yet confirmed
    with django_capture_on_commit_callbacks(execute=True):
        weekly_logs.weekly_log_confirm(log=log, user=practicum.field_supervisor.user)
    certificate = Certificate.objects.get()
    assert certificate.subject == f"practicum-application:{accepted.pk}"
    again = completion.practicum_complete_if_ready(application=accepted, by=practicum.tutor.user)
    assert again == certificate and Certificate.objects.count() == 1


def test_r15_failing_grade_gives_no_certificate(practicum, accepted, media):
    confirmed_weeks(accepted)
    finals(practicum, accepted)
    assert (
        evaluations.grade_enter(application=accepted, grade="fail", by=practicum.tutor.user) is None
    )
    assert not Certificate.objects.exists()


def test_reissue_supersedes_the_current_certificate(practicum, accepted, completed):
    newer = completion.practicum_certificate_issue(
        application=accepted, by=practicum.coordinator.user
    )
    completed.refresh_from_db()
    assert newer.supersedes == completed and completed.status == Certificate.Status.SUPERSEDED
    assert completion.certificate_of(accepted) == newer


def test_r15_certificate_verifies_at_verify(client, completed, practicum):
    response = client.get(reverse("credentials:verify", args=[completed.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "实习证明" in page and "钱学生" in page and "800.0" in page and "刘督导" in page
    assert practicum.student.person.id_number not in page
    document = client.get(reverse("credentials:verify_json", args=[completed.code])).json()
    assert document["certificate"]["holder"]["name"] == "钱学生"


def test_r15_certificate_pdf_carries_the_practicum_facts(completed):
    text = pdf_text(completed.pdf.read())
    assert "实习证明" in text and "湖南师范大学" in text and "800.0" in text


def test_r15_certificate_in_the_holders_record_and_share_link(client, completed, practicum):
    user = practicum.student.person.user
    client.force_login(user)
    assert "实习证明" in client.get(reverse("credentials:mine")).content.decode()
    client.post(reverse("credentials:share_create"), {"days": "7"})
    link = ShareLink.objects.get()
    client.logout()
    shared = client.get(reverse("credentials:shared", args=[link.token])).content.decode()
    assert "实习证明" in shared
