"""Monthly reports (R17) without HTTP: due days, figures, the state machine, reminders, the
quarter summary. The pages are in tests/quotas/views/test_reports.py."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from quotas import report_states, rules, tasks
from quotas.models import MonthlyReport
from quotas.selectors import obligations, rule_results
from quotas.selectors import reports as selectors
from quotas.services import reports as services
from supervision import services as supervision_services
from supervision.models import CommitteeLevel, SessionForm
from tests import factories
from tests.quotas.conftest import REPORT_DATA as DATA
from tests.supervision.conftest import at

D = dt.date
Status = MonthlyReport.Status


def _file(report, head, data=DATA):
    return services.report_transition(report=report, action="submit", by=head, data=data)


def test_r17_a_countys_own_due_day_applies(county_reports, tree):
    assert rules.report_due_on(month=D(2025, 5, 1), due_day=26, covers_current_month=False) == D(
        2025, 6, 26
    )
    cycle = obligations.report_cycle_for(path=tree.station_a.region.path, month=D(2025, 5, 1))
    assert (cycle.due_day, cycle.covers_current_month, cycle.pack) == (26, False, county_reports)
    assert cycle.due_on(D(2025, 5, 1)) == D(2025, 6, 26)
    # County B sets no report: nothing is owed there.
    assert (
        obligations.report_cycle_for(path=tree.station_b.region.path, month=D(2025, 5, 1)) is None
    )


def test_month_not_yet_ended_is_refused(tree, head):
    with pytest.raises(ValidationError):
        services.report_open(
            service_point=tree.station_a, month=D(2025, 6, 1), by=head, today=D(2025, 6, 30)
        )
    assert not MonthlyReport.objects.exists()


def test_a_report_from_1900_is_refused_by_the_service(tree, head):
    with pytest.raises(ValidationError, match="日期应在"):
        services.report_open(
            service_point=tree.station_a, month=D(1900, 1, 1), by=head, today=D(2025, 6, 3)
        )
    assert not MonthlyReport.objects.exists()


def test_open_prefills_staff_changes(county_reports, tree, head, wang_fang):
    newcomer = factories.PersonFactory(region=tree.county_a, name="新人")
    factories.PositionFactory(
        person=newcomer, service_point=tree.station_a, starts_on=D(2025, 5, 12)
    )
    report = services.report_open(
        service_point=tree.station_a, month=D(2025, 5, 1), by=head, today=D(2025, 6, 3)
    )
    assert report.due_on == D(2025, 6, 26)
    assert report.figures["staff"] == 2
    assert report.figures["staff_changes"][0]["name"] == "新人"


def test_figures_count_the_month_only(tree, wang_fang, county_supervisor, credit):
    credit(wang_fang, 90, on=D(2025, 5, 20))
    credit(wang_fang, 45, on=D(2025, 6, 1))
    for day, minutes in ((D(2025, 5, 9), 120), (D(2025, 6, 2), 60)):
        supervision_services.session_log(
            service_point=tree.station_a,
            supervisors=[county_supervisor],
            providing_level=CommitteeLevel.COUNTY,
            form=SessionForm.CIRCUIT,
            started_at=at(day.year, day.month, day.day),
            duration_minutes=minutes,
            status="held",
            topic="个案督导",
            supervisees=[(wang_fang, minutes)],
            logged_by=county_supervisor.person.user,
        )
    figures = selectors.figures_for(service_point=tree.station_a, month=D(2025, 5, 1))
    assert figures == {
        "supervision_sessions": 1,
        "supervision_minutes": 120,
        "training_minutes": 90,
        "staff": 1,
        "staff_changes": [],
    }


def test_submit_review_and_lock(may_report, head, zhang_min):
    report = may_report
    services.report_transition(report=report, action="save", data=DATA, by=head)
    services.report_transition(report=report, action="submit", by=head)
    with pytest.raises(ValidationError):
        services.report_transition(report=report, action="save", data=DATA, by=head)
    with pytest.raises(ValidationError, match="必须填写审核意见"):
        services.report_transition(report=report, action="return", by=zhang_min.user, comment=" ")
    services.report_transition(report=report, action="return", by=zhang_min.user, comment="补充")
    _file(report, head, {**DATA, "cases_served": 5})
    services.report_transition(report=report, action="accept", by=zhang_min.user)
    report.refresh_from_db()
    assert report.status == "accepted" and report.cases_served == 5
    assert report.reviewed_by == zhang_min.user and report.submitted_by == head
    with pytest.raises(ValidationError):
        services.report_transition(report=report, action="save", data=DATA, by=head)
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"monthly_report.submit", "monthly_report.return", "monthly_report.accept"} <= verbs


def test_r17_the_transitions():
    assert report_states.TRANSITIONS == {
        ("draft", "save"): "draft",
        ("returned", "save"): "returned",
        ("draft", "submit"): "submitted",
        ("returned", "submit"): "submitted",
        ("submitted", "accept"): "accepted",
        ("submitted", "return"): "returned",
    }


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("action", ["save", "submit", "accept", "return"])
def test_the_service_follows_the_transitions(tree, may_report, status, action):
    """Even a superuser, whom every role allows, moves a report only along the table."""
    MonthlyReport.objects.filter(pk=may_report.pk).update(status=status)
    admin = factories.UserFactory(is_superuser=True)
    after = report_states.next_status(status=status, action=action)
    kwargs = {"data": DATA} if action in report_states.FILING else {"comment": "请补充"}
    if after is None:
        with pytest.raises(ValidationError):
            services.report_transition(report=may_report, action=action, by=admin, **kwargs)
    else:
        services.report_transition(report=may_report, action=action, by=admin, **kwargs)
    may_report.refresh_from_db()
    assert may_report.status == (after or status)


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        (Status.DRAFT, "accept", "只能审核已报送的月报"),
        (Status.DRAFT, "return", "只能审核已报送的月报"),
        (Status.RETURNED, "accept", "只能审核已报送的月报"),
        (Status.ACCEPTED, "accept", "只能审核已报送的月报"),
        (Status.ACCEPTED, "return", "只能审核已报送的月报"),
    ],
)
def test_the_county_cannot_review_a_report_not_submitted(
    may_report, zhang_min, status, action, message
):
    MonthlyReport.objects.filter(pk=may_report.pk).update(status=status)
    with pytest.raises(ValidationError, match=message):
        services.report_transition(
            report=may_report, action=action, by=zhang_min.user, comment="意见"
        )
    may_report.refresh_from_db()
    assert may_report.status == status and may_report.reviewed_by is None


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ACCEPTED])
@pytest.mark.parametrize("action", ["save", "submit"])
def test_a_filed_report_cannot_be_changed(may_report, head, status, action):
    MonthlyReport.objects.filter(pk=may_report.pk).update(status=status)
    with pytest.raises(ValidationError, match="不能修改"):
        services.report_transition(report=may_report, action=action, by=head, data=DATA)
    may_report.refresh_from_db()
    assert may_report.status == status and may_report.cases_served == 0


@pytest.mark.parametrize("action", ["accept", "return"])
def test_a_station_head_cannot_review_its_own_report(may_report, head, action):
    _file(may_report, head)
    with pytest.raises(PermissionDenied, match="只有辖区民政管理员可以审核月报"):
        services.report_transition(report=may_report, action=action, by=head, comment="好")
    may_report.refresh_from_db()
    assert may_report.status == "submitted" and may_report.reviewed_by is None


@pytest.mark.parametrize("action", ["save", "submit"])
def test_the_county_cannot_file_for_the_station(may_report, zhang_min, action):
    with pytest.raises(PermissionDenied, match="只有本站站长可以填写和报送月报"):
        services.report_transition(report=may_report, action=action, by=zhang_min.user, data=DATA)
    may_report.refresh_from_db()
    assert may_report.status == "draft" and may_report.cases_served == 0


def test_another_county_cannot_review(may_report, head, chen_jing):
    _file(may_report, head)
    with pytest.raises(PermissionDenied):
        services.report_transition(report=may_report, action="accept", by=chen_jing.user)
    may_report.refresh_from_db()
    assert may_report.status == "submitted"


def test_an_unknown_action_is_refused(may_report, head):
    with pytest.raises(PermissionDenied):
        services.report_transition(report=may_report, action="delete", by=head)
    assert MonthlyReport.objects.filter(pk=may_report.pk).exists()


def test_service_hours_over_work_hours_is_refused(may_report, head):
    with pytest.raises(ValidationError):
        services.report_transition(
            report=may_report, action="save", data={**DATA, "service_hours": 200}, by=head
        )


def test_a_refused_submission_saves_nothing(may_report, head):
    with pytest.raises(ValidationError):
        _file(may_report, head, {**DATA, "service_hours": 200})
    may_report.refresh_from_db()
    assert may_report.status == "draft" and may_report.cases_served == 0
    assert not AuditEvent.objects.filter(verb="monthly_report.save").exists()


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (Status.DRAFT, "head", (True, True, False)),
        (Status.RETURNED, "head", (True, True, False)),
        (Status.SUBMITTED, "head", (False, False, False)),
        (Status.ACCEPTED, "head", (False, False, False)),
        (Status.DRAFT, "zhang_min", (False, False, False)),
        (Status.SUBMITTED, "zhang_min", (False, False, True)),
        (Status.ACCEPTED, "zhang_min", (False, False, False)),
        (Status.SUBMITTED, "chen_jing", (False, False, False)),
    ],
)
def test_report_abilities_follow_status_and_role(request, may_report, status, who, expected):
    user = request.getfixturevalue(who)
    user = getattr(user, "user", user)
    may_report.status = status
    abilities = selectors.report_abilities(report=may_report, user=user)
    assert (abilities["may_save"], abilities["may_submit"], abilities["may_review"]) == expected


def test_late_flag():
    assert rules.report_is_late(
        due_on=D(2025, 6, 26), submitted_on=D(2025, 6, 27), today=D(2025, 7, 1)
    )
    assert not rules.report_is_late(
        due_on=D(2025, 6, 26), submitted_on=D(2025, 6, 20), today=D(2025, 7, 1)
    )
    assert rules.report_is_late(due_on=D(2025, 6, 26), submitted_on=None, today=D(2025, 6, 27))
    assert not rules.report_is_late(due_on=None, submitted_on=None, today=D(2030, 1, 1))


def test_r9_and_r18_come_from_filed_reports(hunan, tree, head):
    report = services.report_open(
        service_point=tree.station_a, month=D(2023, 5, 1), by=head, today=D(2023, 6, 3)
    )
    _file(report, head)
    results = {
        r.rule.code: r
        for r in rule_results.evaluate_station(
            service_point=tree.station_a, year=2023, today=D(2023, 7, 1)
        )
    }
    share = results["station-service-time-share"]
    assert share.achieved == 40 and share.owed == 50  # 64/160 h; 30 % + 2 × 10 points in 2023


def test_reminder_three_days_before_due(
    county_reports, tree, head, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://portal.example.cn/"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(today=D(2025, 6, 23)) == 1
    assert "2025-05" in mail.outbox[0].subject and mail.outbox[0].to == ["head@example.cn"]
    link = f"https://portal.example.cn/quotas/stations/{tree.station_a.pk}/reports/"
    assert link in mail.outbox[0].body
    assert services.reminders_send(today=D(2025, 6, 22)) == 0


def test_the_daily_task_reminds_for_today(county_reports, tree, head, monkeypatch):
    monkeypatch.setattr("quotas.tasks.timezone.localdate", lambda: D(2025, 6, 23))
    assert tasks.report_reminders() == 1


def test_no_reminder_once_filed(county_reports, may_report, head):
    _file(may_report, head)
    assert services.reminders_send(today=D(2025, 6, 23)) == 0


def test_quarter_summary(county_reports, tree, head):
    for month in (4, 5):
        report = services.report_open(
            service_point=tree.station_a, month=D(2025, month, 1), by=head, today=D(2025, 7, 3)
        )
        _file(report, head)
    summary = selectors.quarter_summary(region=tree.county_a, year=2025, quarter=2)
    assert (summary["expected"], summary["filed"]) == (3, 2)
    row = summary["rows"][0]
    assert (row["cases_opened"], row["cases_closed"], row["service_share"]) == (4, 2, 40)
