"""Tutors and students added by the university's coordinator (R15): a directory person, an
invitation to sign in with the practicum role, and for a student the enrolment in a programme.

An ID number already in the directory is "cannot be used", exactly as `Person.clean` says it,
unless that person is already one of this university's tutors or students: then they are
reused, and nothing tells the coordinator who else holds a number."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import selectors as account_selectors
from accounts.models import User
from accounts.roles import Role
from accounts.services import invitation_create
from audit.services import audit_record
from directory import selectors as directory_selectors
from directory.models import IDENTITY_MESSAGES, Person, University
from practicum.models import Programme, Student
from practicum.services.placements import tutors_of


def university_people(*, university: University):
    """People already tutoring or studying at the university (or invited to): the only holders
    of an ID number the university may enrol again."""
    invited = account_selectors.invited_people(
        university_id=university.pk, roles=[Role.PRACTICUM_TUTOR, Role.PRACTICUM_STUDENT]
    )
    students = Student.objects.filter(programme__university=university).values_list(
        "person_id", flat=True
    )
    return directory_selectors.people_in_any(
        groups=[
            tutors_of(university=university),
            directory_selectors.people_with_ids(ids=students),
            directory_selectors.people_with_ids(ids=invited),
        ]
    )


def _person_for(
    *, university: University, name: str, id_number: str, mobile: str, education: str
) -> Person:
    """The person behind `id_number`: this university's own, or a new directory person."""
    existing = directory_selectors.person_with_id_number(number=id_number)
    if existing is not None:
        if not university_people(university=university).filter(pk=existing.pk).exists():
            raise ValidationError({"id_number": IDENTITY_MESSAGES["id_number_unusable"]})
        if existing.name != name:
            raise ValidationError({"name": _("姓名与本校已登记的该身份证号人员不一致。")})
        return existing
    person = Person(
        name=name,
        id_number=id_number,
        mobile=mobile,
        education=education,
        social_work_major=True,
        region=university.region,
    )
    person.full_clean()
    person.save()
    return person


def _holds_student_role(*, person: Person, university: University) -> bool:
    holders = account_selectors.users_holding(
        role=Role.PRACTICUM_STUDENT, university_id=university.pk
    )
    return holders.filter(pk=person.user_id).exists()


@transaction.atomic
def tutor_create(
    *,
    university: University,
    name: str,
    id_number: str,
    mobile: str,
    education: str,
    email: str,
    by: User,
) -> Person:
    """A university tutor: a person and an invitation with the practicum-tutor role."""
    person = _person_for(
        university=university, name=name, id_number=id_number, mobile=mobile, education=education
    )
    invitation_create(
        email=email, role=Role.PRACTICUM_TUTOR, target=university, created_by=by, person=person
    )
    audit_record(actor=by, verb="practicum_tutor.create", target=person)
    return person


@transaction.atomic
def student_create(
    *,
    programme: Programme,
    name: str,
    id_number: str,
    education: str,
    email: str,
    student_number: str,
    cohort: str,
    tutor: Person | None,
    by: User,
    mobile: str = "",
) -> Student:
    """A student of `programme` with their tutor (a tutor of the same university), and an
    invitation with the practicum-student role. `mobile` is recorded for a new person only."""
    university = programme.university
    if tutor is not None and not tutors_of(university=university).filter(pk=tutor.pk).exists():
        raise ValidationError({"tutor": _("校内导师须是本校的实习导师。")})
    person = _person_for(
        university=university, name=name, id_number=id_number, mobile=mobile, education=education
    )
    student = Student(
        person=person,
        programme=programme,
        student_number=student_number.strip(),
        cohort=cohort,
        tutor=tutor,
        created_by=by,
    )
    student.full_clean(exclude=["created_by"])
    student.save()
    if not _holds_student_role(person=person, university=university):
        invitation_create(
            email=email,
            role=Role.PRACTICUM_STUDENT,
            target=university,
            created_by=by,
            person=person,
        )
    audit_record(
        actor=by,
        verb="practicum_student.create",
        target=student,
        after={"programme": programme.pk, "student_number": student.student_number},
    )
    return student
