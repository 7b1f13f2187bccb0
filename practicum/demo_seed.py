"""Demo practicum for `manage.py seed_demo` (directory/demo/extensions.py), R15.

湖南师范大学 (coordinator.hunnu@example.cn) has a teaching-base agreement with 星沙街道社会工作
服务站, whose head names the deputy head (deputy.xingsha@example.cn) its field supervisor. Its
BSW programme requires 400 hours and uses the university's evaluation form. Three placements at
星沙, dated from today: one finished in spring, one under way, one not begun. Three students at
three stages: student3.hunnu completed the finished placement (logs confirmed, supervision,
mid-term and final evaluations, grade, certificate); student2.hunnu is on the current one (weeks
confirmed, one returned with a comment, the latest waiting); student1.hunnu has applied to the
coming one and waits for both decisions. 浙江大学 (coordinator.zju@example.cn) has an agreement
with 北山街道社会工作站 and a coming placement with one pending application.

Everything goes through the services with the dates it would have happened at; tutors and
students accept their invitations with the link from their invitation e-mail, choosing the demo
password. A second run adds nothing; `reset()` removes every practicum row and the demo's mail.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlparse

from django.urls import resolve
from django.utils import timezone

from accounts import services as account_services
from accounts.models import Invitation, RoleGrant, User
from accounts.roles import Role
from credentials import services as credential_services
from directory.demo.base import DOMAIN, PASSWORD
from directory.demo.people import PeopleMaker
from directory.models import Person, University
from outbox.models import OutgoingMail
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
from practicum.services import (
    applications,
    bases,
    completion,
    evaluations,
    placements,
    programmes,
    students,
    supervision,
    weekly_logs,
)

SEED = 20260415
MOBILE_PREFIXES = ("191",)
WEEK = dt.timedelta(days=7)
DAY = dt.timedelta(days=1)
HOURS_A_WEEK = 40

CRITERIA = [
    {"name": "专业态度与伦理", "max_score": 20},
    {"name": "专业知识运用", "max_score": 30},
    {"name": "实务技能", "max_score": 30},
    {"name": "反思与成长", "max_score": 20},
]
ACTIVITIES = "入户探访独居老人 3 户，协助开展“邻里守望”小组活动 1 次，整理服务记录。"
REFLECTION = "本周学习了如何在探访中倾听而不急于给建议，尊重服务对象的自决。"


@dataclass(frozen=True)
class Side:
    """One university of the demo and the station it places students at."""

    university: str
    key: str  # names the logins: coordinator.<key>@, tutor.<key>@, student<n>.<key>@
    school: str
    station: str  # the station's demo slug: head.<slug>@, deputy.<slug>@
    programme: str
    degree: str
    required_hours: int


HUNNU = Side("湖南师范大学", "hunnu", "公共管理学院", "xingsha", "社会工作", "bsw", 400)
ZJU = Side("浙江大学", "zju", "公共管理学院", "beishan", "社会工作硕士", "msw", 800)


def email(name: str) -> str:
    return f"{name}@{DOMAIN}"


def coordinator_of(side: Side) -> str:
    return email(f"coordinator.{side.key}")


def tutor_of(side: Side) -> str:
    return email(f"tutor.{side.key}")


def student_of(side: Side, n: int) -> str:
    return email(f"student{n}.{side.key}")


def field_supervisor_of(side: Side) -> str:
    return email(f"deputy.{side.station}")


def head_of(side: Side) -> str:
    return email(f"head.{side.station}")


LOGINS = (
    tutor_of(HUNNU),
    *(student_of(HUNNU, n) for n in (1, 2, 3)),
    tutor_of(ZJU),
    student_of(ZJU, 1),
)


def seed(*, scale: str, figures) -> None:
    if PracticeBase.objects.filter(
        university__name__in=(HUNNU.university, ZJU.university)
    ).exists():
        return
    needed = [coordinator_of(s) for s in (HUNNU, ZJU)] + [head_of(s) for s in (HUNNU, ZJU)]
    if User.objects.filter(email__in=needed).count() < len(needed):
        return  # a directory without the demo universities' coordinators or the stations
    people = PeopleMaker(seed=SEED, mobile_prefixes=MOBILE_PREFIXES)
    today = timezone.localdate()
    figures.run("practicum: 湖南师范大学", _hunnu, people, today)
    figures.run("practicum: 浙江大学", _zju, people, today)


def reset() -> None:
    """Delete every practicum row (before the credentials and the directory) and the mail the
    demo sent to its tutors and students."""
    for model in (Evaluation, WeeklyLog):
        model.objects.all().delete()
    StudentSupervision.students.through.objects.all().delete()
    StudentSupervision.objects.all().delete()
    Application.objects.all().delete()
    Placement.objects.all().delete()
    Student.objects.all().delete()
    Programme.evaluation_forms.through.objects.all().delete()
    Programme.objects.all().delete()
    EvaluationForm.objects.all().delete()
    PracticeBase.field_supervisors.through.objects.all().delete()
    PracticeBase.objects.all().delete()
    OutgoingMail.objects.filter(to__in=LOGINS).delete()


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _accept_invitation(person: Person) -> User:
    """The invitee opens the link of their invitation e-mail and sets the demo password (an
    account kept from an earlier run signs in and accepts)."""
    invitation = Invitation.objects.filter(person=person).latest("pk")
    mail = OutgoingMail.objects.filter(to=invitation.email).latest("pk")
    link = next(word for word in mail.body.split() if "/invitation/" in word)
    token = resolve(urlparse(link).path).kwargs["token"]
    existing = account_services.invitation_account(invitation)
    return account_services.invitation_accept(token=token, signed_in=existing, password=PASSWORD)


def _agreement(side: Side, today: dt.date) -> tuple[University, PracticeBase, User]:
    """The university's agreement with the station, its form and programme; the station's head
    names the deputy head field supervisor. Returns the university, base and coordinator."""
    coordinator = _granted(coordinator_of(side), Role.UNIVERSITY_COORDINATOR).user
    university = University.objects.get(name=side.university)
    station = _granted(head_of(side), Role.STATION_HEAD).service_point
    starts_on = dt.date(today.year - 2, 9, 1)
    base = bases.practice_base_create(
        university=university,
        host=station,
        kind=PracticeBase.Kind.TEACHING,
        starts_on=starts_on,
        ends_on=dt.date(today.year + 2, 8, 31),
        signed_on=starts_on - 10 * DAY,
        school=side.school,
        document=None,
        by=coordinator,
    )
    supervisor = Person.objects.get(user__email=field_supervisor_of(side))
    bases.field_supervisors_set(
        base=base,
        people=[supervisor],
        by=_granted(head_of(side), Role.STATION_HEAD).user,
        today=today,
    )
    return university, base, coordinator


def _programme(side: Side, university: University, coordinator: User) -> Programme:
    form = programmes.evaluation_form_create(
        university=university,
        name=f"{side.university}社会工作专业实习评价表",
        criteria=CRITERIA,
        by=coordinator,
    )
    return programmes.programme_create(
        university=university,
        data={
            "name": side.programme,
            "degree": side.degree,
            "required_hours": side.required_hours,
        },
        evaluation_forms=[form],
        by=coordinator,
    )


def _tutor(side: Side, people: PeopleMaker, university: University, coordinator) -> Person:
    row = people.person(
        area=university.region.code, born_from=1975, born_to=1988, floor="doctorate"
    )
    person = students.tutor_create(
        university=university,
        name=row.name,
        id_number=row.id_number,
        mobile=row.mobile,
        education=row.education,
        email=tutor_of(side),
        by=coordinator,
    )
    _accept_invitation(person)
    person.refresh_from_db()
    return person


def _student(side: Side, n: int, people: PeopleMaker, programme: Programme, tutor, coordinator):
    region = programme.university.region.code
    row = people.person(area=region, born_from=2002, born_to=2004, floor="college")
    student = students.student_create(
        programme=programme,
        name=row.name,
        id_number=row.id_number,
        education="secondary",
        email=student_of(side, n),
        student_number=f"{programme.university.pk:02d}2023{n:04d}",
        cohort="2023 级",
        tutor=tutor,
        by=coordinator,
    )
    _accept_invitation(student.person)
    return Student.objects.select_related("person__user", "programme").get(pk=student.pk)


def _term(starts_on: dt.date) -> str:
    """The term a placement starting on that day belongs to: spring from February to July."""
    if 2 <= starts_on.month <= 7:
        return f"{starts_on.year} 春季学期"
    year = starts_on.year if starts_on.month > 7 else starts_on.year - 1
    return f"{year} 秋季学期"


def _placement(base, coordinator, *, title, field, starts_on, weeks, tutor, today):
    """A published placement of `weeks` weeks from Monday `starts_on` to a Friday, created a
    month before it begins."""
    created_on = min(starts_on - 30 * DAY, today)
    placement = placements.placement_create(
        base=base,
        data={
            "title": title,
            "field": field,
            "term": _term(starts_on),
            "places": 3,
            "starts_on": starts_on,
            "ends_on": starts_on + weeks * WEEK - 3 * DAY,
            "weekly_schedule": "周一至周五 9:00—17:00",
            "requirements": "社会工作专业在读，已修完个案工作、小组工作课程。（演示数据）",
            "field_supervisor": base.field_supervisors.get(),
            "tutor": tutor,
        },
        by=coordinator,
        today=created_on,
    )
    return placements.placement_publish(placement=placement, by=coordinator, today=created_on)


def _apply(
    placement: Placement, student: Student, *, deciders: tuple[User, User] | None = None
) -> Application:
    """The student applies two weeks before the start; with `deciders` (the station's head and
    the coordinator), both accept."""
    application = applications.application_create(
        placement=placement,
        student=student,
        statement="我关注社区为老服务，希望在站点督导指导下提升个案与小组工作能力。",
        user=student.person.user,
        today=placement.starts_on - 14 * DAY,
    )
    if deciders is None:
        return application
    parties = (applications.STATION, applications.COORDINATOR)
    for party, user in zip(parties, deciders, strict=True):
        application = applications.application_decide(
            application=application, party=party, accept=True, user=user
        )
    return application


def _granted(address: str, role: str) -> RoleGrant:
    return RoleGrant.objects.select_related("user", "service_point").get(
        user__email=address, role=role, revoked_at__isnull=True
    )


def _log(application: Application, monday: dt.date, today: dt.date) -> WeeklyLog:
    return weekly_logs.weekly_log_submit(
        application=application,
        week_starts_on=monday,
        minutes=HOURS_A_WEEK * 60,
        activities=ACTIVITIES,
        reflection=REFLECTION,
        user=application.student.person.user,
        today=today,
    )


def _evaluate(application: Application, stage: str, form: EvaluationForm, tutor: User) -> None:
    placement = application.placement
    evaluators = (
        (Evaluation.Party.FIELD_SUPERVISOR, placement.field_supervisor.user),
        (Evaluation.Party.TUTOR, tutor),
        (Evaluation.Party.SELF, application.student.person.user),
    )
    for party, user in evaluators:
        scores = {
            c["name"]: (c["max_score"] - 2 - (party == "self"), "表现稳定，能结合理论开展实务。")
            for c in form.criteria
        }
        evaluations.evaluation_submit(
            application=application,
            stage=stage,
            party=party,
            form=form,
            scores=scores,
            overall_comment="实习投入，服务对象反馈良好，反思深入。",
            by=user,
        )


def _completed(application: Application, form: EvaluationForm, tutor: User, today) -> None:
    """Every week confirmed, supervision, both evaluations, the grade and the certificate."""
    placement = application.placement
    supervisor = placement.field_supervisor.user
    monday = placement.starts_on
    while monday <= placement.ends_on:
        weekly_logs.weekly_log_confirm(log=_log(application, monday, today), user=supervisor)
        monday += WEEK
    for week, form_kind in ((2, "individual"), (6, "group")):
        supervision.student_supervision_record(
            placement=placement,
            form=form_kind,
            held_on=placement.starts_on + week * WEEK + 2 * DAY,
            minutes=90,
            topics="服务对象的自决与社工的界限" if week == 2 else "小组活动的设计与带领",
            notes="（演示数据）",
            students=[application],
            by=supervisor,
            today=today,
        )
    _evaluate(application, Evaluation.Stage.MIDTERM, form, tutor)
    _evaluate(application, Evaluation.Stage.FINAL, form, tutor)
    certificate = evaluations.grade_enter(application=application, grade="good", by=tutor)
    credential_services.certificate_render(certificate_id=certificate.pk)


def _hunnu(people: PeopleMaker, today: dt.date) -> int:
    university, base, coordinator = _agreement(HUNNU, today)
    programme = _programme(HUNNU, university, coordinator)
    form = programme.evaluation_forms.get()
    tutor = _tutor(HUNNU, people, university, coordinator)
    enrolled = [_student(HUNNU, n, people, programme, tutor, coordinator) for n in (1, 2, 3)]
    this_week = _monday(today)
    common = {"tutor": tutor, "today": today, "field": Placement.Field.ELDERLY}
    finished = _placement(
        base,
        coordinator,
        title="社区居家养老服务实习（春季）",
        starts_on=this_week - 22 * WEEK,
        weeks=10,
        **common,
    )
    current = _placement(
        base,
        coordinator,
        title="社区居家养老服务实习",
        starts_on=this_week - 4 * WEEK,
        weeks=16,
        **common,
    )
    coming = _placement(
        base,
        coordinator,
        title="“一老一小”社区服务实习",
        starts_on=this_week + 3 * WEEK,
        weeks=12,
        **common,
    )
    deciders = (_granted(head_of(HUNNU), Role.STATION_HEAD).user, coordinator)
    _apply(coming, enrolled[0])
    _in_progress(_apply(current, enrolled[1], deciders=deciders), today)
    _completed(_apply(finished, enrolled[2], deciders=deciders), form, tutor.user, today)
    placements.placement_close(placement=finished, by=coordinator)
    return 3 + len(enrolled)


def _in_progress(application: Application, today: dt.date) -> None:
    """Two weeks confirmed, the third returned with a comment, the fourth waiting."""
    supervisor = application.placement.field_supervisor.user
    monday = application.placement.starts_on
    for week in range(4):
        log = _log(application, monday + week * WEEK, today)
        if week < 2:
            weekly_logs.weekly_log_confirm(log=log, user=supervisor)
        elif week == 2:
            weekly_logs.weekly_log_return(
                log=log,
                comment="本周周三为站点例会，请核对实际在站时数并补充小组活动的具体内容。",
                user=supervisor,
            )


def _zju(people: PeopleMaker, today: dt.date) -> int:
    university, base, coordinator = _agreement(ZJU, today)
    programme = _programme(ZJU, university, coordinator)
    tutor = _tutor(ZJU, people, university, coordinator)
    student = _student(ZJU, 1, people, programme, tutor, coordinator)
    coming = _placement(
        base,
        coordinator,
        title="困境儿童关爱服务实习",
        field=Placement.Field.CHILDREN,
        starts_on=_monday(today) + 4 * WEEK,
        weeks=16,
        tutor=tutor,
        today=today,
    )
    _apply(coming, student)
    return 3


def report() -> list[str]:
    """How to walk through the practicum as each role."""
    found = {
        a.student.person.user.email: a
        for a in Application.objects.select_related("student__person__user")
    }
    done = found.get(student_of(HUNNU, 3))
    certificate = completion.certificate_of(done) if done else None
    if certificate is None:
        return []
    return [
        f"Demo practicum (R15), password {PASSWORD}; the public list is at /practicum/placements/.",
        f"  {coordinator_of(HUNNU)} — 实习管理 (/practicum/coordinator/): the agreement with 星沙,"
        " placements, students' confirmed vs required hours, the application waiting for the"
        " university, the Excel export.",
        f"  {head_of(HUNNU)} — 实习站点 (/practicum/placement/station/): decide"
        f" {student_of(HUNNU, 1)}'s application; {field_supervisor_of(HUNNU)} is the field"
        " supervisor: confirm or return the waiting weekly log (/practicum/placement/logs/),"
        " record supervision and evaluations (/practicum/completion/).",
        f"  {tutor_of(HUNNU)} — 导师 (/practicum/placement/tutor/): every student's logs and"
        " hours; evaluations and the final grade at /practicum/completion/.",
        f"  {student_of(HUNNU, 1)} applied (pending); {student_of(HUNNU, 2)} is placed (two weeks"
        f" confirmed, one returned to correct, one waiting); {student_of(HUNNU, 3)} completed —"
        f" the certificate verifies at /verify/{certificate.code}/ (short code"
        f" {certificate.short_code}). Students start at /practicum/placement/me/.",
        f"  {coordinator_of(ZJU)}, {tutor_of(ZJU)}, {student_of(ZJU, 1)} (pending at 北山;"
        f" {head_of(ZJU)} decides, {field_supervisor_of(ZJU)} supervises).",
    ]
