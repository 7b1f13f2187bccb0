import pytest

from accounts.roles import Role
from directory.models import Person, Position, ServicePoint
from imports import columns, kinds, rows
from imports.parsing import RawRow
from tests import factories
from tests.imports.files import person_row, point_row

pytestmark = pytest.mark.django_db


def check(kind: str, user, values: list[dict]) -> list[rows.RowResult]:
    raw = [RawRow(line, row) for line, row in enumerate(values, start=2)]
    return kinds.kind_of(kind).validate(rows=raw, user=user)


def people(user, *values: dict) -> list[rows.RowResult]:
    return check(columns.PEOPLE, user, list(values))


def points(user, *values: dict) -> list[rows.RowResult]:
    return check(columns.SERVICE_POINTS, user, list(values))


def errors_of(result: rows.RowResult) -> dict[str, str]:
    """Column → all of its messages, joined."""
    found: dict[str, str] = {}
    for column, message in result.errors:
        found[column] = found.get(column, "") + message
    return found


# People


def test_valid_person_row_gives_person_position_and_invitation(tree, zhang_min):
    row = person_row(
        tree, {"身份证号": factories.make_id_number().lower(), "电子邮箱": "Zhao@Example.cn"}
    )
    [result] = people(zhang_min.user, row)
    assert result.errors == []
    person, position = result.records
    assert isinstance(person, Person) and person.pk is None
    assert person.id_number == row["身份证号"].upper()  # normalised by Person.clean
    assert person.born_on and person.gender  # read from the ID number
    assert person.region == tree.county_a
    assert isinstance(position, Position)
    assert (position.service_point, position.role, position.full_time) == (
        tree.station_a,
        Position.Role.RESIDENT_WORKER,
        True,
    )
    assert result.invite.email == "zhao@example.cn"
    assert (result.invite.role, result.invite.target) == (Role.WORKER, tree.station_a)


def test_station_head_is_invited_as_station_head(tree, zhang_min):
    [result] = people(
        zhang_min.user, person_row(tree, {"岗位": "站长", "电子邮箱": "head@example.cn"})
    )
    assert result.invite.role == Role.STATION_HEAD


def test_person_without_station_is_invited_over_their_region(tree, zhang_min):
    row = person_row(
        tree, {"服务站点编号": "", "岗位": "", "任职起始日期": "", "电子邮箱": "a@example.cn"}
    )
    [result] = people(zhang_min.user, row)
    assert result.errors == []
    assert len(result.records) == 1
    assert result.invite.target == tree.county_a


def test_bad_id_check_digit(tree, zhang_min):
    number = factories.make_id_number()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    [result] = people(zhang_min.user, person_row(tree, {"身份证号": wrong}))
    assert "校验码" in errors_of(result)["身份证号"]
    assert result.records == []


def test_id_typed_as_a_number_gets_a_hint(tree, zhang_min):
    [result] = people(zhang_min.user, person_row(tree, {"身份证号": "4.30102199001011e+17"}))
    assert "科学计数法" in errors_of(result)["身份证号"]


def test_duplicate_id_inside_the_file_marks_every_copy(tree, zhang_min):
    number = factories.make_id_number()
    results = people(
        zhang_min.user,
        person_row(tree, {"身份证号": number}),
        person_row(tree),
        person_row(tree, {"身份证号": number.lower()}),
    )
    assert "第 2、4 行" in errors_of(results[0])["身份证号"]
    assert "第 2、4 行" in errors_of(results[2])["身份证号"]
    assert results[1].errors == []


FULL_WIDTH = str.maketrans("0123456789Xx ", "０１２３４５６７８９Ｘｘ\u3000")
UNUSABLE_ID = "该身份证号无法使用，请核对或联系上级管理员。"
UNUSABLE_MOBILE = "该手机号无法使用，请核对或联系上级管理员。"


@pytest.mark.parametrize("written", [str, str.lower, lambda n: n.translate(FULL_WIDTH)])
def test_id_already_in_the_database_however_written(tree, zhang_min, wang_fang, written):
    """A full-width or lower-case copy of an ID number is the same number: no second person."""
    [result] = people(zhang_min.user, person_row(tree, {"身份证号": written(wang_fang.id_number)}))
    assert errors_of(result)["身份证号"] == UNUSABLE_ID
    assert result.records == []


def test_full_width_and_ascii_copies_in_one_file_are_duplicates(tree, zhang_min):
    number = factories.make_id_number()
    first, second = people(
        zhang_min.user,
        person_row(tree, {"身份证号": number}),
        person_row(tree, {"身份证号": " ".join(number).translate(FULL_WIDTH)}),
    )
    assert "第 2、3 行" in errors_of(first)["身份证号"]
    assert "第 2、3 行" in errors_of(second)["身份证号"]


def test_a_new_full_width_id_is_stored_in_ascii(tree, zhang_min):
    number = factories.make_id_number()
    [result] = people(zhang_min.user, person_row(tree, {"身份证号": number.translate(FULL_WIDTH)}))
    assert result.errors == []
    assert result.records[0].id_number == number


def test_bad_and_taken_mobile(tree, zhang_min, wang_fang):
    m = wang_fang.mobile
    bad, taken = people(
        zhang_min.user, person_row(tree, {"手机号": "1234"}), person_row(tree, {"手机号": m})
    )
    spaced = f"{m[:3]} {m[3:7]} {m[7:]}".translate(FULL_WIDTH)
    [spaced] = people(zhang_min.user, person_row(tree, {"手机号": spaced}))
    assert "11 位" in errors_of(bad)["手机号"]
    assert errors_of(taken)["手机号"] == UNUSABLE_MOBILE
    assert errors_of(spaced)["手机号"] == UNUSABLE_MOBILE


def test_someone_in_another_county_is_neither_named_nor_placed(tree, zhang_min):
    """A county-B worker's ID and mobile number read only as "cannot be used" to county A."""
    zhao = factories.PersonFactory(name="赵六", region=tree.county_b)
    factories.PositionFactory(person=zhao, service_point=tree.station_b)
    [result] = people(
        zhang_min.user, person_row(tree, {"身份证号": zhao.id_number, "手机号": zhao.mobile})
    )
    found = errors_of(result)
    assert (found["身份证号"], found["手机号"]) == (UNUSABLE_ID, UNUSABLE_MOBILE)
    for message in found.values():
        for hint in ("赵六", "名下", "已登记", tree.county_b.name, tree.station_b.name):
            assert hint not in message


def test_duplicate_mobile_and_email_inside_the_file(tree, zhang_min):
    results = people(
        zhang_min.user,
        person_row(tree, {"手机号": "13900001111", "电子邮箱": "same@example.cn"}),
        person_row(tree, {"手机号": "139-0000-1111", "电子邮箱": "SAME@example.cn"}),
    )
    for result in results:
        assert {"手机号", "电子邮箱"} <= set(errors_of(result))


def test_unknown_region_code(tree, zhang_min):
    [result] = people(zhang_min.user, person_row(tree, {"档案所属区域代码": "999999"}))
    assert (
        errors_of(result)["档案所属区域代码"] == "未找到行政区划代码 999999，或不在您的管理范围内。"
    )


def test_county_b_region_is_out_of_county_a_admins_scope(tree, zhang_min):
    [result] = people(zhang_min.user, person_row(tree, {"档案所属区域代码": tree.county_b.code}))
    assert (
        "未找到行政区划代码 430103，或不在您的管理范围内" in errors_of(result)["档案所属区域代码"]
    )


def test_county_b_station_is_out_of_scope(tree, zhang_min):
    [result] = people(zhang_min.user, person_row(tree, {"服务站点编号": tree.station_b.code}))
    assert "未找到服务站点编号" in errors_of(result)["服务站点编号"]


def test_station_needs_role_and_start_date(tree, zhang_min):
    [result] = people(zhang_min.user, person_row(tree, {"岗位": "", "任职起始日期": ""}))
    found = errors_of(result)
    assert "必填" in found["岗位"] and "必填" in found["任职起始日期"]


def test_role_without_station_is_an_error(tree, zhang_min):
    [result] = people(zhang_min.user, person_row(tree, {"服务站点编号": ""}))
    assert "应留空" in errors_of(result)["岗位"]


def test_every_problem_of_a_row_is_listed(tree, zhang_min):
    row = person_row(
        tree,
        {
            "姓名": "",
            "身份证号": "123",
            "手机号": "2",
            "学历": "大学",
            "社工专业": "也许",
            "任职起始日期": "昨天",
            "电子邮箱": "not-an-email",
        },
    )
    [result] = people(zhang_min.user, row)
    assert set(errors_of(result)) == {
        "姓名",
        "身份证号",
        "手机号",
        "学历",
        "社工专业",
        "任职起始日期",
        "电子邮箱",
    }
    assert all(message for _column, message in result.errors)


# Service points


def test_valid_service_point_row(tree, zhang_min):
    agency = factories.AgencyFactory(region=tree.county_a)
    [result] = points(
        zhang_min.user, point_row(tree, {"承接机构信用代码": agency.credit_code, "示范型": "是"})
    )
    assert result.errors == []
    [point] = result.records
    assert (point.kind, point.region, point.agency, point.star_rating) == (
        ServicePoint.Kind.TOWNSHIP_STATION,
        tree.town_a,
        agency,
        3,
    )
    assert point.is_demonstration and point.specialty == "elderly" and point.area_m2 == 300


def test_township_station_in_a_county_level_region(tree, zhang_min):
    [result] = points(zhang_min.user, point_row(tree, {"所在区域代码": tree.county_a.code}))
    assert "乡镇/街道" in errors_of(result)["所在区域代码"]


def test_contract_end_before_start(tree, zhang_min):
    [result] = points(
        zhang_min.user, point_row(tree, {"合同开始": "2024-01-01", "合同结束": "2023-12-31"})
    )
    assert "不能早于" in errors_of(result)["合同结束"]


def test_county_b_township_for_county_a_admin(tree, zhang_min):
    [result] = points(zhang_min.user, point_row(tree, {"所在区域代码": tree.town_b.code}))
    assert "不在您的管理范围内" in errors_of(result)["所在区域代码"]


def test_point_code_taken_or_duplicated(tree, zhang_min):
    results = points(
        zhang_min.user,
        point_row(tree, {"编号": tree.station_a.code}),
        point_row(tree, {"编号": "DUP"}),
        point_row(tree, {"编号": "DUP"}),
    )
    assert "已被其他服务站点使用" in errors_of(results[0])["编号"]
    assert "第 3、4 行" in errors_of(results[1])["编号"]
    assert "第 3、4 行" in errors_of(results[2])["编号"]


def test_agency_out_of_scope(tree, zhang_min):
    agency = factories.AgencyFactory(region=tree.county_b)
    [result] = points(zhang_min.user, point_row(tree, {"承接机构信用代码": agency.credit_code}))
    assert "承接机构" in errors_of(result)["承接机构信用代码"]


def test_unknown_choices_and_numbers(tree, zhang_min):
    row = point_row(
        tree, {"类型": "服务站", "星级": "七星", "特色领域": "体育", "面积（平方米）": "很大"}
    )
    [result] = points(zhang_min.user, row)
    assert set(errors_of(result)) == {"类型", "星级", "特色领域", "面积（平方米）"}


def test_required_columns(tree, zhang_min):
    [result] = points(
        zhang_min.user, point_row(tree, {"编号": "", "名称": "", "类型": "", "所在区域代码": ""})
    )
    required = ("编号", "名称", "类型", "所在区域代码")
    assert errors_of(result) == dict.fromkeys(required, "此项必填。")
