"""R23: eligibility for the national exam of the next level, on plain values (no ORM, no clock).

The routes are one table of data, each with the wording of the national rule it comes from.
Years of social work are counted to 31 December of the exam year; open positions are taken to
run on (the worker stays in post). Other majors need 2 more years on every degree route, the
doctorate included: the rule's "其他专业大专及以上学历或学位…相应增加2年" names no exception,
so another major's doctorate needs 2 years where a social-work doctorate needs none.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from credentials.registration import ASSISTANT, DEGREES, INTERMEDIATE, SENIOR, add_years

Span = tuple[dt.date, dt.date | None]

INTERMEDIATE_RULE = "《社会工作者职业水平评价暂行规定》（国人部发〔2006〕71号）第十二条"
SENIOR_RULE = "《高级社会工作师评价办法》"
LEVEL_RULES = {INTERMEDIATE: INTERMEDIATE_RULE, SENIOR: SENIOR_RULE}
COUNTED_TO_YEAR_END = (
    "社会工作者职业水平考试历年报名通知：报考条件中从事社会工作年限的截止日期为考试报名年度当年年底"
)

# Why an outlook has no first year.
NO_EDUCATION = "education"  # no education on file
NO_ROUTE = "route"  # the education opens no route to this exam
NO_CERTIFICATE = "certificate"  # the route counts years after a certificate the worker lacks
NO_EXPERIENCE = "experience"  # no position on file to count years from
YEARS_SHORT = "years_short"  # the recorded positions end before the years are reached


@dataclass(frozen=True)
class Route:
    """One way into an exam: which education, which major (None: any) and how many years of
    social work. `counted_after` names the level whose certificate starts the count (None: all
    social-work experience counts)."""

    level: str
    education: str
    social_work_major: bool | None
    years: int
    counted_after: str | None
    citation: str


SECONDARY_CLAUSE = (
    "（一）取得高中或者中专学历，并取得助理社会工作师职业水平证书后，从事社会工作满6年"
)
COLLEGE_CLAUSE = "（二）取得社会工作专业大专及以上学历或学位，从事社会工作满4年"
BACHELOR_CLAUSE = "（三）取得社会工作专业大学本科学历，从事社会工作满3年"
MASTER_CLAUSE = "（四）取得社会工作专业硕士学位，从事社会工作满1年"
DOCTORATE_CLAUSE = "（五）取得社会工作专业博士学位"
OTHER_MAJORS_CLAUSE = "（六）取得其他专业大专及以上学历或学位，其从事社会工作年限相应增加2年"


def _intermediate(education: str, major: bool, years: int, *clauses: str) -> Route:
    return Route(
        INTERMEDIATE, education, major, years, None, INTERMEDIATE_RULE + "；".join(clauses)
    )


ROUTES = (
    Route(INTERMEDIATE, "secondary", None, 6, ASSISTANT, INTERMEDIATE_RULE + SECONDARY_CLAUSE),
    _intermediate("college", True, 4, COLLEGE_CLAUSE),
    _intermediate("bachelor", True, 3, BACHELOR_CLAUSE),
    _intermediate("master", True, 1, MASTER_CLAUSE),
    _intermediate("doctorate", True, 0, DOCTORATE_CLAUSE),
    _intermediate("college", False, 6, COLLEGE_CLAUSE, OTHER_MAJORS_CLAUSE),
    _intermediate("bachelor", False, 5, BACHELOR_CLAUSE, OTHER_MAJORS_CLAUSE),
    _intermediate("master", False, 3, MASTER_CLAUSE, OTHER_MAJORS_CLAUSE),
    _intermediate("doctorate", False, 2, DOCTORATE_CLAUSE, OTHER_MAJORS_CLAUSE),
    Route(
        SENIOR,
        "bachelor",
        None,
        5,
        INTERMEDIATE,
        f"{SENIOR_RULE}：具有本科及以上学历（或学士及以上学位），在通过全国社会工作者职业水平考试"
        "取得社会工作师（中级）资格后，从事社会工作满5年",
    ),
)


@dataclass(frozen=True)
class Outlook:
    """Where a worker stands for the `level` exam: the route, the first exam year, or what is
    missing to tell; `counted_from` is the first day of social work counted."""

    level: str
    route: Route | None
    first_year: int | None
    missing: str | None
    counted_from: dt.date | None

    @property
    def citation(self) -> str:
        """The national rule's wording for the route, or the rule's name when there is none."""
        return self.route.citation if self.route else LEVEL_RULES[self.level]

    @property
    def counting_rule(self) -> str:
        """Where the years end: 31 December of the exam year."""
        return COUNTED_TO_YEAR_END


def exam_route(*, level: str, education: str, social_work_major: bool) -> Route | None:
    """R23: the shortest route to the `level` exam open to this education, or None.

    A route is open to its education and any higher one ("大专及以上"); intermediate needs
    高中/中专 or above, senior 本科 or above. Of two routes as long, the one counting all social
    work wins over one counting only the years after a certificate (another major's 大专 + 6
    before 高中/中专 + 6 after the assistant certificate).
    """
    rank = DEGREES.index(education)
    open_routes = [
        route
        for route in ROUTES
        if route.level == level
        and route.social_work_major in (None, social_work_major)
        and DEGREES.index(route.education) <= rank
    ]
    return min(open_routes, key=lambda r: (r.years, r.counted_after is not None), default=None)


def years_completed_on(
    *, spans: Iterable[Span], years: int, counted_from: dt.date | None = None
) -> dt.date | None:
    """R23: the day `years` of social work are complete ("满N年"), or None when the recorded
    spans never reach them.

    Span ends are last days in post; overlaps count once and gaps not at all, so continuous work
    from 1 March 2019 completes 6 years on 28 February 2025. Spans without an end run on.
    Only days from `counted_from` on count.
    """
    days_done = 0
    for start, end in _merged(spans, counted_from):
        completed_on = add_years(start - dt.timedelta(days=days_done), years) - dt.timedelta(days=1)
        if end is None or completed_on <= end:
            return completed_on
        days_done += (end - start).days + 1
    return None


def first_exam_year(
    *, route: Route, spans: Iterable[Span], certificate_on: dt.date | None, today: dt.date
) -> int | None:
    """R23: the first exam year, from `today`'s on, in which the worker meets `route`, or None
    when the records cannot tell (no certificate the route counts from, no years that reach it).

    Years are counted to 31 December of the exam year: whoever completes 6 years in November
    may sit that year's exam; in the following January, the next year's.
    """
    if route.counted_after and certificate_on is None:
        return None
    if route.years == 0:
        return today.year
    completed_on = years_completed_on(spans=spans, years=route.years, counted_from=certificate_on)
    return max(completed_on.year, today.year) if completed_on else None


def exam_outlook(
    *,
    level: str,
    education: str | None,
    social_work_major: bool,
    spans: list[Span],
    certificates: dict[str, dt.date],
    today: dt.date,
) -> Outlook:
    """R23: the route and first exam year for the `level` exam, or what is missing to tell.

    `certificates` maps each level the worker holds to the day they first passed it.
    """
    if not education:
        return Outlook(level, None, None, NO_EDUCATION, None)
    route = exam_route(level=level, education=education, social_work_major=social_work_major)
    if route is None:
        return Outlook(level, None, None, NO_ROUTE, None)
    certificate_on = certificates.get(route.counted_after) if route.counted_after else None
    if route.counted_after and certificate_on is None:
        return Outlook(level, route, None, NO_CERTIFICATE, None)
    counted = _merged(spans, certificate_on)
    counted_from = counted[0][0] if counted else None
    if route.years and not counted:
        return Outlook(level, route, None, NO_EXPERIENCE, None)
    year = first_exam_year(route=route, spans=spans, certificate_on=certificate_on, today=today)
    return Outlook(level, route, year, None if year else YEARS_SHORT, counted_from)


def _merged(spans: Iterable[Span], counted_from: dt.date | None) -> list[Span]:
    """Spans from `counted_from` on, sorted, overlapping or adjoining ones joined."""
    clipped = sorted(
        (
            (max(start, counted_from) if counted_from else start, end)
            for start, end in spans
            if end is None or counted_from is None or end >= counted_from
        ),
        key=lambda span: span[0],
    )
    merged: list[Span] = []
    for start, end in clipped:
        if merged and (merged[-1][1] is None or start <= merged[-1][1] + dt.timedelta(days=1)):
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, None if None in (last_end, end) else max(last_end, end))
        else:
            merged.append((start, end))
    return merged
