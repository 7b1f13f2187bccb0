"""The columns of the two import files.

Headers are the file format itself, the way counties keep their sheets, so they are fixed Chinese
strings rather than translated ones: a file must parse whatever the interface language. The
explanations shown in the template's "说明" sheet are translated as usual.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SERVICE_POINTS = "service_points"
PEOPLE = "people"


@dataclass(frozen=True)
class Column:
    """One column: its header, the model field its errors belong to, and its explanation."""

    header: str
    field: str
    required: bool
    help: Promise
    text_format: bool = False  # digits that Excel must keep as text (codes, ID numbers)


SERVICE_POINT_COLUMNS = (
    Column("编号", "code", True, _("站点编号，全平台唯一，如 430102001-01。"), text_format=True),
    Column("名称", "name", True, _("站点全称。")),
    Column("类型", "kind", True, _("填写下列类型之一。")),
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
    Column("示范型", "is_demonstration", False, _("填“是”或“否”，留空为“否”。")),
    Column("特色领域", "specialty", False, _("“一站一品”的领域，填写下列领域之一，无则留空。")),
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
    ),
    Column("手机号", "mobile", False, _("11 位手机号，全平台唯一。"), text_format=True),
    Column("学历", "education", True, _("填写下列学历之一。")),
    Column(
        "社工专业",
        "social_work_major",
        False,
        _("是否社会工作专业毕业，填“是”或“否”，留空为“否”。"),
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
    Column("岗位", "role", False, _("填写下列岗位之一。")),
    Column("专职", "full_time", False, _("填“是”或“否”，留空为“是”。")),
    Column("任职起始日期", "starts_on", False, _("日期，如 2023-03-01 或 2023/3/1。")),
    Column(
        "电子邮箱",
        "email",
        False,
        _("填写后将向此邮箱发送开通账号的邀请（站长岗位邀请为站长，其余为社工）。"),
    ),
)

COLUMNS = {SERVICE_POINTS: SERVICE_POINT_COLUMNS, PEOPLE: PERSON_COLUMNS}


def headers(kind: str) -> list[str]:
    return [column.header for column in COLUMNS[kind]]


def required_headers(kind: str) -> list[str]:
    return [column.header for column in COLUMNS[kind] if column.required]


def header_for_field(kind: str, field: str) -> str:
    """The column a model field's error belongs to; "" for errors of the whole row."""
    aliases = {"born_on": "id_number", "gender": "id_number"}
    field = aliases.get(field, field)
    return next((column.header for column in COLUMNS[kind] if column.field == field), "")
