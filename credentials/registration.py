"""National rules on social-work qualifications, on plain values (no ORM, no clock).

R21: levels 助理社会工作师 / 社会工作师 / 高级社会工作师; registration within a year of
passing, valid 3 years, renewed in the 3 months before it expires.
R22 (continuing education per registration period) is policy data: the national pack in
quotas/packs.py, read through `quotas.selectors.continuing_education_for`.
R23: exam eligibility for the next level from education and years of social-work experience.
R3 (Beijing): professional staff hold 社会工作师, or 助理社会工作师 for ≥ 3 years, or a social-work
bachelor's degree or higher.
"""

import datetime as dt

ASSISTANT, INTERMEDIATE, SENIOR = "assistant", "intermediate", "senior"
REGISTRATION_YEARS = 3
RENEWAL_MONTHS = 3
DEGREES = ("secondary", "college", "bachelor", "master", "doctorate")


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February falls back to 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def registration_ends_on(*, starts_on: dt.date) -> dt.date:
    """R21: a registration is valid for 3 years: the last valid day."""
    return add_years(starts_on, REGISTRATION_YEARS) - dt.timedelta(days=1)


def first_registration_due_on(*, passed_on: dt.date) -> dt.date:
    """R21: the first registration is made within a year of passing the exam."""
    return add_years(passed_on, 1)


def renewal_opens_on(*, ends_on: dt.date) -> dt.date:
    """R21: renewal is made in the 3 months before the registration expires."""
    return add_months(ends_on + dt.timedelta(days=1), -RENEWAL_MONTHS)


def registration_status(*, starts_on: dt.date, ends_on: dt.date, today: dt.date) -> str:
    """ "future", "valid", "renewal_due" (inside the 3-month window, R21) or "expired"."""
    if today < starts_on:
        return "future"
    if today > ends_on:
        return "expired"
    return "renewal_due" if today >= renewal_opens_on(ends_on=ends_on) else "valid"


def years_to_next_level(*, target: str, education: str, social_work_major: bool) -> int | None:
    """R23: years of social-work experience needed before sitting the `target` exam.

    Intermediate: social-work 大专 4 years, 本科 3, 硕士 1 (doctorate 0); other majors 2 years
    more. Senior: 本科 or above and 5 years as an intermediate worker (counted from the
    intermediate certificate). None when the education does not qualify.
    """
    rank = DEGREES.index(education)
    if target == INTERMEDIATE:
        base = {"college": 4, "bachelor": 3, "master": 1, "doctorate": 0}.get(education)
        if base is None:
            return None
        return base if social_work_major else base + 2
    if target == SENIOR:
        return 5 if rank >= DEGREES.index("bachelor") else None
    return 0


def exam_eligible_on(
    *, target: str, education: str, social_work_major: bool, experience_since: dt.date | None
) -> dt.date | None:
    """R23: the first day the worker may sit the `target` exam, or None if they cannot yet
    tell (no experience recorded) or never qualify with this education."""
    years = years_to_next_level(
        target=target, education=education, social_work_major=social_work_major
    )
    if years is None or experience_since is None:
        return None
    return add_years(experience_since, years)


def is_professional_staff(
    *,
    level: str | None,
    level_held_since: dt.date | None,
    education: str,
    social_work_major: bool,
    today: dt.date,
) -> tuple[bool, str]:
    """R3 (Beijing): whether the worker counts as professional staff, and which clause says so."""
    if level in (INTERMEDIATE, SENIOR):
        return True, "holds_intermediate"
    if level == ASSISTANT and level_held_since and add_years(level_held_since, 3) <= today:
        return True, "assistant_three_years"
    if social_work_major and DEGREES.index(education) >= DEGREES.index("bachelor"):
        return True, "social_work_degree"
    return False, "none"


def eligible_on_from_experience(
    *, years_needed: int | None, years_have: float, today: dt.date
) -> dt.date | None:
    """R23: the day accumulated experience reaches `years_needed`, assuming the worker stays in
    post (past days count once, future days at one per day); None when never."""
    if years_needed is None:
        return None
    missing_days = round((years_needed - years_have) * 365.25)
    return today + dt.timedelta(days=missing_days)
