"""Applying to placements and deciding on applications (R15), without HTTP."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from audit.models import AuditEvent
from outbox.models import OutgoingMail
from practicum.models import Application, Placement
from practicum.services import applications as service
from tests.practicum.placement.conftest import BEFORE_START, make_application

State = Application.State


def _apply(world, student=None, *, statement="我希望参与社区养老服务。", today=BEFORE_START):
    student = student or world.student
    return service.application_create(
        placement=world.placement,
        student=student,
        statement=statement,
        user=student.person.user,
        today=today,
    )


def _other_placement(world, **changes):
    fields = {
        "base": world.base,
        "title": "儿童服务实习",
        "field": Placement.Field.CHILDREN,
        "term": "2026 春季学期",
        "places": 1,
        "starts_on": dt.date(2026, 5, 4),
        "ends_on": dt.date(2026, 7, 31),
        "weekly_schedule": "每周二、四",
        "field_supervisor": world.field_supervisor,
        "tutor": world.tutor,
        "status": Placement.Status.PUBLISHED,
    }
    return Placement.objects.create(**{**fields, **changes})


def test_a_student_applies_to_a_published_placement(practicum):
    application = _apply(practicum, statement="  我希望参与社区养老服务。 ")
    assert application.state == State.PENDING
    assert application.statement == "我希望参与社区养老服务。"
    assert AuditEvent.objects.filter(verb="practicum.application.create").count() == 1


@pytest.mark.parametrize(
    ("statement", "message"), [("   ", "请填写申请陈述"), ("字" * 2001, "不能超过 2000 字")]
)
def test_the_statement_is_required_and_short(practicum, statement, message):
    with pytest.raises(ValidationError, match=message):
        _apply(practicum, statement=statement)
    assert not Application.objects.exists()


@pytest.mark.parametrize("status", [Placement.Status.DRAFT, Placement.Status.CLOSED])
def test_only_published_placements_take_applications(practicum, status):
    Placement.objects.filter(pk=practicum.placement.pk).update(status=status)
    with pytest.raises(ValidationError, match="未在招募中"):
        _apply(practicum)
    assert not Application.objects.exists()


def test_a_placement_that_has_begun_takes_no_applications(practicum):
    with pytest.raises(ValidationError, match="已经开始"):
        _apply(practicum, today=practicum.placement.starts_on)


def test_a_student_applies_once(practicum):
    _apply(practicum)
    with pytest.raises(ValidationError, match="已申请过"):
        _apply(practicum)
    assert Application.objects.count() == 1


def test_another_universitys_placement_is_refused(practicum):
    with pytest.raises(ValidationError, match="不面向您所在的高校"):
        _apply(practicum, practicum.other_student)
    assert not Application.objects.exists()


def test_an_accepted_overlapping_placement_blocks_applying(practicum):
    other = _other_placement(practicum)
    make_application(practicum, practicum.student, state=State.ACCEPTED, placement=other)
    with pytest.raises(ValidationError, match="时间重叠"):
        _apply(practicum)
    later = _other_placement(practicum, starts_on=dt.date(2026, 7, 6), ends_on=dt.date(2026, 8, 30))
    Application.objects.filter(placement=other).update(placement=later)
    assert _apply(practicum).state == State.PENDING


def test_the_student_withdraws_while_pending(practicum, pending):
    user = practicum.student.person.user
    with pytest.raises(PermissionDenied):
        service.application_withdraw(application=pending, user=practicum.second_student.person.user)
    assert service.application_withdraw(application=pending, user=user).state == State.WITHDRAWN
    with pytest.raises(ValidationError, match="待审核"):
        service.application_withdraw(application=pending, user=user)


def _decide(world, application, party, accept=True, reason=""):
    user = world.head_a.user if party == service.STATION else world.coordinator.user
    return service.application_decide(
        application=application, party=party, accept=accept, user=user, reason=reason
    )


def test_both_acceptances_accept_and_mail_the_student(practicum, pending):
    application = _decide(practicum, pending, service.STATION)
    assert application.state == State.PENDING
    assert not OutgoingMail.objects.exists()
    application = _decide(practicum, pending, service.COORDINATOR)
    assert application.state == State.ACCEPTED and application.decided_at
    assert application.station_decided_by == practicum.head_a.user
    mail = OutgoingMail.objects.get()
    assert mail.to == practicum.student.person.user.email and "已被录用" in mail.subject
    assert AuditEvent.objects.filter(verb__startswith="practicum.application.decide").count() == 2


@pytest.mark.parametrize("party", [service.STATION, service.COORDINATOR])
def test_either_declining_declines_with_a_reason(practicum, pending, party):
    with pytest.raises(ValidationError, match="请填写理由"):
        _decide(practicum, pending, party, accept=False)
    pending.refresh_from_db()
    assert pending.state == State.PENDING and not pending.station_decision
    application = _decide(practicum, pending, party, accept=False, reason="时间安排不合适")
    assert application.state == State.DECLINED
    assert application.decline_reason == "时间安排不合适"
    assert "理由：时间安排不合适" in OutgoingMail.objects.get().body


def test_a_party_decides_once(practicum, pending):
    _decide(practicum, pending, service.STATION)
    with pytest.raises(ValidationError, match="已处理"):
        _decide(practicum, pending, service.STATION, accept=False, reason="改变主意")


@pytest.mark.parametrize(
    ("who", "party"),
    [
        ("head_a", service.COORDINATOR),
        ("coordinator", service.STATION),
        ("head_b", service.STATION),
        ("other_coordinator", service.COORDINATOR),
        ("field_supervisor", service.STATION),
        ("tutor", service.COORDINATOR),
    ],
)
def test_only_the_host_and_the_coordinator_decide(practicum, pending, who, party):
    with pytest.raises(PermissionDenied):
        service.application_decide(
            application=pending, party=party, accept=True, user=getattr(practicum, who).user
        )
    pending.refresh_from_db()
    assert pending.station_decision == pending.coordinator_decision == ""


def test_acceptance_beyond_the_places_is_refused(practicum):
    Placement.objects.filter(pk=practicum.placement.pk).update(places=1)
    make_application(practicum, practicum.second_student, state=State.ACCEPTED)
    pending = make_application(practicum, practicum.student)
    with pytest.raises(ValidationError, match="名额已满"):
        _decide(practicum, pending, service.STATION)
    pending.refresh_from_db()
    assert pending.state == State.PENDING and pending.station_decision == ""
    assert not AuditEvent.objects.exists()


def test_the_last_acceptance_is_refused_when_the_places_went_meanwhile(practicum):
    Placement.objects.filter(pk=practicum.placement.pk).update(places=1)
    first = make_application(practicum, practicum.student)
    second = make_application(practicum, practicum.second_student)
    for application in (first, second):
        _decide(practicum, application, service.STATION)
    _decide(practicum, first, service.COORDINATOR)
    with pytest.raises(ValidationError, match="名额已满"):
        _decide(practicum, second, service.COORDINATOR)
    second.refresh_from_db()
    assert second.state == State.PENDING and second.coordinator_decision == ""


def test_acceptance_needs_an_agreement_in_force_for_the_whole_period(practicum, pending):
    type(practicum.base).objects.filter(pk=practicum.base.pk).update(ends_on=dt.date(2026, 5, 31))
    with pytest.raises(ValidationError, match="未覆盖整个实习期"):
        _decide(practicum, pending, service.COORDINATOR)
    pending.refresh_from_db()
    assert pending.coordinator_decision == ""


def test_acceptance_refused_when_the_student_was_placed_elsewhere_meanwhile(practicum, pending):
    other = _other_placement(practicum)
    make_application(practicum, practicum.student, state=State.ACCEPTED, placement=other)
    with pytest.raises(ValidationError, match="时间重叠"):
        _decide(practicum, pending, service.STATION)


@pytest.mark.django_db(transaction=True)
def test_places_hold_under_concurrent_acceptances(practicum):
    if connection.vendor != "postgresql":
        pytest.skip("row locks under concurrency need PostgreSQL (SQLite serialises writers)")
    from practicum.models import Programme, Student
    from tests.practicum.conftest import student as make_student

    programme = Programme.objects.get(pk=practicum.programme.pk)
    students = [
        make_student(f"并发{n}", programme, practicum.tutor, f"2024{n:03d}", practicum.tree.city)
        for n in range(8)
    ]
    assert Student.objects.count() >= 8
    applications = [make_application(practicum, s) for s in students]
    for application in applications:
        _decide(practicum, application, service.STATION)
    barrier = threading.Barrier(len(applications))
    errors = []

    def accept(application):
        try:
            barrier.wait()
            _decide(practicum, application, service.COORDINATOR)
        except ValidationError as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    accepted = Application.objects.filter(placement=practicum.placement, state=State.ACCEPTED)
    assert accepted.count() == practicum.placement.places == 2
    assert len(errors) == 6 and all("名额已满" in e.messages[0] for e in errors)
