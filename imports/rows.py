"""Checking the rows of the two directory files against the database and the user's scope.

One function per kind turns a raw row into unsaved model instances and every problem of the row,
each as (column header, Chinese message). Model validation (`full_clean`) does the domain checks:
ID and mobile numbers (`Person.clean`), the region level of a service point (`ServicePoint.clean`).
Codes are looked up once per file and only inside what the user may manage, so a code outside
their scope reads exactly like an unknown one. An ID or mobile number someone already holds reads
only "cannot be used" (`Person.clean`), whoever and wherever that person is.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Model
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import User
from accounts.roles import Action, Role
from directory import identity
from directory import selectors as directory_selectors
from directory.models import Agency, Person, Position, Region, ServicePoint
from imports import cells, columns, kinds
from imports.checks import RowCheck, column_values, repeated_in_column
from imports.parsing import RawRow

SCIENTIFIC_NOTATION = re.compile(r"\d[eE]\+?\d")


@dataclass(frozen=True)
class Invite:
    """An invitation to send once the row's person is saved."""

    email: str
    role: str
    target: Region | ServicePoint
    person: Person


@dataclass
class RowResult(kinds.RowResult):
    """A checked directory row: unsaved records in saving order, and perhaps an invitation."""

    records: list[Model] = field(default_factory=list)
    invite: Invite | None = None


@dataclass(frozen=True)
class Context:
    """What one file's rows are checked against, loaded in a few queries."""

    regions: dict[str, Region]
    points: dict[str, ServicePoint] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    taken_codes: frozenset[str] = frozenset()
    # header → repeated value → the lines that repeat it
    duplicates: dict[str, dict[str, list[int]]] = field(default_factory=dict)


def _row(raw: RawRow, file_columns: tuple[kinds.Column, ...]) -> RowCheck:
    return RowCheck(result=RowResult(line=raw.line, values=raw.values), columns=file_columns)


def validate_service_points(*, rows: list[RawRow], user: User) -> list[RowResult]:
    """Check every row of a service point file; nothing is saved."""
    context = _service_point_context(rows=rows, user=user)
    return [service_point_row(raw=raw, context=context) for raw in rows]


def validate_people(*, rows: list[RawRow], user: User) -> list[RowResult]:
    """Check every row of a people file; nothing is saved."""
    context = _person_context(rows=rows, user=user)
    return [person_row(raw=raw, context=context) for raw in rows]


def service_point_row(*, raw: RawRow, context: Context) -> RowResult:
    """A `ServicePoint` from one row of the service point file."""
    row = _row(raw, columns.SERVICE_POINT_COLUMNS)
    row.require(column.header for column in columns.SERVICE_POINT_COLUMNS if column.required)
    code = row.text("编号")
    row.check_repeated("编号", _lines(context, "编号", code))
    if code in context.taken_codes:
        row.error("编号", _("编号 %(code)s 已被其他服务站点使用。") % {"code": code})
    point = ServicePoint(
        code=code,
        name=row.text("名称"),
        kind=row.read("类型", cells.choice, choices=ServicePoint.Kind),
        region=row.lookup("所在区域代码", context.regions, _region_not_found()),
        star_rating=row.read("星级", cells.stars),
        is_demonstration=row.read("示范型", cells.boolean, default=False),
        specialty=row.read("特色领域", cells.choice, choices=ServicePoint.Specialty),
        brand_name=row.text("品牌名称"),
        agency=row.lookup(
            "承接机构信用代码",
            context.agencies,
            _("未找到统一社会信用代码为 %(code)s 的承接机构，或不在您的管理范围内。"),
        ),
        area_m2=row.read("面积（平方米）", cells.integer),
        contract_starts_on=row.read("合同开始", cells.date),
        contract_ends_on=row.read("合同结束", cells.date),
        address=row.text("地址"),
    )
    row.full_clean(point, exclude={"region", "agency"})
    if not row.result.errors:
        row.result.records = [point]
    return row.result


def person_row(*, raw: RawRow, context: Context) -> RowResult:
    """A `Person`, perhaps a `Position` and an invitation, from one row of the people file."""
    row = _row(raw, columns.PERSON_COLUMNS)
    row.require(column.header for column in columns.PERSON_COLUMNS if column.required)
    id_number = row.text("身份证号")
    if SCIENTIFIC_NOTATION.search(id_number):
        row.error(
            "身份证号",
            _(
                "身份证号被 Excel 存成了数字（科学计数法），后几位已丢失。"
                "请把该列设为文本格式后重新填写。"
            ),
        )
    number, mobile = identity.normalise_id_number(id_number), row.text("手机号")
    row.check_repeated("身份证号", _lines(context, "身份证号", number))
    row.check_repeated("手机号", _lines(context, "手机号", identity.normalise_mobile(mobile)))
    person = Person(
        name=row.text("姓名"),
        id_number=id_number,
        mobile=row.text("手机号"),
        education=row.read("学历", cells.choice, choices=Person.Education),
        social_work_major=row.read("社工专业", cells.boolean, default=False),
        region=row.lookup("档案所属区域代码", context.regions, _region_not_found()),
    )
    row.full_clean(person, exclude={"region", "user"})
    position = _position(row=row, person=person, context=context)
    email = _email(row=row, context=context)
    if not row.result.errors:
        row.result.records = [person, position] if position else [person]
        if email:
            heads = position and position.role == Position.Role.STATION_HEAD
            row.result.invite = Invite(
                email=email,
                role=Role.STATION_HEAD if heads else Role.WORKER,
                target=position.service_point if position else person.region,
                person=person,
            )
    return row.result


def _position(*, row: RowCheck, person: Person, context: Context) -> Position | None:
    if not row.text("服务站点编号"):
        for header in ("岗位", "任职起始日期"):
            if row.text(header):
                row.error(header, _("未填写服务站点编号时，此项应留空。"))
        return None
    row.require(("岗位", "任职起始日期"), _("填写了服务站点编号时，此项必填。"))
    position = Position(
        person=person,
        service_point=row.lookup(
            "服务站点编号",
            context.points,
            _("未找到服务站点编号 %(code)s，或不在您的管理范围内。"),
        ),
        role=row.read("岗位", cells.choice, choices=Position.Role),
        full_time=row.read("专职", cells.boolean, default=True),
        starts_on=row.read("任职起始日期", cells.date),
    )
    row.full_clean(position, exclude={"person", "service_point"})
    return position


def _email(*, row: RowCheck, context: Context) -> str:
    email = row.text("电子邮箱").lower()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        row.error("电子邮箱", _("电子邮箱格式不正确。"))
    row.check_repeated("电子邮箱", _lines(context, "电子邮箱", email))
    return email


def _lines(context: Context, header: str, key: str) -> list[int] | None:
    """All the lines of the file repeating this row's `key` in `header`, if any do."""
    return context.duplicates[header].get(key)


def _region_not_found() -> str:
    """Translated when used, so the active language applies."""
    return _("未找到行政区划代码 %(code)s，或不在您的管理范围内。")


def _service_point_context(*, rows: list[RawRow], user: User) -> Context:
    region_codes = column_values(rows, "所在区域代码")
    credit_codes = column_values(rows, "承接机构信用代码")
    regions = scope.regions_visible_to(user, Action.MANAGE_DIRECTORY).filter(code__in=region_codes)
    agencies = scope.agencies_visible_to(user, Action.MANAGE_DIRECTORY).filter(
        credit_code__in=credit_codes
    )
    taken = directory_selectors.service_point_codes_in_use(codes=column_values(rows, "编号"))
    return Context(
        regions={region.code: region for region in regions},
        agencies={agency.credit_code: agency for agency in agencies},
        taken_codes=frozenset(taken),
        duplicates={"编号": repeated_in_column(rows, header="编号")},
    )


def _person_context(*, rows: list[RawRow], user: User) -> Context:
    regions = scope.regions_visible_to(user, Action.MANAGE_DIRECTORY).filter(
        code__in=column_values(rows, "档案所属区域代码")
    )
    points = (
        scope.service_points_visible_to(user, Action.MANAGE_DIRECTORY)
        .filter(code__in=column_values(rows, "服务站点编号"))
        .select_related("region")
    )
    return Context(
        regions={region.code: region for region in regions},
        points={point.code: point for point in points},
        duplicates={
            "身份证号": repeated_in_column(
                rows, header="身份证号", key=identity.normalise_id_number
            ),
            "手机号": repeated_in_column(rows, header="手机号", key=identity.normalise_mobile),
            "电子邮箱": repeated_in_column(rows, header="电子邮箱", key=str.lower),
        },
    )
