"""Who sees which practicum records (R15): the querysets every page starts from."""

from practicum.models import Application
from practicum.selectors import visibility


def _accepted(world, student):
    return Application.objects.create(
        placement=world.placement,
        student=student,
        statement="我希望参与社区养老服务。",
        state=Application.State.ACCEPTED,
        station_decision=Application.Decision.ACCEPTED,
        coordinator_decision=Application.Decision.ACCEPTED,
    )


def test_each_party_sees_its_own_part_of_the_practicum(practicum):
    w = practicum
    application = _accepted(w, w.student)
    coordinator, other = w.coordinator.user, w.other_coordinator.user

    assert set(visibility.bases_visible_to(coordinator)) == {w.base}
    assert not visibility.bases_visible_to(other).exists()
    assert set(visibility.bases_visible_to(w.head_a.user)) == {w.base}
    assert not visibility.bases_visible_to(w.head_b.user).exists()
    assert not visibility.bases_visible_to(w.county_b_admin.user).exists()
    assert set(visibility.bases_visible_to(w.field_supervisor.user)) == {w.base}

    assert set(visibility.students_visible_to(coordinator)) == {w.student, w.second_student}
    assert set(visibility.students_visible_to(other)) == {w.other_student}
    assert set(visibility.students_visible_to(w.head_a.user)) == {w.student}
    assert set(visibility.students_visible_to(w.student.person.user)) == {w.student}
    assert set(visibility.students_visible_to(w.tutor.user)) == {w.student, w.second_student}

    for user in (coordinator, w.head_a.user, w.field_supervisor.user, w.tutor.user):
        assert set(visibility.applications_visible_to(user)) == {application}
    for user in (
        other,
        w.head_b.user,
        w.county_b_admin.user,
        w.worker.user,
        w.second_student.person.user,
        w.other_tutor.user,
    ):
        assert not visibility.applications_visible_to(user).exists()


def test_university_roles_go_over_universities_only(practicum):
    from accounts import scope
    from accounts.roles import Role

    coordinator = practicum.coordinator.user
    assert scope.may_grant(
        user=coordinator, role=Role.PRACTICUM_STUDENT, target=practicum.university
    )
    assert not scope.may_grant(
        user=coordinator, role=Role.PRACTICUM_STUDENT, target=practicum.other_university
    )
    assert not scope.may_grant(
        user=coordinator, role=Role.STATION_HEAD, target=practicum.university
    )
    assert not scope.may_grant(
        user=practicum.county_b_admin.user,
        role=Role.PRACTICUM_STUDENT,
        target=practicum.tree.station_b,
    )


def test_only_confirmed_weeks_count_towards_the_programme(practicum):
    import datetime as dt

    from practicum.models import WeeklyLog
    from practicum.selectors.hours import progress_of

    application = _accepted(practicum, practicum.student)
    for monday, minutes, state in (
        (dt.date(2026, 3, 2), 2400, WeeklyLog.State.CONFIRMED),
        (dt.date(2026, 3, 9), 2100, WeeklyLog.State.SUBMITTED),
        (dt.date(2026, 3, 16), 600, WeeklyLog.State.RETURNED),
    ):
        WeeklyLog.objects.create(
            application=application,
            week_starts_on=monday,
            minutes=minutes,
            activities="探访独居老人。",
            reflection="学习了需求评估。",
            state=state,
            return_comment="请补充活动记录。" if state == WeeklyLog.State.RETURNED else "",
        )
    progress = progress_of(application)
    assert (progress.confirmed_minutes, progress.submitted_minutes) == (2400, 2100)
    assert progress.required_minutes == 800 * 60
    assert not progress.met
