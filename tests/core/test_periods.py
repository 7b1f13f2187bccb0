"""Years and months from requests are bounded: first year of the portal to next year."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve

from core import periods

TODAY = dt.date(2025, 7, 15)


@pytest.mark.parametrize(
    ("value", "year"), [("2015", 2015), ("2025", 2025), ("2026", 2026), (2020, 2020)]
)
def test_year_from_accepts_the_portals_years(value, year):
    assert periods.year_from(value, today=TODAY) == year


@pytest.mark.parametrize("value", ["2014", "1900", "2027", "9999", "0", "99999", "10000", 0, 10000])
def test_year_from_refuses_years_outside_the_range(value):
    with pytest.raises(ValidationError) as caught:
        periods.year_from(value, today=TODAY)
    assert caught.value.code in {"year_range", "year_format"}
    assert "年" in caught.value.messages[0]


@pytest.mark.parametrize("value", ["", "abc", "2_025", "２０２５", "-2025", "2025.0"])
def test_year_from_refuses_what_is_not_four_digits(value):
    with pytest.raises(ValidationError, match="四位数"):
        periods.year_from(value, today=TODAY)


def test_first_year_comes_from_settings(settings):
    settings.PORTAL_FIRST_YEAR = 2020
    with pytest.raises(ValidationError, match="2020 年至 2026 年"):
        periods.year_from("2019", today=TODAY)


def test_month_from_is_the_first_day():
    assert periods.month_from("2025-07", today=TODAY) == dt.date(2025, 7, 1)


@pytest.mark.parametrize("value", ["9999-12", "1900-01", "2025-13", "2025-00", "2025-7", "july"])
def test_month_from_refuses_months_outside_the_range(value):
    with pytest.raises(ValidationError):
        periods.month_from(value, today=TODAY)


def test_day_within_refuses_a_day_in_9999():
    with pytest.raises(ValidationError, match="日期应在"):
        periods.day_within(dt.date(9999, 12, 31), today=TODAY)
    assert periods.day_within(TODAY, today=TODAY) == TODAY


@pytest.mark.parametrize(
    "path",
    [
        "/supervision/stations/1/archive/99999.xlsx",
        "/supervision/stations/1/archive/0.pdf",
        "/supervision/stations/1/archive/1900.pdf",
        "/quotas/stations/1/evaluation/0/",
        "/quotas/stations/1/evaluation/9999/",
    ],
)
def test_the_year_converter_matches_only_the_portals_years(path):
    try:
        match = resolve(path)
    except Resolver404:
        return
    assert match.view_name not in {"supervision:station_archive", "quotas:station_evaluation"}


def test_the_year_converter_gives_an_int():
    assert resolve("/quotas/stations/1/evaluation/2020/").kwargs["year"] == 2020


def test_month_field_cleans_to_the_first_day_and_refuses_9999_12():
    field = periods.MonthField()
    assert field.clean("2025-07") == dt.date(2025, 7, 1)
    with pytest.raises(ValidationError, match="年度应在"):
        field.clean("9999-12")


def test_year_field_refuses_year_10000():
    with pytest.raises(ValidationError, match="年度应在"):
        periods.YearField().clean("10000")
