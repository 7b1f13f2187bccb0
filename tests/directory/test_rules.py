import datetime as dt

import pytest

from directory import rules


@pytest.mark.parametrize(
    ("code", "level", "parent_code", "parent_level", "problem"),
    [
        ("430000", "province", None, None, None),
        ("430100", "city", "430000", "province", None),
        ("430102", "county", "430100", "city", None),
        ("430102001", "township", "430102", "county", None),
        ("430102001001", "village", "430102001", "township", None),
        ("43010", "county", "430100", "city", "length"),
        ("4301A2", "county", "430100", "city", "digits"),
        ("430101", "province", None, None, "province_suffix"),
        ("440102", "county", "430100", "city", "parent_prefix"),
        ("430102001", "township", "430100", "city", "parent_level"),
        ("430100", "city", None, None, "root_level"),
    ],
)
def test_region_codes(code, level, parent_code, parent_level, problem):
    assert (
        rules.region_code_problem(
            code=code, level=level, parent_code=parent_code, parent_level=parent_level
        )
        == problem
    )


def test_station_must_sit_in_township():
    assert rules.service_point_fits_region(kind="township_station", region_level="township")
    assert not rules.service_point_fits_region(kind="township_station", region_level="county")


def test_years_of_experience_counts_overlaps_once():
    spans = [
        (dt.date(2018, 1, 1), dt.date(2020, 1, 1)),
        (dt.date(2019, 1, 1), dt.date(2021, 1, 1)),
        (dt.date(2022, 1, 1), None),
    ]
    assert rules.years_of_experience(spans=spans, today=dt.date(2023, 1, 1)) == pytest.approx(
        4.0, abs=0.01
    )


def test_years_of_experience_ignores_future_positions():
    spans = [(dt.date(2030, 1, 1), None)]
    assert rules.years_of_experience(spans=spans, today=dt.date(2023, 1, 1)) == 0
