import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from lms.models import Enrolment, EnrolmentMode
from lms.services import enrolment as service
from tests.lms.conftest import make_run, worker

Status = Enrolment.Status


def test_enrol_until_full_then_waitlist_in_order(run, tree, wang_fang):
    others = [worker(tree, f"社工{n}") for n in range(3)]
    results = [
        service.enrolment_create(run=run, person=p, user=p.user) for p in [wang_fang, *others]
    ]
    assert [e.status for e in results] == [
        Status.ENROLLED,
        Status.ENROLLED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    assert [e.waitlist_position for e in results[2:]] == [1, 2]


def test_cancel_promotes_first_waiting_and_mails_them(
    run, tree, wang_fang, django_capture_on_commit_callbacks
):
    second, third, fourth = (worker(tree, n) for n in ["赵一", "钱二", "孙三"])
    mine = service.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    for p in (second, third, fourth):
        service.enrolment_create(run=run, person=p, user=p.user)
    with django_capture_on_commit_callbacks(execute=True):
        service.enrolment_cancel(enrolment=mine, user=wang_fang.user)
    promoted = Enrolment.objects.get(person=third, run=run)
    assert promoted.status == Status.ENROLLED and promoted.waitlist_position is None
    assert Enrolment.objects.get(person=fourth, run=run).status == Status.WAITLISTED
    assert [m.to for m in mail.outbox] == [[third.user.email]]
    assert "候补成功" in mail.outbox[0].subject


@pytest.mark.parametrize("field", ["enrolment_deadline", "cancellation_deadline"])
def test_deadlines_refuse_with_chinese_message(run, wang_fang, field):
    if field == "cancellation_deadline":
        mine = service.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    setattr(run, field, timezone.now() - dt.timedelta(minutes=1))
    run.save()
    with pytest.raises(ValidationError, match="截止"):
        if field == "enrolment_deadline":
            service.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
        else:
            service.enrolment_cancel(enrolment=mine, user=wang_fang.user)


def test_twice_and_outside_audience_refused(run, course, tree, wang_fang):
    service.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    with pytest.raises(ValidationError, match="重复"):
        service.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    course.audience_regions.set([tree.county_b])
    stranger = worker(tree, "外人")
    with pytest.raises(ValidationError, match="面向范围"):
        service.enrolment_create(run=run, person=stranger, user=stranger.user)
    assert Enrolment.objects.count() == 1


def test_approval_mode_then_station_head_decides(course, tree, wang_fang, zhang_min):
    run = make_run(course, mode=EnrolmentMode.APPROVAL)
    pending = service.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    assert pending.status == Status.PENDING
    decided = service.enrolment_decide(enrolment=pending, approve=True, decided_by=zhang_min.user)
    assert decided.status == Status.ENROLLED


def test_assigned_mode_refuses_self_enrolment_but_admin_assigns(course, wang_fang, zhang_min):
    run = make_run(course, mode=EnrolmentMode.ASSIGNED)
    with pytest.raises(ValidationError, match="指派"):
        service.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    assigned = service.enrolment_assign(run=run, person=wang_fang, assigned_by=zhang_min.user)
    assert assigned.status == Status.ENROLLED and assigned.assigned


@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_concurrent_enrolments(course, tree):
    if connection.vendor != "postgresql":
        pytest.skip("row locks under concurrency need PostgreSQL (SQLite serialises writers)")
    run = make_run(course, capacity=3)
    people = [worker(tree, f"并发{n}") for n in range(12)]
    barrier = threading.Barrier(len(people))
    errors = []

    def enrol(person):
        try:
            barrier.wait()
            service.enrolment_create(run=run, person=person, user=person.user)
        except Exception as error:  # noqa: BLE001 (reported to the main thread)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(Enrolment.objects.filter(run=run).values_list("status", flat=True))
    assert statuses.count(Status.ENROLLED) == 3
    assert statuses.count(Status.WAITLISTED) == 9
    positions = sorted(
        Enrolment.objects.filter(run=run, status=Status.WAITLISTED).values_list(
            "waitlist_position", flat=True
        )
    )
    assert positions == list(range(1, 10))
