"""The demo's hours look like a real county's in December: spread over met, on track, at risk and
behind across stations and rules (R8, R12), the same on every run, and none dated after today."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from directory.models import Region
from lms.models import Attendance, HourEntry
from quotas import rules
from supervision.models import Supervisee, SupervisionSession
from tests.built_once import built_once

pytestmark = pytest.mark.django_db

DECEMBER = dt.datetime(2026, 12, 3, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
HOURS_RULES = (
    "worker-city-supervision",
    "worker-county-supervision",
    "worker-city-training",
    "worker-county-training",
)


@pytest.fixture(scope="module")
def december(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded and viewed on a December morning, whatever the date of the run: seeded
    once for the module (`tests.built_once`)."""
    seed = lambda: call_command("seed_demo", stdout=StringIO())  # noqa: E731
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: DECEMBER)
        with built_once(django_db_blocker, tmp_path_factory, seed, run_on_commit=False):
            yield


def _figures() -> dict[str, list]:
    return {
        "training": sorted(
            HourEntry.objects.values_list("person__id_number_hash", "providing_level")
            .annotate(minutes=Sum("minutes"))
            .values_list("person__id_number_hash", "providing_level", "minutes")
        ),
        "supervision": sorted(
            Supervisee.objects.values_list("person__id_number_hash", "providing_level")
            .annotate(minutes=Sum("minutes"))
            .values_list("person__id_number_hash", "providing_level", "minutes")
        ),
    }


def test_county_dashboard_in_december_spreads_over_statuses(client, december):
    client.force_login(User.objects.get(email="changshaxian.admin@example.cn"))
    county = Region.objects.get(code="430121")  # 长沙县
    response = client.get(reverse("quotas:region", args=[county.pk]), {"year": 2026})
    assert response.status_code == 200
    board = response.context["board"]
    by_code = {rule.code: rule for rule in board.rules}
    spread = set()
    for code in HOURS_RULES:
        rule = by_code[code]
        assert 0 < board.totals[rule.pk].met_percent < 100, code
        statuses = {row.tallies[rule.pk].status for row in board.rows if rule.pk in row.tallies}
        assert len(statuses) >= 2, code
        if {rules.MET, rules.BEHIND} <= statuses:
            spread.add(code)
    assert spread  # some rule has a station where most are met and one where most are behind


def test_demo_figures_are_repeatable_and_never_dated_after_today(december):
    today, now = DECEMBER.date(), DECEMBER
    assert not HourEntry.objects.filter(on__gt=today).exists()
    assert not Attendance.objects.filter(session__starts_at__gt=now).exists()
    assert not SupervisionSession.objects.filter(
        status=SupervisionSession.Status.HELD, started_at__gt=now
    ).exists()
    assert not Supervisee.objects.filter(
        state=Supervisee.State.CONFIRMED, held_on__gt=today
    ).exists()
    before = _figures()
    call_command("seed_demo", "--reset", stdout=StringIO())
    assert _figures() == before
