import datetime as dt

import pytest

from directory.models import Person, Position, ServicePoint
from imports import cells


@pytest.mark.parametrize(
    "text",
    ["2023-03-01", "2023/3/1", "2023.03.01", "2023年3月1日", "20230301", "44986", " 2023 - 3 - 1 "],
)
def test_dates_in_the_usual_spellings(text):
    assert cells.date(text) == dt.date(2023, 3, 1)


@pytest.mark.parametrize("text", ["2023-02-30", "3/1/2023", "明年", "1"])
def test_bad_dates(text):
    with pytest.raises(cells.CellError, match="日期无效"):
        cells.date(text)


def test_blank_date_is_none():
    assert cells.date("") is None


@pytest.mark.parametrize(
    ("text", "value"), [("是", True), ("否", False), ("Y", True), ("0", False), ("", True)]
)
def test_yes_no(text, value):
    assert cells.boolean(text, default=True) is value


def test_yes_no_refuses_other_text():
    with pytest.raises(cells.CellError, match="是"):
        cells.boolean("可能", default=False)


@pytest.mark.parametrize(
    ("text", "value"), [("3", 3), ("三星", 3), ("5星级", 5), ("一", 1), ("", None)]
)
def test_stars(text, value):
    assert cells.stars(text) == value


@pytest.mark.parametrize("text", ["6", "0", "很多"])
def test_bad_stars(text):
    with pytest.raises(cells.CellError):
        cells.stars(text)


@pytest.mark.parametrize(
    ("text", "choices", "value"),
    [
        ("乡镇/街道社工站", ServicePoint.Kind, "township_station"),
        ("township_station", ServicePoint.Kind, "township_station"),
        ("本科", Person.Education, "bachelor"),
        ("驻站社工", Position.Role, "resident_worker"),
        ("无", ServicePoint.Specialty, ""),
        ("", ServicePoint.Specialty, ""),
    ],
)
def test_choices_by_label_or_value(text, choices, value):
    assert cells.choice(text, choices=choices) == value


def test_unknown_choice_lists_the_labels():
    with pytest.raises(cells.CellError) as caught:
        cells.choice("大学", choices=Person.Education)
    assert "本科" in caught.value.message


def test_integer():
    assert cells.integer("1,200") == 1200
    assert cells.integer("") is None
    with pytest.raises(cells.CellError):
        cells.integer("12.5")
