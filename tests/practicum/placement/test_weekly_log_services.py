"""Weekly logs (R15), without HTTP: the student of an accepted placement logs a week, the field
supervisor confirms or returns it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from practicum.models import Application, WeeklyLog
from practicum.services import weekly_logs as service
from tests.practicum.placement.conftest import DURING, make_application, make_log

State = WeeklyLog.State
MONDAY = dt.date(2026, 3, 9)


def _submit(world, application, *, monday=MONDAY, minutes=2400, today=DURING, user=None):
    return service.weekly_log_submit(
        application=application,
        week_starts_on=monday,
        minutes=minutes,
        activities=" 探访独居老人。 ",
        reflection="学习了需求评估。",
        user=user or world.student.person.user,
        today=today,
    )


def test_the_student_logs_a_week(practicum, accepted):
    log = _submit(practicum, accepted)
    assert (log.state, log.minutes, log.activities) == (State.SUBMITTED, 2400, "探访独居老人。")
    assert AuditEvent.objects.filter(verb="practicum.weekly_log.submit").count() == 1


@pytest.mark.parametrize(
    ("monday", "message"),
    [
        (dt.date(2026, 3, 10), "周一"),
        (dt.date(2026, 2, 23), "不在实习期内"),
        (dt.date(2026, 6, 29), "不在实习期内"),
        (dt.date(2026, 4, 20), "还没有开始"),
    ],
)
def test_a_week_outside_what_can_be_logged_is_refused(practicum, accepted, monday, message):
    with pytest.raises(ValidationError, match=message):
        _submit(practicum, accepted, monday=monday)
    assert not WeeklyLog.objects.exists()


def test_no_more_than_the_week_can_hold(practicum, accepted):
    with pytest.raises(ValidationError) as refused:
        _submit(practicum, accepted, minutes=7 * 24 * 60 + 1)
    assert refused.value.messages == ["这一周在实习期内有 7 天，最多可填报 168.0 小时。"]
    assert _submit(practicum, accepted, minutes=7 * 24 * 60).minutes == 10080
    assert not WeeklyLog.objects.filter(minutes__gt=10080).exists()


def test_a_partial_last_week_holds_its_days_only(practicum, accepted):
    type(practicum.placement).objects.filter(pk=practicum.placement.pk).update(
        ends_on=dt.date(2026, 3, 11)
    )
    accepted.refresh_from_db()
    with pytest.raises(ValidationError, match="有 3 天，最多可填报 72.0 小时"):
        _submit(practicum, accepted, minutes=72 * 60 + 1)


def test_one_log_a_week(practicum, accepted):
    _submit(practicum, accepted)
    with pytest.raises(ValidationError, match="已有周志"):
        _submit(practicum, accepted, minutes=600)
    assert WeeklyLog.objects.count() == 1


@pytest.mark.parametrize("state", [Application.State.PENDING, Application.State.DECLINED])
def test_only_an_accepted_placement_is_logged(practicum, state):
    application = make_application(practicum, practicum.student, state=state)
    with pytest.raises(ValidationError, match="已录用"):
        _submit(practicum, application)


@pytest.mark.parametrize("who", ["second_student", "field_supervisor", "tutor", "coordinator"])
def test_only_the_student_logs(practicum, accepted, who):
    world = practicum
    user = getattr(world, who)
    user = user.person.user if hasattr(user, "person") else user.user
    with pytest.raises(PermissionDenied):
        _submit(world, accepted, user=user)


def test_the_field_supervisor_confirms_and_the_log_is_final(practicum, accepted):
    log = make_log(accepted, MONDAY)
    confirmed = service.weekly_log_confirm(log=log, user=practicum.field_supervisor.user)
    assert confirmed.state == State.CONFIRMED and confirmed.answered_by
    with pytest.raises(ValidationError, match="已确认，不能再修改"):
        service.weekly_log_revise(
            log=log,
            minutes=60,
            activities="改",
            reflection="改",
            user=practicum.student.person.user,
            today=DURING,
        )
    with pytest.raises(ValidationError, match="不在待确认状态"):
        service.weekly_log_return(log=log, comment="再看看", user=practicum.field_supervisor.user)
    log.refresh_from_db()
    assert (log.state, log.minutes) == (State.CONFIRMED, 2400)


def test_a_returned_log_is_corrected_and_submitted_again(practicum, accepted):
    log = make_log(accepted, MONDAY)
    with pytest.raises(ValidationError, match="请填写意见"):
        service.weekly_log_return(log=log, comment="  ", user=practicum.field_supervisor.user)
    returned = service.weekly_log_return(
        log=log, comment="请补充探访记录。", user=practicum.field_supervisor.user
    )
    assert (returned.state, returned.return_comment) == (State.RETURNED, "请补充探访记录。")
    revised = service.weekly_log_revise(
        log=log,
        minutes=2100,
        activities="探访三户独居老人。",
        reflection="反思",
        user=practicum.student.person.user,
        today=DURING,
    )
    assert (revised.state, revised.minutes, revised.return_comment) == (State.SUBMITTED, 2100, "")


def test_a_revision_is_held_to_the_weeks_limit(practicum, accepted):
    log = make_log(accepted, MONDAY, state=State.RETURNED)
    with pytest.raises(ValidationError, match="最多可填报 168.0 小时"):
        service.weekly_log_revise(
            log=log,
            minutes=20000,
            activities="a",
            reflection="b",
            user=practicum.student.person.user,
            today=DURING,
        )
    log.refresh_from_db()
    assert (log.state, log.minutes) == (State.RETURNED, 2400)


@pytest.mark.parametrize("who", ["head_a", "tutor", "coordinator", "worker"])
def test_nobody_but_the_field_supervisor_answers(practicum, accepted, who):
    log = make_log(accepted, MONDAY)
    user = getattr(practicum, who).user
    with pytest.raises(PermissionDenied):
        service.weekly_log_confirm(log=log, user=user)
    with pytest.raises(PermissionDenied):
        service.weekly_log_return(log=log, comment="退回", user=user)
    log.refresh_from_db()
    assert log.state == State.SUBMITTED
