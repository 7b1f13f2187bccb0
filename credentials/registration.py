"""National rules on social-work qualifications, on plain values (no ORM, no clock).

R21: levels 助理社会工作师 / 社会工作师 / 高级社会工作师; registration within a year of
passing, valid 3 years, renewed in the 3 months before it expires.
R22 (continuing education per registration period) is policy data: the national pack in
quotas/packs.py, read through `quotas.selectors.continuing_education`.
R23 (exam eligibility) is in credentials/eligibility.py.
R3 (Beijing): professional staff hold 社会工作师, or 助理社会工作师 for ≥ 3 years, or a social-work
bachelor's degree or higher. A region's choice: it applies where a policy pack adopts it
(`quotas.selectors.pack_settings`), not nationally.
"""

import datetime as dt

ASSISTANT, INTERMEDIATE, SENIOR = "assistant", "intermediate", "senior"
REGISTRATION_YEARS = 3
RENEWAL_MONTHS = 3
DEGREES = ("junior", "secondary", "college", "bachelor", "master", "doctorate")


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


def is_professional_staff(
    *,
    level: str | None,
    level_held_since: dt.date | None,
    education: str,
    social_work_major: bool,
    today: dt.date,
) -> tuple[bool, str]:
    """R3 (Beijing): whether the worker counts as professional staff, and which clause says so;
    asked only where a region's pack adopts the test."""
    if level in (INTERMEDIATE, SENIOR):
        return True, "holds_intermediate"
    if level == ASSISTANT and level_held_since and add_years(level_held_since, 3) <= today:
        return True, "assistant_three_years"
    if social_work_major and education in DEGREES[DEGREES.index("bachelor") :]:
        return True, "social_work_degree"
    return False, "none"
