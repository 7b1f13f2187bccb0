"""Supervision of placement students, without HTTP (R15 item 5): who may record it, the dates and
students it may name, and its own heading on the supervisor's portfolio (R7), outside the
supervision quotas (R8, R9)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from practicum.models import Application, StudentSupervision
from practicum.selectors.supervision_given import student_supervision_by_year
from practicum.services import supervision
from supervision import pdf as supervision_pdf
from supervision import selectors as supervision_selectors
from supervision.models import CommitteeLevel
from tests import factories
from tests.pdf_tools import pdf_text

TODAY = dt.date(2026, 5, 20)


def record(practicum, students, *, by=None, form="group", held_on=dt.date(2026, 4, 10), **extra):
    values = {"minutes": 90, "topics": "个案记录的写法", "notes": ""} | extra
    return supervision.student_supervision_record(
        placement=practicum.placement,
        form=form,
        held_on=held_on,
        students=students,
        by=by or practicum.field_supervisor.user,
        today=TODAY,
        **values,
    )


@pytest.fixture
def second_accepted(practicum):
    return Application.objects.create(
        placement=practicum.placement,
        student=practicum.second_student,
        statement="申请",
        state=Application.State.ACCEPTED,
    )


@pytest.mark.parametrize("who", ["field_supervisor", "tutor"])
def test_r15_field_supervisor_or_tutor_records_a_group_supervision(
    practicum, accepted, second_accepted, who
):
    given = record(practicum, [accepted, second_accepted], by=getattr(practicum, who).user)
    assert given.supervisor == getattr(practicum, who)
    assert set(given.students.all()) == {accepted, second_accepted}


@pytest.mark.parametrize("who", ["coordinator", "other_tutor", "head_a", "worker"])
def test_r15_others_may_not_record(practicum, accepted, who):
    with pytest.raises(PermissionDenied):
        record(practicum, [accepted], by=getattr(practicum, who).user)
    assert not StudentSupervision.objects.exists()


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        (dt.date(2026, 3, 1), "实习期间"),
        (dt.date(2026, 6, 29), "实习期间"),
        (dt.date(2026, 5, 21), "不能晚于今天"),
    ],
)
def test_r15_date_within_the_placement_and_not_ahead(practicum, accepted, held_on, message):
    with pytest.raises(ValidationError, match=message):
        record(practicum, [accepted], held_on=held_on)
    assert not StudentSupervision.objects.exists()


def test_r15_only_accepted_students_of_that_placement(practicum, accepted, pending):
    with pytest.raises(ValidationError, match="已录用的学生"):
        record(practicum, [accepted, pending])
    with pytest.raises(ValidationError, match="至少选择"):
        record(practicum, [])


def test_individual_supervision_names_one_student(practicum, accepted, second_accepted):
    with pytest.raises(ValidationError, match="一名学生"):
        record(practicum, [accepted, second_accepted], form="individual")
    assert record(practicum, [accepted], form="individual").form == "individual"


@pytest.mark.parametrize(("minutes", "topics"), [(0, "主题"), (481, "主题"), (60, "  ")])
def test_minutes_and_topics_are_checked(practicum, accepted, minutes, topics):
    with pytest.raises(ValidationError):
        record(practicum, [accepted], minutes=minutes, topics=topics)


def test_r7_counts_per_year_in_one_query(practicum, accepted, django_assert_num_queries):
    record(practicum, [accepted])
    record(practicum, [accepted], held_on=dt.date(2026, 4, 17), minutes=60)
    with django_assert_num_queries(1):
        rows = student_supervision_by_year(person=practicum.field_supervisor)
    assert rows == [{"year": 2026, "count": 2, "minutes": 150}]
    assert student_supervision_by_year(person=practicum.tutor) == []


def test_r7_portfolio_lists_it_under_its_own_heading_not_in_quota_hours(practicum, accepted, db):
    profile = factories.linked_supervisor(
        practicum.field_supervisor, practicum.tree.station_a, committee_level=CommitteeLevel.CITY
    )
    record(practicum, [accepted], minutes=120)
    text = pdf_text(supervision_pdf.portfolio_pdf(supervisor=profile))
    assert "学生实习督导" in text and "2.0" in text
    assert supervision_selectors.given_by_year(supervisor=profile) == []
