import pytest

from supervision.privacy import sensitive_kinds
from tests.factories import make_id_number


def test_valid_id_number_is_spotted():
    assert sensitive_kinds(f"服务对象身份证{make_id_number()}，独居") == {"id_number"}


def test_id_number_with_wrong_check_digit_is_not_an_id():
    number = make_id_number()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert sensitive_kinds(wrong) == set()


@pytest.mark.parametrize("text", ["电话13812345678", "手机 138-1234-5678", "+86 138 1234 5678"])
def test_mobile_is_spotted(text):
    assert sensitive_kinds(text) == {"mobile"}


@pytest.mark.parametrize("text", ["", "讨论了 3 个个案，共 120 分钟", "编号 20250510001"])
def test_ordinary_text_passes(text):
    assert sensitive_kinds(text) == set()
