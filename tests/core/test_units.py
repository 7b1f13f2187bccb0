"""One units module: every page, export, PDF and sentence converts through `core.units`."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template

from core import units
from tests.project import project_apps

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0.0"), (75, "1.3"), (60, "1.0"), (1, "0.0"), (3, "0.1"), (840, "14.0"), (None, "0.0")],
)
def test_hours_round_half_up_from_integers(minutes, text):
    assert units.hours(minutes) == text
    assert units.hours_number(minutes) == Decimal(text)


def test_the_template_filter_agrees():
    rendered = Template("{{ m|minutes_as_hours }}").render(Context({"m": 75}))
    assert rendered == "1.3"


@pytest.mark.parametrize(("hours", "minutes"), [("1.25", 75), ("0.01", 1), ("2", 120)])
def test_minutes_from_hours(hours, minutes):
    assert units.minutes_from_hours(Decimal(hours)) == minutes


def test_days_and_percent():
    assert units.days(1080, minutes_per_day=360) == "3"
    assert units.days(900, minutes_per_day=360) == "2.5"
    assert units.percent(1, 3) == 33 and units.percent(5, 0) is None


def test_no_other_module_divides_minutes_into_hours():
    """Grep the project: only core/units.py turns minutes into hours."""
    pattern = re.compile(r"/\s*60\b|minutes\s*/\s*|/\s*MINUTES_PER_HOUR")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in (*sorted(project_apps()), "templates")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".html"}
        and "migrations" not in path.parts
        and path != ROOT / "core" / "units.py"
        and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
