"""Years and months read from requests: one bounded range, one parser.

The portal's years run from `settings.PORTAL_FIRST_YEAR` to next year. A year or month outside
them is refused before it reaches a date computation: a URL answers 404 (the `year` converter), a
query string falls back to its default with a message, a form shows a Chinese error.
"""

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DIGITS_RE = re.compile(r"[0-9]+")
MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})")


def first_year() -> int:
    return settings.PORTAL_FIRST_YEAR


def last_year(*, today: dt.date) -> int:
    """Next year: plans and planned sessions may reach into it, nothing further."""
    return today.year + 1


def _out_of_range(*, today: dt.date) -> ValidationError:
    return ValidationError(
        _("年度应在 %(first)s 年至 %(last)s 年之间。"),
        code="year_range",
        params={"first": first_year(), "last": last_year(today=today)},
    )


def year_from(value: str | int, *, today: dt.date) -> int:
    """`value` (text of digits, or a number) as a year of the portal; ValidationError with a
    Chinese message when it is not one."""
    if isinstance(value, str):
        text = value.strip()
        if not DIGITS_RE.fullmatch(text):
            raise ValidationError(_("请填写四位数的年度，例如 2025。"), code="year_format")
        value = int(text) if len(text) <= 4 else 0  # longer is out of range, however long
    if not first_year() <= value <= last_year(today=today):
        raise _out_of_range(today=today)
    return value


def month_from(value: str, *, today: dt.date) -> dt.date:
    """The first day of the month written "2025-07", within the portal's years."""
    match = MONTH_RE.fullmatch(value.strip())
    if match is None or not 1 <= int(match[2]) <= 12:
        raise ValidationError(_("请按 2025-07 的格式填写月份。"), code="month_format")
    return dt.date(year_from(match[1], today=today), int(match[2]), 1)


def day_within(day: dt.date, *, today: dt.date) -> dt.date:
    """`day` when it falls in the portal's years, else ValidationError."""
    if not first_year() <= day.year <= last_year(today=today):
        raise ValidationError(
            _("日期应在 %(first)s 年至 %(last)s 年之间。"),
            code="day_range",
            params={"first": first_year(), "last": last_year(today=today)},
        )
    return day


def year_param(request: HttpRequest, *, today: dt.date, default: int | None = None) -> int | None:
    """The query string's `year`, or `default` when absent. A value that is not a year of the
    portal is refused with a message, and `default` is used."""
    value = request.GET.get("year", "").strip()
    if not value:
        return default
    try:
        return year_from(value, today=today)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return default


def month_number_param(request: HttpRequest) -> int | None:
    """The query string's `month` as 1–12, or None when absent or refused (with a message)."""
    value = request.GET.get("month", "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    messages.error(request, _("月份应为 1 至 12。"))
    return None


class YearConverter:
    """`<year:year>` in a URL: four digits, within the portal's years, else no match (404)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        try:
            return year_from(value, today=timezone.localdate())
        except ValidationError:
            raise ValueError(value) from None

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


class YearField(forms.IntegerField):
    """A year of the portal in a form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": _("请填写四位数的年度，例如 2025。")})
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None:
            year_from(value, today=timezone.localdate())


class MonthField(forms.DateField):
    """A month ("2025-07") of the portal in a form; cleans to the month's first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value.replace(day=1)
        return month_from(str(value), today=timezone.localdate())
