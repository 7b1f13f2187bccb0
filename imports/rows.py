"""Checking parsed rows against the database and the importing user's scope.

One function per kind turns a raw row into unsaved model instances and every problem of the row,
each as (column header, Chinese message). Model validation (`full_clean`) does the domain checks:
ID and mobile numbers (`Person.clean`), the region level of a service point (`ServicePoint.clean`).
Codes are looked up once per file and only inside what the user may manage, so a code outside
their scope reads exactly like an unknown one. An ID or mobile number someone already holds reads
only "cannot be used" (`Person.clean`), whoever and wherever that person is.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
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
from imports import cells, columns
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
class RowResult:
    """A checked row: unsaved records in saving order, or the reasons it cannot be saved."""

    line: int
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)
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


class _Row:
    """Collects one row's errors while its cells are read."""

    def __init__(self, *, kind: str, raw: RawRow, context: Context):
        self.kind = kind
        self.context = context
        self.result = RowResult(line=raw.line, values=raw.values)

    def text(self, header: str) -> str:
        return self.result.values.get(header, "").strip()

    def error(self, header: str, message: str) -> None:
        self.result.errors.append((header, str(message)))

    def has_error(self, header: str) -> bool:
        return any(column == header for column, _message in self.result.errors)

    def require(self, headers: Iterable[str], message: str | None = None) -> None:
        for header in headers:
            if not self.text(header):
                self.error(header, message or _("此项必填。"))

    def read(self, header: str, convert: Callable, **options):
        """The converted cell, or None after recording why it cannot be read."""
        try:
            return convert(self.text(header), **options)
        except cells.CellError as error:
            self.error(header, error.message)
            return None

    def lookup(self, header: str, found: dict, message: str):
        """The object a code names, or None after recording `message` for a code not found."""
        code = self.text(header)
        if code and code not in found:
            self.error(header, message % {"code": code})
        return found.get(code)

    def check_duplicate(self, header: str, key: str) -> None:
        lines = self.context.duplicates.get(header, {}).get(key)
        if key and lines:
            self.error(
                header,
                _("文件中有多行的%(column)s相同（第 %(lines)s 行）。")
                % {"column": header, "lines": "、".join(str(line) for line in lines)},
            )

    def full_clean(self, record: Model, *, exclude: set[str]) -> None:
        """Run model validation, skipping fields whose column already has an error."""
        errored = {
            column.field for column in columns.COLUMNS[self.kind] if self.has_error(column.header)
        }
        try:
            record.full_clean(
                exclude=exclude | errored, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                header = columns.header_for_field(self.kind, name)
                if header and self.has_error(header):
                    continue
                for message in messages:
                    self.error(header, message)


def validate(*, kind: str, rows: list[RawRow], user: User) -> list[RowResult]:
    """Check every row of a file; nothing is saved."""
    if kind == columns.SERVICE_POINTS:
        context = _service_point_context(rows=rows, user=user)
        return [service_point_row(raw=raw, context=context) for raw in rows]
    context = _person_context(rows=rows, user=user)
    return [person_row(raw=raw, context=context) for raw in rows]


def service_point_row(*, raw: RawRow, context: Context) -> RowResult:
    """A `ServicePoint` from one row of the service point file."""
    row = _Row(kind=columns.SERVICE_POINTS, raw=raw, context=context)
    row.require(columns.required_headers(columns.SERVICE_POINTS))
    code = row.text("编号")
    row.check_duplicate("编号", code)
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
    row = _Row(kind=columns.PEOPLE, raw=raw, context=context)
    row.require(columns.required_headers(columns.PEOPLE))
    id_number = row.text("身份证号")
    if SCIENTIFIC_NOTATION.search(id_number):
        row.error(
            "身份证号",
            _(
                "身份证号被 Excel 存成了数字（科学计数法），后几位已丢失。"
                "请把该列设为文本格式后重新填写。"
            ),
        )
    row.check_duplicate("身份证号", identity.normalise_id_number(id_number))
    row.check_duplicate("手机号", identity.normalise_mobile(row.text("手机号")))
    person = Person(
        name=row.text("姓名"),
        id_number=id_number,
        mobile=row.text("手机号"),
        education=row.read("学历", cells.choice, choices=Person.Education),
        social_work_major=row.read("社工专业", cells.boolean, default=False),
        region=row.lookup("档案所属区域代码", context.regions, _region_not_found()),
    )
    row.full_clean(person, exclude={"region", "user"})
    position = _position(row=row, person=person)
    email = _email(row=row)
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


def _position(*, row: _Row, person: Person) -> Position | None:
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
            row.context.points,
            _("未找到服务站点编号 %(code)s，或不在您的管理范围内。"),
        ),
        role=row.read("岗位", cells.choice, choices=Position.Role),
        full_time=row.read("专职", cells.boolean, default=True),
        starts_on=row.read("任职起始日期", cells.date),
    )
    row.full_clean(position, exclude={"person", "service_point"})
    return position


def _email(*, row: _Row) -> str:
    email = row.text("电子邮箱").lower()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        row.error("电子邮箱", _("电子邮箱格式不正确。"))
    row.check_duplicate("电子邮箱", email)
    return email


def _region_not_found() -> str:
    """Translated when used, so the active language applies."""
    return _("未找到行政区划代码 %(code)s，或不在您的管理范围内。")


def _duplicates(
    rows: list[RawRow], *, header: str, key: Callable[[str], str]
) -> dict[str, list[int]]:
    """Key → lines, for keys that more than one row of the file uses."""
    lines = defaultdict(list)
    for raw in rows:
        value = key(raw.values.get(header, "").strip())
        if value:
            lines[value].append(raw.line)
    return {value: found for value, found in lines.items() if len(found) > 1}


def _codes(rows: list[RawRow], header: str) -> set[str]:
    return {code for raw in rows if (code := raw.values.get(header, "").strip())}


def _service_point_context(*, rows: list[RawRow], user: User) -> Context:
    region_codes = _codes(rows, "所在区域代码")
    credit_codes = _codes(rows, "承接机构信用代码")
    regions = scope.regions_visible_to(user, Action.MANAGE_DIRECTORY).filter(code__in=region_codes)
    agencies = scope.agencies_visible_to(user, Action.MANAGE_DIRECTORY).filter(
        credit_code__in=credit_codes
    )
    taken = directory_selectors.service_point_codes_in_use(codes=_codes(rows, "编号"))
    return Context(
        regions={region.code: region for region in regions},
        agencies={agency.credit_code: agency for agency in agencies},
        taken_codes=frozenset(taken),
        duplicates={"编号": _duplicates(rows, header="编号", key=str)},
    )


def _person_context(*, rows: list[RawRow], user: User) -> Context:
    regions = scope.regions_visible_to(user, Action.MANAGE_DIRECTORY).filter(
        code__in=_codes(rows, "档案所属区域代码")
    )
    points = (
        scope.service_points_visible_to(user, Action.MANAGE_DIRECTORY)
        .filter(code__in=_codes(rows, "服务站点编号"))
        .select_related("region")
    )
    return Context(
        regions={region.code: region for region in regions},
        points={point.code: point for point in points},
        duplicates={
            "身份证号": _duplicates(rows, header="身份证号", key=identity.normalise_id_number),
            "手机号": _duplicates(rows, header="手机号", key=identity.normalise_mobile),
            "电子邮箱": _duplicates(rows, header="电子邮箱", key=str.lower),
        },
    )
