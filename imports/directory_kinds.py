"""The importer's own two kinds: service points, then the people working at them.

Both need a grant permitting MANAGE_DIRECTORY; the rows are checked in `imports.rows`. The
template's example row is built from the downloading user's own scope (a region and a station
they manage, an unused code, ID and mobile number), so the untouched template previews without
errors.
"""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import scope
from accounts import services as account_services
from accounts.models import User
from accounts.roles import Action
from directory import rules
from directory import selectors as directory_selectors
from directory.identity import id_check_char
from directory.models import Person, Position, Region, ServicePoint
from imports import columns, kinds, rows


def may_manage_directory(*, user: User) -> bool:
    return scope.may_anywhere(user, Action.MANAGE_DIRECTORY)


def save_records(*, results: list[rows.RowResult], user: User) -> None:
    """Save each row's records and queue its invitation."""
    for result in results:
        for record in result.records:
            record.save()
        if invite := result.invite:
            account_services.invitation_create(
                email=invite.email,
                role=invite.role,
                target=invite.target,
                created_by=user,
                person=invite.person,
            )


def register() -> None:
    kinds.register(
        kinds.ImportKind(
            key=columns.SERVICE_POINTS,
            label=gettext_lazy("服务站点"),
            columns=columns.SERVICE_POINT_COLUMNS,
            validate=rows.validate_service_points,
            save=save_records,
            may_import=may_manage_directory,
            example=service_point_example,
            result_url=lambda: reverse("directory:station_list"),
            result_label=gettext_lazy("查看服务站点"),
            hint=gettext_lazy("请先导入服务站点，再导入在这些站点任职的人员。"),
        )
    )
    kinds.register(
        kinds.ImportKind(
            key=columns.PEOPLE,
            label=gettext_lazy("人员"),
            columns=columns.PERSON_COLUMNS,
            validate=rows.validate_people,
            save=save_records,
            may_import=may_manage_directory,
            example=person_example,
            result_url=lambda: reverse("directory:person_list"),
            result_label=gettext_lazy("查看人员"),
            commit_note=gettext_lazy("确认后还将向填写了电子邮箱的人员发送开通账号的邀请。"),
        )
    )


def _first_region(user: User, *levels: str) -> Region | None:
    regions = scope.regions_visible_to(user, Action.MANAGE_DIRECTORY)
    for level in levels:
        if region := regions.filter(level=level).order_by("depth", "code").first():
            return region
    return None


def service_point_example(*, user: User) -> dict:
    region = _first_region(user, "township", "county", "village", "city")
    if region is None:
        return {"名称": _("示例社工站"), "类型": str(ServicePoint.Kind.TOWNSHIP_STATION.label)}
    kind = next(kind for kind, level in rules.SERVICE_POINT_LEVEL.items() if level == region.level)
    agency = scope.agencies_visible_to(user, Action.MANAGE_DIRECTORY).order_by("pk").first()
    return {
        "编号": _unused_code(region=region),
        "名称": _("%(region)s社工站（示例）") % {"region": region.name},
        "类型": str(ServicePoint.Kind(kind).label),
        "所在区域代码": region.code,
        "星级": 3,
        "示范型": "否",
        "特色领域": str(ServicePoint.Specialty.ELDERLY.label),
        "品牌名称": _("暖心驿站"),
        "承接机构信用代码": agency.credit_code if agency else "",
        "面积（平方米）": 300,
        "合同开始": dt.date(2024, 1, 1),
        "合同结束": dt.date(2026, 12, 31),
        "地址": _("%(region)s示例路 1 号") % {"region": region.name},
    }


def person_example(*, user: User) -> dict:
    region = _first_region(user, "county", "city", "province", "township", "village")
    point = scope.service_points_visible_to(user, Action.MANAGE_DIRECTORY).order_by("code").first()
    area = region.code[:6] if region and region.code[:6].isdigit() else "430102"
    example = {
        "姓名": _("李晓华"),
        "身份证号": _unused_id_number(area=area),
        "手机号": _unused_mobile(),
        "学历": str(Person.Education.BACHELOR.label),
        "社工专业": "是",
        "档案所属区域代码": region.code if region else "",
        "电子邮箱": "lixiaohua@example.com",
    }
    if point:
        example.update(
            {
                "服务站点编号": point.code,
                "岗位": str(Position.Role.RESIDENT_WORKER.label),
                "专职": "是",
                "任职起始日期": dt.date(2024, 3, 1),
            }
        )
    return example


def _unused_code(*, region: Region) -> str:
    codes = [f"{region.code}-{sequence:02d}" for sequence in range(1, 1000)]
    taken = directory_selectors.service_point_codes_in_use(codes=codes)
    return next((code for code in codes if code not in taken), "")


def _unused_id_number(*, area: str) -> str:
    """A fictional ID number with a valid check digit that nobody in the database holds."""
    for sequence in range(1, 1000):
        first17 = f"{area}19950615{sequence:03d}"
        number = first17 + id_check_char(first17)
        if not directory_selectors.id_number_in_use(number=number):
            return number
    return ""


def _unused_mobile() -> str:
    for sequence in range(1, 1000):
        mobile = f"138{sequence:08d}"
        if not directory_selectors.mobile_in_use(number=mobile):
            return mobile
    return ""
