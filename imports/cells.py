"""Turning the text of one cell into a value: dates, yes/no, integers, stars and choices.

Pure functions on strings (the parser has already turned Excel values into text); each raises
`CellError` with a Chinese message naming what was expected.
"""

import datetime as dt
import re

from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _

YES = frozenset({"是", "y", "yes", "true", "1", "√"})
NO = frozenset({"否", "n", "no", "false", "0", "×"})
DATE_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
COMPACT_DATE_PATTERN = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIALS = range(20000, 80000)  # 1954 to 2119: plain numbers that are dates
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}


class CellError(ValueError):
    """A cell whose text cannot be read; `message` is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def boolean(text: str, *, default: bool) -> bool:
    """是/否 (also Y/N, true/false, 1/0); blank gives `default`."""
    if not text:
        return default
    folded = text.strip().lower()
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise CellError(_("请填写“是”或“否”。"))


def integer(text: str) -> int | None:
    """A whole number (thousands separators allowed); blank gives None."""
    if not text:
        return None
    cleaned = text.replace(",", "").replace("，", "").strip()
    if re.fullmatch(r"\d+(\.0+)?", cleaned):
        return int(float(cleaned))
    raise CellError(_("请填写整数。"))


def stars(text: str) -> int | None:
    """A star rating: 3, 三, 三星, 3星级 … ; blank gives None."""
    if not text:
        return None
    cleaned = re.sub(r"星级?$", "", text.strip())
    value = CHINESE_DIGITS.get(cleaned)
    if value is None and re.fullmatch(r"\d+(\.0+)?", cleaned):
        value = int(float(cleaned))
    if value is None or not 1 <= value <= 5:
        raise CellError(_("星级应为 1 至 5。"))
    return value


def date(text: str) -> dt.date | None:
    """2023-03-01, 2023/3/1, 2023.3.1, 2023年3月1日, 20230301 or an Excel serial; blank → None."""
    if not text:
        return None
    cleaned = text.strip()
    try:
        if match := DATE_PATTERN.match(cleaned) or COMPACT_DATE_PATTERN.match(cleaned):
            return dt.date(*(int(part) for part in match.groups()))
        if cleaned.isdigit() and int(cleaned) in EXCEL_SERIALS:
            return EXCEL_EPOCH + dt.timedelta(days=int(cleaned))
    except ValueError:
        pass  # a day that does not exist, such as 2023-02-30
    raise CellError(_("日期无效，请写成 2023-03-01 或 2023/3/1。"))


def choice(text: str, *, choices: type[TextChoices]) -> str:
    """The stored value for a Chinese label or the value itself; blank gives ""."""
    if not text:
        return ""
    cleaned = text.strip()
    with translation.override("zh-hans"):
        by_label = {str(label): value for value, label in choices.choices}
    by_label.update({str(label): value for value, label in choices.choices})
    by_value = {value.lower(): value for value in choices.values}
    found = by_label.get(cleaned, by_value.get(cleaned.lower()))
    if found is None:
        raise CellError(_("请填写以下之一：%(labels)s。") % {"labels": labels(choices=choices)})
    return found


def label_list(*, choices: type[TextChoices]) -> list[str]:
    """The non-blank Chinese labels in order, as a template's drop-down list offers them."""
    with translation.override("zh-hans"):
        return [str(label) for value, label in choices.choices if value]


def labels(*, choices: type[TextChoices]) -> str:
    """The non-blank Chinese labels, joined for a message."""
    return "、".join(label_list(choices=choices))


def yes_no() -> list[str]:
    """What a yes/no column's drop-down list offers."""
    return ["是", "否"]
