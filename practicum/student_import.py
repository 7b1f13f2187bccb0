"""Importing a university's students from Excel (R15), as a kind of the importer
(`imports.kinds`): preview with every row's problems, then all or nothing.

Each row is checked fully before anything is saved, against what the single-student service
(`practicum.services.students.student_create`) will require: the ID number by the directory's
identity rules, the programme and the tutor among the university's own, the student number
unused in the programme, the e-mail not another student's of the university, and no key
repeated within the file. An ID number held by someone who is not already one of the
university's people reads only 「该身份证号无法使用」, never who holds it. Rows are saved
through the service, which also sends each invitation through the outbox.
"""

from functools import partial

from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from directory import identity
from directory import selectors as directory_selectors
from directory.models import Person
from imports import cells, kinds
from imports.columns import mask_id_number, mask_mobile
from practicum.models import Programme
from practicum.services import students as student_services
from practicum.services.placements import tutors_of
from practicum.student_import_rows import StudentRow, student_context, student_row

KEY = "practicum_students"

COLUMNS = (
    kinds.Column("姓名", "name", True, gettext_lazy("学生的真实姓名。")),
    kinds.Column(
        "身份证号",
        "id_number",
        True,
        gettext_lazy("18 位居民身份证号；请把该列设为文本格式，以免 Excel 改成科学计数法。"),
        text_format=True,
        mask=mask_id_number,
        also_fields=("born_on", "gender", "person"),
    ),
    kinds.Column(
        "手机号",
        "mobile",
        False,
        gettext_lazy("选填，11 位手机号，全平台唯一。"),
        text_format=True,
        mask=mask_mobile,
    ),
    kinds.Column(
        "学历",
        "education",
        True,
        gettext_lazy("填写下列学历之一（在读学生填所读层次，如本科）。"),
        allowed=partial(cells.label_list, choices=Person.Education),
    ),
    kinds.Column(
        "电子邮箱",
        "email",
        True,
        gettext_lazy("开通账号的邀请邮件将发送到此邮箱；同一邮箱不能用于本校两名学生。"),
    ),
    kinds.Column(
        "学号",
        "student_number",
        True,
        gettext_lazy("同一专业内学号不能重复。"),
        text_format=True,
    ),
    kinds.Column("年级", "cohort", False, gettext_lazy("选填，如 2024级。")),
    kinds.Column(
        "专业",
        "programme",
        True,
        gettext_lazy("本校已添加的专业名称，须与“专业”页面中的名称完全一致。"),
    ),
    kinds.Column(
        "校内导师",
        "tutor",
        False,
        gettext_lazy("选填，本校实习导师的电子邮箱或姓名；同名导师请填电子邮箱。"),
    ),
    kinds.Column(
        "所属高校",
        "university",
        False,
        gettext_lazy("仅当您负责多所高校的实习时填写高校全称；否则留空。"),
    ),
)


def may_import(*, user: User) -> bool:
    """Coordinators: whoever may manage the practicum of some university (R15)."""
    return scope.may_anywhere(user, Action.MANAGE_PRACTICUM)


def validate(*, rows, user: User) -> list[StudentRow]:
    """Check every row of a student file; nothing is saved."""
    context = student_context(rows=rows, user=user, columns=COLUMNS)
    return [student_row(raw=raw, context=context) for raw in rows]


def save(*, results: list[StudentRow], user: User) -> None:
    """Create each student through the single-student service (person, enrolment, invitation)."""
    for result in results:
        new = result.student
        student_services.student_create(
            programme=new.programme,
            name=new.name,
            id_number=new.id_number,
            mobile=new.mobile,
            education=new.education,
            email=new.email,
            student_number=new.student_number,
            cohort=new.cohort,
            tutor=new.tutor,
            by=user,
        )


def example(*, user: User) -> dict[str, object]:
    """A row valid for `user`: their first university's first programme and tutor, and an ID
    number, mobile and student number nobody holds yet."""
    universities = list(
        scope.universities_visible_to(user, Action.MANAGE_PRACTICUM).order_by("name", "pk")
    )
    university = universities[0] if universities else None
    programme = (
        Programme.objects.filter(university=university).order_by("name", "pk").first()
        if university
        else None
    )
    tutor = (
        tutors_of(university=university).select_related("user").order_by("name", "pk").first()
        if university
        else None
    )
    area = university.region.code[:6] if university else ""
    return {
        "姓名": "李小雨",
        "身份证号": _unused_id_number(area=area if area.isdigit() and len(area) == 6 else "430102"),
        "手机号": _unused_mobile(),
        "学历": str(Person.Education.BACHELOR.label),
        "电子邮箱": "lixiaoyu@example.com",
        "学号": _unused_student_number(programme),
        "年级": "2024级",
        "专业": programme.name if programme else "",
        "校内导师": tutor.user.email if tutor and tutor.user and tutor.user.email else "",
        "所属高校": university.name if len(universities) > 1 else "",
    }


def _unused_id_number(*, area: str) -> str:
    for sequence in range(1, 1000):
        first17 = f"{area}20040312{sequence:03d}"
        number = first17 + identity.id_check_char(first17)
        if not directory_selectors.id_number_in_use(number=number):
            return number
    return ""


def _unused_mobile() -> str:
    for sequence in range(1, 1000):
        mobile = f"139{sequence:08d}"
        if not directory_selectors.mobile_in_use(number=mobile):
            return mobile
    return ""


def _unused_student_number(programme: Programme | None) -> str:
    candidates = [f"2024{sequence:04d}" for sequence in range(1, 1000)]
    taken = (
        set(
            programme.students.filter(student_number__in=candidates).values_list(
                "student_number", flat=True
            )
        )
        if programme
        else set()
    )
    return next((number for number in candidates if number not in taken), "")


def register() -> None:
    kinds.register(
        kinds.ImportKind(
            key=KEY,
            label=gettext_lazy("实习学生"),
            columns=COLUMNS,
            validate=validate,
            save=save,
            may_import=may_import,
            example=example,
            result_url=lambda: reverse("practicum:coord_home"),
            result_label=gettext_lazy("查看实习学生"),
            hint=gettext_lazy("实习学生导入本校已添加的专业；请先添加专业和校内导师，再导入学生。"),
            commit_note=gettext_lazy("确认后将向每名学生的电子邮箱发送开通账号的邀请。"),
        )
    )
