import datetime as dt

import pytest

from directory import identity

VALID = "11010519491231002X"  # the GB 11643 standard's own example


def test_valid_id_number_gives_birth_date_and_gender():
    number, born_on, gender = identity.parse_id_number(VALID)
    assert number == VALID
    assert born_on == dt.date(1949, 12, 31)
    assert gender == "F"


def test_lower_case_x_is_normalised():
    number, _, _ = identity.parse_id_number(VALID.lower())
    assert number == VALID


def test_spaces_are_ignored():
    assert identity.parse_id_number("110105 19491231 002X")[0] == VALID


FULL_WIDTH = str.maketrans("0123456789Xx ", "０１２３４５６７８９Ｘｘ\u3000")


@pytest.mark.parametrize(
    "typed",
    [
        VALID.translate(FULL_WIDTH),  # an input method in full-width mode
        VALID.lower().translate(FULL_WIDTH),
        "\u3000110105\u300019491231\u3000002x\u00a0",  # ideographic and no-break spaces
        "\ufeff11010519491231002X\u200b",  # a byte-order mark and a zero-width space
        VALID[:17].translate(FULL_WIDTH) + "X",  # mixed: full-width digits, ASCII check
    ],
)
def test_full_width_and_spaced_id_numbers_normalise_to_one_form(typed):
    assert identity.normalise_id_number(typed) == VALID
    assert identity.parse_id_number(typed)[0] == VALID


def test_digits_of_other_scripts_are_not_id_numbers():
    arabic_indic = VALID[:17].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + "X"
    with pytest.raises(identity.IdentityError) as caught:
        identity.parse_id_number(arabic_indic)
    assert caught.value.code == "format"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("110105194912310021", "check_digit"),
        ("110105194902300028", "birth_date"),  # 30 February
        ("11010519491231002", "format"),
        ("11010519491231002Y", "format"),
        ("", "format"),
    ],
)
def test_invalid_id_numbers(value, code):
    with pytest.raises(identity.IdentityError) as caught:
        identity.parse_id_number(value)
    assert caught.value.code == code


def test_bad_date_with_recomputed_check_digit_is_still_refused():
    first17 = "43010219901301123"  # month 13
    with pytest.raises(identity.IdentityError) as caught:
        identity.parse_id_number(first17 + identity.id_check_char(first17))
    assert caught.value.code == "birth_date"


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        "+86 138-1234-5678",
        "0086 13812345678",
        "138 1234 5678",
        "１３８１２３４５６７８",  # full-width
        "＋８６\u3000１３８－１２３４－５６７８",
        "(138) 1234\u20145678",
    ],
)
def test_mobile_numbers_are_normalised(value):
    assert identity.normalise_mobile(value) == "13812345678"
    assert identity.parse_mobile(value) == "13812345678"


@pytest.mark.parametrize("value", ["12812345678", "1381234567", "phone", "23812345678", ""])
def test_malformed_mobile_numbers_are_refused(value):
    with pytest.raises(identity.IdentityError):
        identity.parse_mobile(value)


def test_masks_show_only_prefix_and_last_four():
    assert identity.mask_id_number("430102199001011234") == "4301**********1234"
    assert identity.mask_mobile("13812345678") == "138****5678"
