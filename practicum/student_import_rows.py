"""Checking the rows of a student file (R15) against the coordinator's universities.

Everything a file's rows are checked against is loaded once (`student_context`): the
universities the user coordinates, their programmes, tutors, students, the people the
university may enrol again, and the directory's holders of the file's ID and mobile numbers.
Universities, programmes and tutors are looked up only inside what the user coordinates, so
one outside reads exactly like an unknown one.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts import scope
from accounts import selectors as account_selectors
from accounts.models import User
from accounts.roles import Action, Role
from directory import identity
from directory import selectors as directory_selectors
from directory.models import IDENTITY_MESSAGES, Person, University, id_number_digest, mobile_digest
from imports import cells, kinds
from imports.checks import RowCheck, column_values, repeated, repeated_in_column
from imports.parsing import RawRow
from practicum.models import Programme, Student
from practicum.services.placements import tutors_of
from practicum.services.students import university_people

SCIENTIFIC_NOTATION = re.compile(r"\d[eE]\+?\d")
AMBIGUOUS = object()  # a tutor's name that more than one of the university's tutors bears


@dataclass(frozen=True)
class NewStudent:
    """What `student_create` is given for one row."""

    programme: Programme
    name: str
    id_number: str
    mobile: str
    education: str
    email: str
    student_number: str
    cohort: str
    tutor: Person | None


@dataclass
class StudentRow(kinds.RowResult):
    """A checked row of the student file, with the student to create when it has no problem."""

    student: NewStudent | None = None


@dataclass(frozen=True)
class Context:
    columns: tuple[kinds.Column, ...]
    universities: dict[str, University]  # name → a university the user coordinates
    programmes: dict[tuple[int, str], Programme]  # (university, name) → programme
    tutors: dict[tuple[int, str], object]  # (university, e-mail or name) → Person | AMBIGUOUS
    id_holders: dict[str, Person]  # ID number digest → the directory person holding it
    mobile_holders: dict[str, int]  # mobile digest → the holder's person id
    own_people: dict[int, set[int]]  # university → people it may enrol again
    enrolled: set[tuple[int, int]]  # (programme, person)
    numbers_taken: set[tuple[int, str]]  # (programme, student number)
    student_emails: dict[tuple[int, str], set[int]]  # (university, e-mail) → its students
    duplicates: dict[str, dict] = field(default_factory=dict)  # header → key → lines


def student_context(*, rows: list[RawRow], user: User, columns) -> Context:
    """Load what the file's rows are checked against, in a number of queries independent of
    the number of rows."""
    universities = list(scope.universities_visible_to(user, Action.MANAGE_PRACTICUM))
    ids = [university.pk for university in universities]
    programmes = list(Programme.objects.filter(university__in=ids))
    tutors = _tutors(universities)
    holders = list(
        directory_selectors.people_holding_id_numbers(numbers=column_values(rows, "身份证号"))
    )
    holder_ids = [person.pk for person in holders]
    students = Student.objects.filter(programme__university__in=ids)
    return Context(
        columns=columns,
        universities={university.name: university for university in universities},
        programmes={
            (programme.university_id, programme.name): programme for programme in programmes
        },
        tutors=tutors,
        id_holders={person.id_number_hash: person for person in holders},
        mobile_holders=directory_selectors.mobile_holders(numbers=column_values(rows, "手机号")),
        own_people={
            university.pk: set(
                university_people(university=university)
                .filter(pk__in=holder_ids)
                .values_list("pk", flat=True)
            )
            if holder_ids
            else set()
            for university in universities
        },
        enrolled=set(students.values_list("programme_id", "person_id")),
        numbers_taken=set(
            students.filter(student_number__in=column_values(rows, "学号")).values_list(
                "programme_id", "student_number"
            )
        ),
        student_emails=_student_emails(ids, column_values(rows, "电子邮箱")),
        duplicates={
            "身份证号": repeated_in_column(
                rows, header="身份证号", key=identity.normalise_id_number
            ),
            "手机号": repeated_in_column(rows, header="手机号", key=identity.normalise_mobile),
            "电子邮箱": repeated_in_column(rows, header="电子邮箱", key=str.lower),
            "学号": repeated(
                (
                    (
                        raw.values.get("所属高校", "").strip(),
                        raw.values.get("专业", "").strip(),
                        raw.values.get("学号", "").strip(),
                    )
                    if raw.values.get("学号", "").strip()
                    else None,
                    raw.line,
                )
                for raw in rows
            ),
        },
    )


def student_row(*, raw: RawRow, context: Context) -> StudentRow:
    """The student to create from one row, or every problem of the row."""
    row = RowCheck(result=StudentRow(line=raw.line, values=raw.values), columns=context.columns)
    row.require(column.header for column in context.columns if column.required)
    university = _university(row=row, context=context)
    programme = _programme(row=row, context=context, university=university)
    tutor = _tutor(row=row, context=context, university=university)
    holder = _id_number(row=row, context=context, university=university, programme=programme)
    mobile = _mobile(row=row, context=context, holder=holder)
    email = _email(row=row, context=context, university=university, holder=holder)
    education = row.read("学历", cells.choice, choices=Person.Education)
    _student_number(row=row, context=context, programme=programme)
    _lengths(row)
    if not row.result.errors:
        row.result.student = NewStudent(
            programme=programme,
            name=row.text("姓名"),
            id_number=identity.normalise_id_number(row.text("身份证号")),
            mobile=mobile,
            education=education,
            email=email,
            student_number=row.text("学号"),
            cohort=row.text("年级"),
            tutor=tutor,
        )
    return row.result


def _university(*, row: RowCheck, context: Context) -> University | None:
    name = row.text("所属高校")
    if not name:
        if len(context.universities) == 1:
            return next(iter(context.universities.values()))
        row.error("所属高校", _("您负责多所高校的实习，请填写所属高校。"))
        return None
    university = context.universities.get(name)
    if university is None:
        row.error("所属高校", _("未找到该高校，或您不是该校的实习协调人。"))
    return university


def _programme(*, row: RowCheck, context: Context, university) -> Programme | None:
    name = row.text("专业")
    if not name or university is None:
        return None
    programme = context.programmes.get((university.pk, name))
    if programme is None:
        row.error(
            "专业", _("本校没有名为“%(name)s”的专业，请先在“专业”页面添加。") % {"name": name}
        )
    return programme


def _tutor(*, row: RowCheck, context: Context, university) -> Person | None:
    cell = row.text("校内导师")
    if not cell or university is None:
        return None
    tutor = context.tutors.get(
        (university.pk, cell.lower()), context.tutors.get((university.pk, cell))
    )
    if tutor is None:
        row.error("校内导师", _("未找到该校内导师，请填写本校实习导师的电子邮箱或姓名。"))
        return None
    if tutor is AMBIGUOUS:
        row.error("校内导师", _("本校有多位同名的实习导师，请改填导师的电子邮箱。"))
        return None
    return tutor


def _id_number(*, row: RowCheck, context: Context, university, programme) -> Person | None:
    """The directory person already holding the row's ID number, when the university may enrol
    them; any other holder only makes the number "cannot be used" (R15, no leak)."""
    text = row.text("身份证号")
    if not text:
        return None
    if SCIENTIFIC_NOTATION.search(text):
        row.error(
            "身份证号",
            _(
                "身份证号被 Excel 存成了数字（科学计数法），后几位已丢失。"
                "请把该列设为文本格式后重新填写。"
            ),
        )
        return None
    try:
        number, _born_on, _gender = identity.parse_id_number(text)
    except identity.IdentityError as error:
        row.error("身份证号", IDENTITY_MESSAGES[error.code])
        return None
    row.check_repeated("身份证号", context.duplicates["身份证号"].get(number))
    holder = context.id_holders.get(id_number_digest(number))
    if holder is None or university is None:
        return None
    if holder.pk not in context.own_people[university.pk]:
        row.error("身份证号", IDENTITY_MESSAGES["id_number_unusable"])
        return None
    if holder.name != row.text("姓名"):
        row.error("姓名", _("姓名与本校已登记的该身份证号人员不一致。"))
    if programme is not None and (programme.pk, holder.pk) in context.enrolled:
        row.error("身份证号", _("该学生已在此专业登记。"))
    return holder


def _mobile(*, row: RowCheck, context: Context, holder: Person | None) -> str:
    """A new person's mobile number (one already recorded keeps theirs)."""
    text = row.text("手机号")
    if not text:
        return ""
    try:
        mobile = identity.parse_mobile(text)
    except identity.IdentityError:
        row.error("手机号", IDENTITY_MESSAGES["mobile"])
        return ""
    row.check_repeated("手机号", context.duplicates["手机号"].get(mobile))
    held_by = context.mobile_holders.get(mobile_digest(mobile))
    if held_by is not None and (holder is None or held_by != holder.pk):
        row.error("手机号", IDENTITY_MESSAGES["mobile_unusable"])
    return mobile if holder is None else ""


def _email(*, row: RowCheck, context: Context, university, holder: Person | None) -> str:
    email = row.text("电子邮箱").lower()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        row.error("电子邮箱", _("电子邮箱格式不正确。"))
        return email
    row.check_repeated("电子邮箱", context.duplicates["电子邮箱"].get(email))
    if university is not None:
        others = context.student_emails.get((university.pk, email), set()) - {
            holder.pk if holder else None
        }
        if others:
            row.error("电子邮箱", _("本校已有其他学生使用该电子邮箱。"))
    return email


def _student_number(*, row: RowCheck, context: Context, programme) -> None:
    number = row.text("学号")
    if not number:
        return
    key = (row.text("所属高校"), row.text("专业"), number)
    row.check_repeated("学号", context.duplicates["学号"].get(key))
    if programme is not None and (programme.pk, number) in context.numbers_taken:
        row.error("学号", _("此专业已有相同学号的学生。"))


def _lengths(row: RowCheck) -> None:
    limits = {
        "姓名": Person._meta.get_field("name").max_length,
        "学号": Student._meta.get_field("student_number").max_length,
        "年级": Student._meta.get_field("cohort").max_length,
    }
    for header, limit in limits.items():
        if len(row.text(header)) > limit:
            row.error(header, _("不能超过 %(limit)s 个字。") % {"limit": limit})


def _tutors(universities: list[University]) -> dict[tuple[int, str], object]:
    """(university, lower-cased e-mail) and (university, name) → tutor; a name several tutors
    of one university bear → AMBIGUOUS."""
    found: dict[tuple[int, str], object] = {}
    for university in universities:
        for tutor in tutors_of(university=university).select_related("user"):
            key = (university.pk, tutor.name)
            found[key] = AMBIGUOUS if key in found else tutor
            if tutor.user.email:
                found[(university.pk, tutor.user.email.lower())] = tutor
    return found


def _student_emails(university_ids: list[int], emails: set[str]) -> dict[tuple[int, str], set]:
    """(university, e-mail) → the university's students using it: in their student invitation
    or as their account's e-mail."""
    emails = {email.lower() for email in emails}
    found: dict[tuple[int, str], set] = {}
    invitations = account_selectors.invited_emails(
        role=Role.PRACTICUM_STUDENT, university_ids=university_ids, emails=emails
    )
    accounts = (
        Student.objects.filter(programme__university__in=university_ids)
        .filter(Q(person__user__email__in=emails))
        .values_list("programme__university_id", "person__user__email", "person_id")
    )
    for university_id, email, person_id in [*invitations, *accounts]:
        found.setdefault((university_id, email.lower()), set()).add(person_id)
    return found
