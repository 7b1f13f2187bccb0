"""R23: routes to the intermediate and senior exams, years counted to 31 December of the exam
year, on plain values."""

import datetime as dt

import pytest

from credentials import eligibility as e
from credentials import progress
from tests import factories

D = dt.date
TODAY = D(2024, 3, 1)


def _outlook(*, level="intermediate", education, major=True, spans, certificates=None):
    return e.exam_outlook(
        level=level,
        education=education,
        social_work_major=major,
        spans=spans,
        certificates=certificates or {},
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("education", "major", "years", "clause"),
    [
        ("secondary", True, 6, "（一）取得高中或者中专学历，并取得助理社会工作师职业水平证书后"),
        ("secondary", False, 6, "（一）"),
        ("college", True, 4, "（二）取得社会工作专业大专及以上学历或学位，从事社会工作满4年"),
        ("bachelor", True, 3, "（三）取得社会工作专业大学本科学历，从事社会工作满3年"),
        ("master", True, 1, "（四）取得社会工作专业硕士学位，从事社会工作满1年"),
        ("doctorate", True, 0, "（五）取得社会工作专业博士学位"),
        (
            "college",
            False,
            6,
            "（六）取得其他专业大专及以上学历或学位，其从事社会工作年限相应增加2年",
        ),
        ("bachelor", False, 5, "（六）"),
        ("master", False, 3, "（六）"),
        ("doctorate", False, 2, "（六）"),
    ],
)
def test_r23_intermediate_route_by_education_and_major(education, major, years, clause):
    route = e.exam_route(level="intermediate", education=education, social_work_major=major)
    assert route.years == years
    assert route.citation.startswith("《社会工作者职业水平评价暂行规定》")
    assert clause in route.citation


def test_r23_only_the_secondary_route_counts_after_the_assistant_certificate():
    counted_after = {(r.level, r.education, r.social_work_major): r.counted_after for r in e.ROUTES}
    assert counted_after.pop(("intermediate", "secondary", None)) == "assistant"
    assert counted_after.pop(("senior", "bachelor", None)) == "intermediate"
    assert set(counted_after.values()) == {None}


def test_r23_other_majors_need_two_more_years():
    for education in ("college", "bachelor", "master", "doctorate"):
        social_work, other = (
            e.exam_route(level="intermediate", education=education, social_work_major=major)
            for major in (True, False)
        )
        assert other.years == social_work.years + 2


def test_r23_below_secondary_school_opens_no_route():
    assert e.exam_route(level="intermediate", education="junior", social_work_major=True) is None
    outlook = _outlook(education="junior", spans=[(D(2010, 1, 1), None)])
    assert (outlook.missing, outlook.route, outlook.first_year) == (e.NO_ROUTE, None, None)
    assert outlook.citation.startswith("《社会工作者职业水平评价暂行规定》")


@pytest.mark.parametrize(
    ("education", "major", "years"),
    [("bachelor", False, 5), ("master", True, 5), ("doctorate", False, 5), ("college", True, None)],
)
def test_r23_senior_needs_a_bachelor_degree_and_five_years(education, major, years):
    route = e.exam_route(level="senior", education=education, social_work_major=major)
    assert (route.years if route else None) == years
    if route:
        assert route.counted_after == "intermediate"
        assert route.citation.startswith("《高级社会工作师评价办法》")


@pytest.mark.parametrize(
    ("starts_on", "first_year"),
    [
        (D(2019, 11, 10), 2025),  # six years complete on 9 November 2025: that year's exam
        (D(2020, 1, 15), 2026),  # complete on 14 January 2026: not the 2025 exam
        (D(2019, 1, 1), 2024),  # complete on 31 December 2024, the last day that counts
        (D(2019, 1, 2), 2025),
    ],
)
def test_r23_years_count_to_31_december_of_the_exam_year(starts_on, first_year):
    outlook = _outlook(education="college", major=False, spans=[(starts_on, None)])
    assert outlook.route.years == 6
    assert outlook.first_year == first_year


def test_r23_completion_day_is_the_eve_of_the_anniversary():
    completed = e.years_completed_on(spans=[(D(2019, 3, 1), None)], years=6)
    assert completed == D(2025, 2, 28)


def test_r23_gaps_do_not_count_and_overlaps_count_once():
    spans = [
        (D(2021, 1, 1), D(2021, 12, 31)),  # one year
        (D(2021, 6, 1), D(2021, 8, 31)),  # inside it: counted once
        (D(2023, 1, 1), None),  # after a year out of social work
    ]
    assert e.years_completed_on(spans=spans, years=4) == D(2025, 12, 31)
    assert _outlook(education="college", spans=spans).first_year == 2025


def test_r23_first_year_is_never_before_this_year():
    outlook = _outlook(education="bachelor", spans=[(D(2010, 1, 1), None)])
    assert outlook.first_year == TODAY.year


def test_r23_social_work_doctorate_sits_at_once():
    outlook = _outlook(education="doctorate", spans=[])
    assert (outlook.route.years, outlook.first_year, outlook.missing) == (0, TODAY.year, None)


def test_r23_secondary_route_waits_for_the_assistant_certificate():
    spans = [(D(2012, 1, 1), None)]
    outlook = _outlook(education="secondary", spans=spans)
    assert (outlook.missing, outlook.route.years, outlook.first_year) == (
        e.NO_CERTIFICATE,
        6,
        None,
    )
    certified = _outlook(
        education="secondary", spans=spans, certificates={"assistant": D(2020, 6, 1)}
    )
    assert certified.first_year == 2026  # six years from the certificate, not from 2012
    assert certified.counted_from == D(2020, 6, 1)


def test_r23_senior_counts_years_after_the_intermediate_certificate():
    outlook = _outlook(
        level="senior",
        education="bachelor",
        spans=[(D(2012, 1, 1), None)],
        certificates={"assistant": D(2013, 6, 1), "intermediate": D(2021, 6, 20)},
    )
    assert outlook.first_year == 2026
    assert outlook.route.citation.startswith("《高级社会工作师评价办法》")


def test_r23_missing_data_is_named_not_guessed():
    assert _outlook(education="", spans=[(D(2019, 1, 1), None)]).missing == e.NO_EDUCATION
    no_positions = _outlook(education="bachelor", spans=[])
    assert (no_positions.missing, no_positions.route.years) == (e.NO_EXPERIENCE, 3)
    left = _outlook(education="bachelor", spans=[(D(2022, 1, 1), D(2023, 6, 30))])
    assert (left.missing, left.first_year) == (e.YEARS_SHORT, None)


def test_r23_outlook_cites_the_year_end_rule():
    outlook = _outlook(education="bachelor", spans=[(D(2022, 1, 1), None)])
    assert "截止日期为考试报名年度当年年底" in outlook.counting_rule


@pytest.mark.django_db
def test_r23_progress_uses_positions_and_the_first_certificate(tree):
    person = factories.PersonFactory(region=tree.county_a, education="secondary")
    factories.PositionFactory(person=person, service_point=tree.station_a, starts_on=D(2015, 1, 1))
    for passed_on, number in ((D(2019, 5, 20), "ZL1"), (D(2021, 5, 20), "ZL2")):
        person.qualifications.create(
            level="assistant", certificate_number=number, passed_on=passed_on
        )
    result = progress.progress_for(person=person, today=TODAY)
    assert result.next_level == "intermediate"
    assert (result.exam.route.years, result.exam.first_year) == (6, 2025)
    assert result.route_education == "高中/中专"
