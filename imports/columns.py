"""The columns of the two directory import files: service points and people.

Headers are fixed Chinese strings (see `imports.kinds.Column`); the explanations are translated.
"""

from functools import partial

from django.utils.translation import gettext_lazy as _

from directory import identity
from directory.models import Person, Position, ServicePoint
from imports import cells
from imports.kinds import Column

SERVICE_POINTS = "service_points"
PEOPLE = "people"


def mask_id_number(text: str) -> str:
    number = identity.normalise_id_number(text)
    return identity.mask_id_number(number) if len(number) >= 8 else "*" * len(number)


def mask_mobile(text: str) -> str:
    return identity.mask_mobile(text) if len(text) >= 7 else "*" * len(text)


SERVICE_POINT_COLUMNS = (
    Column("编号", "code", True, _("站点编号，全平台唯一，如 430102001-01。"), text_format=True),
    Column("名称", "name", True, _("站点全称。")),
    Column(
        "类型",
        "kind",
        True,
        _("填写下列类型之一。"),
        allowed=partial(cells.label_list, choices=ServicePoint.Kind),
    ),
    Column(
        "所在区域代码",
        "region",
        True,
        _(
            "行政区划代码，须在您的管理范围内；类型须与区域层级一致（乡镇/街道社工站设在乡镇/街道）。"
        ),
        text_format=True,
    ),
    Column("星级", "star_rating", False, _("1 至 5 的整数，也可写“三星”；未评定留空。")),
    Column(
        "示范型",
        "is_demonstration",
        False,
        _("填“是”或“否”，留空为“否”。"),
        allowed=cells.yes_no,
    ),
    Column(
        "特色领域",
        "specialty",
        False,
        _("“一站一品”的领域，填写下列领域之一，无则留空。"),
        allowed=partial(cells.label_list, choices=ServicePoint.Specialty),
    ),
    Column("品牌名称", "brand_name", False, _("特色品牌的名称。")),
    Column(
        "承接机构信用代码",
        "agency",
        False,
        _("承接机构的统一社会信用代码（18 位），该机构须已登记在您的管理范围内。"),
        text_format=True,
    ),
    Column("面积（平方米）", "area_m2", False, _("整数。")),
    Column("合同开始", "contract_starts_on", False, _("日期，如 2023-03-01 或 2023/3/1。")),
    Column("合同结束", "contract_ends_on", False, _("日期，不能早于合同开始日期。")),
    Column("地址", "address", False, _("详细地址。")),
)

PERSON_COLUMNS = (
    Column("姓名", "name", True, _("真实姓名。")),
    Column(
        "身份证号",
        "id_number",
        True,
        _("18 位居民身份证号；请把该列设为文本格式，以免 Excel 改成科学计数法。"),
        text_format=True,
        mask=mask_id_number,
        also_fields=("born_on", "gender"),
    ),
    Column(
        "手机号",
        "mobile",
        False,
        _("11 位手机号，全平台唯一。"),
        text_format=True,
        mask=mask_mobile,
    ),
    Column(
        "学历",
        "education",
        True,
        _("填写下列学历之一。"),
        allowed=partial(cells.label_list, choices=Person.Education),
    ),
    Column(
        "社工专业",
        "social_work_major",
        False,
        _("是否社会工作专业毕业，填“是”或“否”，留空为“否”。"),
        allowed=cells.yes_no,
    ),
    Column(
        "档案所属区域代码",
        "region",
        True,
        _("保管此人档案的民政部门所在区域的行政区划代码，须在您的管理范围内。"),
        text_format=True,
    ),
    Column(
        "服务站点编号",
        "service_point",
        False,
        _("在岗站点的编号（须已登记并在您的管理范围内）；填写后岗位和任职起始日期必填。"),
        text_format=True,
    ),
    Column(
        "岗位",
        "role",
        False,
        _("填写下列岗位之一。"),
        allowed=partial(cells.label_list, choices=Position.Role),
    ),
    Column("专职", "full_time", False, _("填“是”或“否”，留空为“是”。"), allowed=cells.yes_no),
    Column("任职起始日期", "starts_on", False, _("日期，如 2023-03-01 或 2023/3/1。")),
    Column(
        "电子邮箱",
        "email",
        False,
        _("填写后将向此邮箱发送开通账号的邀请（站长岗位邀请为站长，其余为社工）。"),
    ),
)
