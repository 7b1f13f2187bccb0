import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import RoleGrant
from accounts.roles import Role
from audit.models import AuditEvent
from supervision import selectors, services
from supervision.models import Assignment, Supervisee, SupervisionSession, TermReminder
from tests import factories
from tests.supervision.conftest import at, log

D = dt.date
State = Supervisee.State


def _assign(profile, target, starts_on, planned_end_on, **extra):
    return services.assignment_create(
        supervisor=profile,
        target=target,
        mode=Assignment.Mode.CIRCUIT,
        starts_on=starts_on,
        planned_end_on=planned_end_on,
        created_by=None,
        **extra,
    )


# Assignments (R5, R6)


def test_r6_no_term_suggested_in_hunan_no_flag_no_reason(li_qiang_profile, tree):
    assignment = _assign(
        li_qiang_profile, tree.station_b, D(2025, 1, 1), D(2025, 12, 31), term_reason="过渡期"
    )
    assert assignment.term_reason == ""  # nothing to explain
    assert selectors.term_flag(assignment=assignment) is None
    event = AuditEvent.objects.get(verb="assignment.create", target_id=str(assignment.pk))
    assert event.after["term_warning"] is None


def test_r6_short_term_in_hangzhou_is_flagged_not_refused(li_qiang_profile, zhejiang):
    assignment = _assign(li_qiang_profile, zhejiang.hangzhou_station, D(2025, 1, 1), D(2026, 6, 30))
    flag = selectors.term_flag(assignment=assignment)
    assert (flag.warning, flag.reason) == ("short", "")
    assert (flag.suggestion.set_by, flag.suggestion.min_years, flag.suggestion.max_years) == (
        "杭州市",
        3,
        5,
    )


def test_r6_long_term_in_pinghu_is_flagged_with_its_reason(li_qiang_profile, zhejiang):
    assignment = _assign(
        li_qiang_profile,
        zhejiang.pinghu_station,
        D(2025, 1, 1),
        D(2031, 1, 1),
        term_reason="项目周期",
    )
    flag = selectors.term_flag(assignment=assignment)
    assert (flag.warning, flag.reason, flag.suggestion.set_by) == ("long", "项目周期", "平湖市")
    assert flag.suggestion.source.startswith("本地做法：参照《")
    event = AuditEvent.objects.get(verb="assignment.create", target_id=str(assignment.pk))
    assert event.after["term_warning"] == "long"


def test_r6_term_within_hangzhous_suggestion_is_not_flagged(li_qiang_profile, zhejiang):
    assignment = _assign(
        li_qiang_profile,
        zhejiang.hangzhou_station,
        D(2025, 1, 1),
        D(2027, 12, 31),
        term_reason="无关",
    )
    assert selectors.term_flag(assignment=assignment) is None
    assert assignment.term_reason == ""


def test_r6_chief_over_a_region_reads_that_regions_suggestion(grades, zhejiang):
    chief = factories.PersonFactory(region=zhejiang.pinghu, user=factories.UserFactory())
    profile = services.supervisor_profile_create(
        person=chief,
        committee_level="county",
        grade=grades[4],
        starts_on=D(2020, 1, 1),
        created_by=None,
    )
    assignment = services.assignment_create(
        supervisor=profile,
        target=zhejiang.pinghu,
        mode=Assignment.Mode.CHIEF,
        starts_on=D(2025, 1, 1),
        planned_end_on=D(2025, 12, 31),
        created_by=None,
    )
    assert selectors.term_flag(assignment=assignment).suggestion.set_by == "平湖市"


def test_end_before_start_is_refused(li_qiang_profile, tree):
    with pytest.raises(ValidationError):
        _assign(li_qiang_profile, tree.station_b, D(2025, 1, 1), D(2024, 1, 1))


def test_r5_assignment_grants_scope_and_ending_revokes_it(li_qiang_profile, tree, zhang_min):
    assignment = _assign(li_qiang_profile, tree.station_b, D(2025, 1, 1), D(2027, 12, 31))
    grants = RoleGrant.objects.filter(user=li_qiang_profile.person.user, role=Role.SUPERVISOR)
    assert grants.filter(service_point=tree.station_b, revoked_at__isnull=True).exists()
    services.assignment_end(assignment=assignment, ended_on=D(2025, 6, 30), ended_by=zhang_min.user)
    assert not grants.filter(service_point=tree.station_b, revoked_at__isnull=True).exists()
    assignment.refresh_from_db()
    assert assignment.ended_on == D(2025, 6, 30)  # kept, not deleted


def test_ending_keeps_grant_needed_by_another_assignment(li_qiang_profile, tree, zhang_min):
    first = li_qiang_profile.assignments.get()
    _assign(li_qiang_profile, tree.station_a, D(2027, 1, 1), D(2029, 12, 31))
    services.assignment_end(assignment=first, ended_on=D(2026, 12, 31), ended_by=zhang_min.user)
    assert RoleGrant.objects.filter(
        user=li_qiang_profile.person.user, service_point=tree.station_a, revoked_at__isnull=True
    ).exists()


def test_r5_chief_supervisor_over_a_county(grades, tree, wang_fang):
    chief = factories.PersonFactory(
        name="总督导", region=tree.county_a, user=factories.UserFactory()
    )
    profile = services.supervisor_profile_create(
        person=chief,
        committee_level="county",
        grade=grades[4],
        starts_on=D(2020, 1, 1),
        created_by=None,
    )
    assignment = services.assignment_create(
        supervisor=profile,
        target=tree.county_a,
        mode=Assignment.Mode.CHIEF,
        starts_on=D(2024, 1, 1),
        planned_end_on=D(2027, 12, 31),
        created_by=None,
    )
    assert RoleGrant.objects.filter(user=chief.user, region=tree.county_a).exists()
    session = log(tree, profile, [(wang_fang, 60)], duration=60)
    assert session.supervisors.get() == profile
    assert selectors.assignments_at(service_point=tree.station_a).filter(pk=assignment.pk).exists()


def test_r6_reminders_90_and_30_days_once(li_qiang_profile, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.term_reminders_send(today=D(2026, 10, 2)) == 1  # 90 days to 12-31
    assert len(mail.outbox) == 1
    assert "90" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert services.term_reminders_send(today=D(2026, 10, 2)) == 0
        assert services.term_reminders_send(today=D(2026, 10, 3)) == 0
        assert services.term_reminders_send(today=D(2026, 12, 1)) == 1
    assert TermReminder.objects.count() == 2
    assert len(mail.outbox) == 2


def test_reminders_go_to_the_county_admin_too(
    li_qiang_profile, zhang_min, chen_jing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.term_reminders_send(today=D(2026, 12, 1))
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {"liqiang@example.cn", "zhangmin@example.cn"}


# Logging sessions (bad input)


@pytest.mark.parametrize(("minutes", "message"), [(0, "大于 0"), (121, "不能超过")])
def test_minutes_outside_the_session_refused(tree, li_qiang_profile, wang_fang, minutes, message):
    with pytest.raises(ValidationError) as error:
        log(tree, li_qiang_profile, [(wang_fang, minutes)])
    assert message in str(error.value)
    assert not SupervisionSession.objects.exists()


def test_supervisee_not_at_station_refused(tree, li_qiang_profile):
    elsewhere = factories.PersonFactory(name="外站社工", region=tree.county_b)
    factories.PositionFactory(person=elsewhere, service_point=tree.station_b)
    with pytest.raises(ValidationError) as error:
        log(tree, li_qiang_profile, [(elsewhere, 60)])
    assert "不在本站任职" in str(error.value)


def test_session_outside_the_term_refused(tree, li_qiang_profile, wang_fang):
    with pytest.raises(ValidationError) as error:
        log(tree, li_qiang_profile, [(wang_fang, 60)], when=at(2023, 12, 31))
    assert "任期" in str(error.value)


def test_double_submit_makes_one_session(tree, li_qiang_profile, wang_fang):
    first = log(tree, li_qiang_profile, [(wang_fang, 60)], idempotency_key="abc")
    second = log(tree, li_qiang_profile, [(wang_fang, 60)], idempotency_key="abc")
    assert first.pk == second.pk
    assert SupervisionSession.objects.count() == 1


def test_supervisee_row_carries_date_and_level(session):
    part = session.supervisees.first()
    assert part.held_on == D(2025, 5, 10)
    assert part.providing_level == "city"


# Confirmation, disputes, versions (R7)


def test_confirm_dispute_resolve_with_audit(wang_fang_part, wang_fang, zhang_min):
    services.supervisee_dispute(
        supervisee=wang_fang_part, reason="只参加了一小时", disputed_by=wang_fang.user
    )
    wang_fang_part.refresh_from_db()
    assert wang_fang_part.state == State.DISPUTED
    services.dispute_resolve(
        supervisee=wang_fang_part, upheld=True, resolution="核实属实", resolved_by=zhang_min.user
    )
    wang_fang_part.refresh_from_db()
    assert wang_fang_part.state == State.REJECTED
    verbs = list(
        AuditEvent.objects.filter(target_id=str(wang_fang_part.pk), verb__startswith="supervisee")
        .order_by("pk")
        .values_list("verb", "actor__email")
    )
    assert verbs == [
        ("supervisee.dispute", "wangfang@example.cn"),
        ("supervisee.resolve", "zhangmin@example.cn"),
    ]


def test_dispute_needs_a_reason(wang_fang_part, wang_fang):
    with pytest.raises(ValidationError):
        services.supervisee_dispute(
            supervisee=wang_fang_part, reason=" ", disputed_by=wang_fang.user
        )


def test_change_after_confirmation_makes_new_version(session, wang_fang_part, wang_fang, li_qiang):
    services.supervisee_confirm(supervisee=wang_fang_part, confirmed_by=wang_fang.user)
    services.session_update(session=session, edited_by=li_qiang.user, duration_minutes=150)
    session.refresh_from_db()
    wang_fang_part.refresh_from_db()
    assert session.version == 2
    assert wang_fang_part.state == State.PENDING
    event = AuditEvent.objects.get(verb="session.update")
    assert event.before["duration_minutes"] == 120
    assert event.after["duration_minutes"] == 150
    assert event.before["supervisees"][str(wang_fang.pk)] == [120, "confirmed"]
    assert event.after["supervisees"][str(wang_fang.pk)] == [120, "pending"]
    services.supervisee_confirm(supervisee=wang_fang_part, confirmed_by=wang_fang.user)
    wang_fang_part.refresh_from_db()
    assert wang_fang_part.state == State.CONFIRMED


def test_change_cannot_shrink_session_below_minutes(session, li_qiang):
    with pytest.raises(ValidationError):
        services.session_update(session=session, edited_by=li_qiang.user, duration_minutes=60)
    session.refresh_from_db()
    assert session.version == 1


# Annual lock


def test_locked_year_refuses_changes_until_reopened(
    session, wang_fang_part, wang_fang, tree, li_qiang_profile, zhang_min
):
    lock = services.year_close(service_point=tree.station_a, year=2025, closed_by=None)
    with pytest.raises(ValidationError) as error:
        services.supervisee_confirm(supervisee=wang_fang_part, confirmed_by=wang_fang.user)
    assert "锁定" in str(error.value)
    with pytest.raises(ValidationError):
        log(tree, li_qiang_profile, [(wang_fang, 60)], when=at(2025, 6, 1))
    with pytest.raises(ValidationError):
        services.session_update(session=session, edited_by=zhang_min.user, topic="改")
    with pytest.raises(ValidationError):
        services.year_reopen(lock=lock, reason="", reopened_by=zhang_min.user)
    services.year_reopen(lock=lock, reason="考核数据更正", reopened_by=zhang_min.user)
    services.supervisee_confirm(supervisee=wang_fang_part, confirmed_by=wang_fang.user)
    log(tree, li_qiang_profile, [(wang_fang, 60)], when=at(2026, 1, 5))  # other years are open
    assert AuditEvent.objects.filter(verb="year.reopen").exists()


def test_year_close_is_idempotent(tree):
    first = services.year_close(service_point=tree.station_a, year=2025, closed_by=None)
    second = services.year_close(service_point=tree.station_a, year=2025, closed_by=None)
    assert first.pk == second.pk


def test_daily_schedule_runs_the_reminder_task(li_qiang_profile, monkeypatch):
    """The data migration's schedule (created again here: transactional tests elsewhere may have
    flushed the reused test database) calls the task daily."""
    from importlib import import_module

    from django.apps import apps
    from django_q.models import Schedule

    from supervision import tasks

    migration = import_module("supervision.migrations.0002_term_reminder_schedule")
    migration.delete_schedule(apps, None)
    migration.create_schedule(apps, None)
    schedule = Schedule.objects.get(name="supervision.term_reminders")
    assert (schedule.func, schedule.schedule_type) == ("supervision.tasks.term_reminders_send", "D")
    monkeypatch.setattr(tasks.timezone, "localdate", lambda: D(2026, 10, 2))
    assert tasks.term_reminders_send() == 1


def test_planned_session_cannot_be_confirmed_yet(tree, li_qiang_profile, wang_fang):
    planned = log(tree, li_qiang_profile, [(wang_fang, 60)], duration=60, status="planned")
    with pytest.raises(ValidationError) as error:
        services.supervisee_confirm(
            supervisee=planned.supervisees.get(), confirmed_by=wang_fang.user
        )
    assert "尚未开展" in str(error.value)
