"""Units: the one place minutes become hours or days and counts become shares.

Every page, export, PDF and sentence shows time through these, so 75 minutes reads "1.3" on the
hours page, the dashboards and the certificate alike. Integers only: no float rounding.
"""

from decimal import Decimal


def _tenths(amount: int, per_unit: int) -> int:
    """`amount` in tenths of a unit of `per_unit`, rounded half up."""
    return (amount * 10 + per_unit // 2) // per_unit


def hours_number(minutes: int | None) -> Decimal:
    """Minutes as hours to one decimal, rounded half up (for spreadsheets): 75 → 1.3."""
    return Decimal(_tenths(minutes or 0, 60)) / 10


def hours(minutes: int | None) -> str:
    """Minutes as hours for display, one decimal, rounded half up: 75 → "1.3", 120 → "2.0"."""
    return f"{hours_number(minutes):.1f}"


def minutes_from_hours(value: Decimal | int) -> int:
    """Hours typed into a form (one or two decimals) as whole minutes, rounded half up."""
    return int((Decimal(value) * 60).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def days(minutes: int, *, minutes_per_day: int) -> str:
    """Minutes as days of `minutes_per_day` for display, "3" or "2.5" (R11 counts days)."""
    tenths = _tenths(minutes, minutes_per_day)
    return f"{tenths // 10}.{tenths % 10}".removesuffix(".0")


def percent(part: int, whole: int) -> int | None:
    """`part` as a whole percent of `whole`, rounded down; None when there is no whole."""
    return part * 100 // whole if whole else None
