"""The yearly supervision summaries follow every write of the services (R7, R8, R9) and agree
with the raw rows; `supervision_summaries check` finds a difference and `rebuild` repairs it."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from supervision import services
from supervision.models import ReceivedSummary, StationSummary, SupervisionSession
from supervision.services import summary
from tests.supervision.conftest import at, log


def received(person, year=2025) -> dict[str, tuple[int, int]]:
    return {
        level: (confirmed, pending)
        for level, confirmed, pending in ReceivedSummary.objects.filter(
            person=person, year=year
        ).values_list("providing_level", "confirmed_minutes", "pending_minutes")
        if confirmed or pending
    }


def station(point, year=2025) -> tuple[int, int]:
    row = StationSummary.objects.filter(service_point=point, year=year).first()
    return (row.sessions, row.minutes) if row else (0, 0)


@pytest.fixture(autouse=True)
def agrees_with_rows(db):
    """Whatever a test does through the services, the summaries match the rows at the end."""
    yield
    assert summary.differences() == []


def test_logging_a_held_session_counts_pending_minutes_and_the_station_once(
    session, tree, wang_fang, liu_yang
):
    assert received(wang_fang) == {"city": (0, 120)}
    assert received(liu_yang) == {"city": (0, 90)}
    assert station(tree.station_a) == (1, 120)


def test_confirm_dispute_and_resolve_move_minutes_between_parts(
    wang_fang_part, wang_fang, zhang_min
):
    services.supervisee_confirm(supervisee=wang_fang_part, confirmed_by=wang_fang.user)
    assert received(wang_fang) == {"city": (120, 0)}
    services.supervisee_dispute(
        supervisee=wang_fang_part, reason="只参加了一半", disputed_by=wang_fang.user
    )
    assert received(wang_fang) == {"city": (0, 120)}
    services.dispute_resolve(
        supervisee=wang_fang_part,
        upheld=False,
        resolution="签到表为全程",
        resolved_by=zhang_min.user,
    )
    assert received(wang_fang) == {"city": (120, 0)}


def test_an_upheld_dispute_counts_nothing(wang_fang_part, wang_fang, zhang_min):
    services.supervisee_dispute(
        supervisee=wang_fang_part, reason="未参加", disputed_by=wang_fang.user
    )
    services.dispute_resolve(
        supervisee=wang_fang_part, upheld=True, resolution="核实未参加", resolved_by=zhang_min.user
    )
    assert received(wang_fang) == {}


def test_an_edit_moves_minutes_to_the_new_year_level_and_people(
    session, tree, li_qiang, wang_fang, liu_yang
):
    services.session_update(
        session=session,
        edited_by=li_qiang.user,
        started_at=at(2024, 12, 20),
        providing_level="county",
        duration_minutes=90,
        supervisees=[(wang_fang, 90)],
    )
    assert received(wang_fang) == {}
    assert received(wang_fang, 2024) == {"county": (0, 90)}
    assert received(liu_yang, 2024) == {}
    assert station(tree.station_a) == (0, 0)
    assert station(tree.station_a, 2024) == (1, 90)


def test_planned_and_cancelled_sessions_count_nothing_until_held(
    tree, li_qiang_profile, li_qiang, wang_fang
):
    planned = log(
        tree,
        li_qiang_profile,
        [(wang_fang, 60)],
        duration=60,
        status=SupervisionSession.Status.PLANNED,
    )
    assert station(tree.station_a) == (0, 0)
    services.session_update(
        session=planned, edited_by=li_qiang.user, status=SupervisionSession.Status.HELD
    )
    assert received(wang_fang) == {"city": (0, 60)}
    services.session_cancel(session=planned, cancelled_by=li_qiang.user)
    assert received(wang_fang) == {}
    assert station(tree.station_a) == (0, 0)


def test_a_session_not_yet_started_cannot_be_recorded_as_held(tree, li_qiang_profile, wang_fang):
    tomorrow = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        log(tree, li_qiang_profile, [(wang_fang, 60)], duration=60, when=tomorrow)
    assert "尚未开始" in str(raised.value)
    assert not SupervisionSession.objects.exists()


def test_check_finds_a_tampered_summary_and_rebuild_repairs_it(session, wang_fang, tree):
    ReceivedSummary.objects.filter(person=wang_fang).update(pending_minutes=999)
    StationSummary.objects.filter(service_point=tree.station_a).delete()
    out = StringIO()
    with pytest.raises(CommandError, match="2"):
        call_command("supervision_summaries", "check", stdout=out)
    assert "999" in out.getvalue()
    call_command("supervision_summaries", "rebuild", stdout=StringIO())
    call_command("supervision_summaries", "check", stdout=out)
    assert received(wang_fang) == {"city": (0, 120)}
    assert station(tree.station_a) == (1, 120)
