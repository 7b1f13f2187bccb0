"""A small province with two counties holding one of each record, for walking every URL.

County 乙 is built first, so its records take the lowest primary keys; county 甲 holds the users
who walk. Every name of a person or record of county 乙 contains MARKER, so a page that shows it
to a 甲 user (or to anyone signed out) leaks. Regions, stations, courses and their runs are public
(the map, station pages, the catalogue), so their names carry no marker.
"""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from accounts.roles import Role
from competitions.models import Competition
from competitions.services import contests
from competitions.services import entries as entry_services
from competitions.services import quiz as quiz_services
from credentials import services as credential_services
from credentials.models import Certificate
from lms.models import CourseRun, EnrolmentMode, Kind, Level, TrainingSession
from lms.services import courses as course_services
from lms.services import enrolment as enrolment_services
from practicum.models import (
    Application,
    Evaluation,
    EvaluationForm,
    Placement,
    PracticeBase,
    Programme,
    Student,
    StudentSupervision,
    WeeklyLog,
)
from supervision import services as supervision_services
from supervision.models import CommitteeLevel, SessionForm, SupervisionSession
from tests import factories

MARKER = "乙县"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def _person(name, region, station=None, *, role=Role.WORKER, **grant):
    """A person with an account, placed at `station` if given, granted `role` over `grant`
    (the station by default, else their region)."""
    user = factories.UserFactory(last_name=name)
    person = factories.PersonFactory(name=name, region=region, user=user)
    if station is not None:
        factories.PositionFactory(person=person, service_point=station)
    grant = grant or ({"service_point": station} if station else {"region": region})
    factories.RoleGrantFactory(user=user, role=role, **grant)
    return person


def _county(province_city, label: str, code: str):
    county = factories.region(f"{label}区", code, "county", province_city)
    town = factories.region(f"{label}区一镇", f"{code}001", "township", county)
    station = factories.ServicePointFactory(region=town, name=f"{label}区社工站")
    worker = _person(f"{label}县社工", county, station)
    head = _person(f"{label}县站长", county, station, role=Role.STATION_HEAD)
    admin = _person(f"{label}县管理员", county, role=Role.REGION_ADMIN)
    supervisor = _person(f"{label}县督导", county, role=Role.SUPERVISOR, service_point=station)
    profile = factories.linked_supervisor(
        supervisor, station, committee_level=CommitteeLevel.COUNTY
    )
    session = supervision_services.session_log(
        service_point=station,
        supervisors=[profile],
        providing_level=CommitteeLevel.COUNTY,
        form=SessionForm.CIRCUIT,
        started_at=dt.datetime(2025, 5, 10, 10, tzinfo=SHANGHAI),
        duration_minutes=120,
        status=SupervisionSession.Status.HELD,
        topic=f"{label}县个案督导",
        supervisees=[(worker, 120)],
        logged_by=supervisor.user,
    )
    course = course_services.course_create(
        created_by=admin.user,
        region=county,
        provider=None,
        audience_regions=[county],
        title=f"实务课程（{label}）",
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        minutes_per_session=180,
    )
    now = timezone.now()
    run = CourseRun.objects.create(
        course=course,
        name=f"第一期（{label}）",
        capacity=5,
        enrolment_mode=EnrolmentMode.OPEN,
        enrolment_deadline=now + dt.timedelta(days=5),
        cancellation_deadline=now + dt.timedelta(days=5),
        starts_on=timezone.localdate(now),
        ends_on=timezone.localdate(now) + dt.timedelta(days=1),
    )
    TrainingSession.objects.create(
        run=run, starts_at=now, ends_at=now + dt.timedelta(hours=3), minutes=180
    )
    enrolment = enrolment_services.enrolment_create(run=run, person=worker, user=worker.user)
    certificate = credential_services.certificate_issue(
        holder=worker,
        kind=Certificate.Kind.HOURS,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        snapshot={
            "title": "2025 年度学时证明",
            "statement": f"兹证明 {worker.name} 于 2025 年度参加培训与督导情况如下。",
            "holder": {"name": worker.name, "id_number_masked": worker.id_number_masked},
            "period": {"starts_on": "2025-01-01", "ends_on": "2025-12-31"},
            "sections": [],
        },
        issued_by=admin.user,
    )
    competition = contests.competition_create(
        by=admin.user,
        organiser=county,
        title=f"优秀案例评选（{label}区）",
        kind=Competition.Kind.CASE,
        rules="评选规则。",
        award_levels=[{"name": "一等奖", "count": 1}],
        method=Competition.Method.MEAN,
        tie_rule=Competition.TieRule.SHARED,
        submissions_open_at=now - dt.timedelta(days=30),
        submissions_close_at=now + dt.timedelta(days=30),
        review_closes_at=now + dt.timedelta(days=60),
    )
    contests.rubric_set(
        competition=competition, by=admin.user, criteria=[{"name": "专业性", "weight": 100}]
    )
    contests.competition_publish(
        competition=competition, by=admin.user, now=now - dt.timedelta(days=31)
    )
    entry = entry_services.entry_create(
        competition=competition, author=worker, title=f"{label}县参赛案例", by=worker.user
    )
    quiz_services.question_create(
        region=county,
        by=admin.user,
        kind="single",
        text=f"{label}县题库的题",
        options=["甲", "乙"],
        key=[0],
        topic="政策",
        difficulty=1,
    )
    practicum = _practicum(label, county, station, head)
    return SimpleNamespace(
        county=county,
        town=town,
        university=practicum.university,
        practicum=practicum,
        competition=competition,
        entry=entry,
        station=station,
        worker=worker,
        head=head,
        admin=admin,
        supervisor=supervisor,
        session=session,
        course=course,
        run=run,
        enrolment=enrolment,
        certificate=certificate,
    )


def _practicum(label, county, station, head):
    """A university with a practice base at the county's station, a published placement (public:
    no marker in its title) and an accepted student with a weekly log, a supervision and an
    evaluation (private: the people carry the marker)."""
    university = factories.UniversityFactory(name=f"{label}区大学", region=county)
    tutor = _person(f"{label}县实习导师", county, role=Role.PRACTICUM_TUTOR, university=university)
    student_person = _person(
        f"{label}县实习学生", county, role=Role.PRACTICUM_STUDENT, university=university
    )
    form = EvaluationForm.objects.create(
        university=university,
        name=f"{label}区评价表",
        criteria=[{"name": "专业态度", "max_score": 10}],
    )
    programme = Programme.objects.create(
        university=university,
        name=f"{label}区社会工作",
        degree=Programme.Degree.BSW,
        required_hours=800,
    )
    programme.evaluation_forms.add(form)
    student = Student.objects.create(
        person=student_person, programme=programme, student_number=f"{label}001", tutor=tutor
    )
    today = timezone.localdate()
    base = PracticeBase.objects.create(
        university=university,
        service_point=station,
        kind=PracticeBase.Kind.TEACHING,
        starts_on=today - dt.timedelta(days=100),
        ends_on=today + dt.timedelta(days=265),
    )
    base.field_supervisors.add(head)
    placement = Placement.objects.create(
        base=base,
        title=f"社区实习岗位（{label}区）",
        field=Placement.Field.ELDERLY,
        term="2026 秋季学期",
        places=3,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=60),
        weekly_schedule="每周三天",
        field_supervisor=head,
        tutor=tutor,
        status=Placement.Status.PUBLISHED,
    )
    application = Application.objects.create(
        placement=placement,
        student=student,
        statement=f"{label}县实习申请陈述",
        state=Application.State.ACCEPTED,
        station_decision=Application.Decision.ACCEPTED,
        coordinator_decision=Application.Decision.ACCEPTED,
    )
    monday = today - dt.timedelta(days=today.weekday() + 14)
    WeeklyLog.objects.create(
        application=application,
        week_starts_on=monday,
        minutes=1200,
        activities=f"{label}县周志内容",
        reflection=f"{label}县周志反思",
    )
    supervision = StudentSupervision.objects.create(
        placement=placement,
        supervisor=head,
        form=StudentSupervision.Form.INDIVIDUAL,
        held_on=monday,
        minutes=60,
        topics=f"{label}县学生督导",
    )
    supervision.students.add(application)
    Evaluation.objects.create(
        application=application,
        stage=Evaluation.Stage.MIDTERM,
        party=Evaluation.Party.SELF,
        form=form,
        criteria=form.criteria,
        scores={"专业态度": {"score": 8, "comment": f"{label}县自评"}},
        overall_comment=f"{label}县自评总评",
        evaluator=student_person.user,
    )
    return SimpleNamespace(
        university=university,
        tutor=tutor,
        student=student_person,
        placement=placement,
        application=application,
    )


def build():
    """County 乙 first (lowest keys), then county 甲 with one user of every role."""
    province = factories.region("湖南省", "430000", "province")
    city = factories.region("长沙市", "430100", "city", province)
    other = _county(city, "乙", "430103")
    home = _county(city, "甲", "430102")
    provider = _person("甲县培训机构", home.county, role=Role.TRAINING_PROVIDER)
    editor = _person("甲县编辑", home.county, role=Role.EDITOR)
    judge = _person("甲县评审", home.county, role=Role.JUDGE)
    coordinator = _person(
        "甲县高校协调人", home.county, role=Role.UNIVERSITY_COORDINATOR, university=home.university
    )
    walkers = {
        "worker": home.worker.user,
        "station_head": home.head.user,
        "supervisor": home.supervisor.user,
        "region_admin": home.admin.user,
        "training_provider": provider.user,
        "editor": editor.user,
        "judge": judge.user,
        "university_coordinator": coordinator.user,
        "practicum_tutor": home.practicum.tutor.user,
        "practicum_student": home.practicum.student.user,
    }
    return SimpleNamespace(home=home, other=other, walkers=walkers)
