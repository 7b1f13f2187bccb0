"""A practicum world on the Changsha tree (R15): 湖南师范大学 (U1) has a teaching agreement with
station A for 2026, a BSW programme requiring 800 h, a tutor, two students and a published
placement supervised by 刘督导 at station A. 中南大学 (U2) has its own coordinator and student
and no agreement. Station B's head, a county B administrator and a worker are outsiders."""

import datetime as dt
from types import SimpleNamespace

import pytest

from accounts.roles import Role
from practicum.models import EvaluationForm, Placement, PracticeBase, Programme, Student
from tests import factories

CRITERIA = [
    {"name": "专业态度", "max_score": 10},
    {"name": "专业技能", "max_score": 10},
]


def person_with_user(name, home, *, role=None, **scope):
    """A person (records kept in `home`) who can sign in, with `role` over `scope`
    (university=, service_point= or region=)."""
    user = factories.UserFactory(last_name=name)
    person = factories.PersonFactory(name=name, region=home, user=user)
    if role:
        factories.RoleGrantFactory(user=user, role=role, **scope)
    return person


def student(name, programme, tutor, number, region):
    person = person_with_user(
        name, region, role=Role.PRACTICUM_STUDENT, university=programme.university
    )
    return Student.objects.create(
        person=person, programme=programme, student_number=number, tutor=tutor, cohort="2023级"
    )


@pytest.fixture
def practicum(tree):
    u1 = factories.UniversityFactory(name="湖南师范大学", region=tree.city)
    u2 = factories.UniversityFactory(name="中南大学", region=tree.city)
    coordinator = person_with_user(
        "周协调", tree.city, role=Role.UNIVERSITY_COORDINATOR, university=u1
    )
    other_coordinator = person_with_user(
        "吴协调", tree.city, role=Role.UNIVERSITY_COORDINATOR, university=u2
    )
    tutor = person_with_user("孙导师", tree.city, role=Role.PRACTICUM_TUTOR, university=u1)
    other_tutor = person_with_user("郑导师", tree.city, role=Role.PRACTICUM_TUTOR, university=u2)
    field_supervisor = person_with_user("刘督导", tree.county_a)
    factories.PositionFactory(person=field_supervisor, service_point=tree.station_a)
    head_a = person_with_user(
        "站长甲", tree.county_a, role=Role.STATION_HEAD, service_point=tree.station_a
    )
    head_b = person_with_user(
        "站长乙", tree.county_b, role=Role.STATION_HEAD, service_point=tree.station_b
    )
    county_b_admin = person_with_user(
        "乙区管理员", tree.county_b, role=Role.REGION_ADMIN, region=tree.county_b
    )
    worker = person_with_user("普通社工", tree.county_a)
    factories.PositionFactory(person=worker, service_point=tree.station_a)

    form = EvaluationForm.objects.create(university=u1, name="实习评价表", criteria=CRITERIA)
    bsw = Programme.objects.create(
        university=u1, name="社会工作", degree=Programme.Degree.BSW, required_hours=800
    )
    bsw.evaluation_forms.add(form)
    other_programme = Programme.objects.create(
        university=u2, name="社会工作", degree=Programme.Degree.MSW, required_hours=600
    )
    base = PracticeBase.objects.create(
        university=u1,
        school="社会学系",
        service_point=tree.station_a,
        kind=PracticeBase.Kind.TEACHING,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        signed_on=dt.date(2025, 12, 20),
    )
    base.field_supervisors.add(field_supervisor)
    placement = Placement.objects.create(
        base=base,
        title="社区养老服务实习",
        field=Placement.Field.ELDERLY,
        term="2026 春季学期",
        places=2,
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 6, 28),
        weekly_schedule="每周一至周五 9:00-17:00",
        requirements="社会工作专业三年级及以上。",
        field_supervisor=field_supervisor,
        tutor=tutor,
        status=Placement.Status.PUBLISHED,
    )
    return SimpleNamespace(
        tree=tree,
        university=u1,
        other_university=u2,
        coordinator=coordinator,
        other_coordinator=other_coordinator,
        tutor=tutor,
        other_tutor=other_tutor,
        field_supervisor=field_supervisor,
        head_a=head_a,
        head_b=head_b,
        county_b_admin=county_b_admin,
        worker=worker,
        form=form,
        programme=bsw,
        other_programme=other_programme,
        base=base,
        placement=placement,
        student=student("钱学生", bsw, tutor, "2023001", tree.city),
        second_student=student("赵学生", bsw, tutor, "2023002", tree.city),
        other_student=student("冯学生", other_programme, other_tutor, "2022009", tree.city),
    )
