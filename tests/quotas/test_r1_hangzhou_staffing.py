"""R1 (Hangzhou, 四、（三）, a draft for comment): a township station has at least 3 full-time
certified social workers; "有条件的" stations at least 1 intermediate social worker (advisory:
shown, never behind); a community specialty room binds only when it is a demonstration point
(示范点), with at least 1 certified worker."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from credentials.models import Qualification
from directory.models import ServicePoint
from quotas import rules
from quotas.selectors import rule_results
from quotas.services import policy_packs
from tests import factories

D = dt.date
TODAY = D(2025, 7, 2)
numbers = itertools.count(1)


@pytest.fixture
def hangzhou(db):
    zhejiang = factories.region("浙江省", "330000", "province")
    city = factories.region("杭州市", "330100", "city", zhejiang)
    county = factories.region("西湖区", "330106", "county", city)
    town = factories.region("北山街道", "330106001", "township", county)
    pack, _, _ = policy_packs.policy_pack_load(name="hangzhou")
    return town, pack


def _certified(point, level="assistant", full_time=True):
    person = factories.PersonFactory(region=point.region)
    factories.PositionFactory(person=person, service_point=point, full_time=full_time)
    Qualification.objects.create(
        person=person,
        level=level,
        certificate_number=f"R1-{next(numbers)}",
        passed_on=D(2020, 6, 1),
        verified_at=timezone.now(),
    )
    return person


def _results(point) -> dict:
    point = ServicePoint.objects.select_related("region").get(pk=point.pk)
    return {
        r.rule.code: r
        for r in rule_results.evaluate_station(service_point=point, year=2025, today=TODAY)
    }


def test_r1_pack_is_the_hangzhou_draft_with_its_clause(hangzhou):
    _town, pack = hangzhou
    assert pack.is_draft and "征求意见稿" in pack.title
    rule = pack.rules.get(code="station-certified-staff")
    assert (rule.threshold, rule.source_clause, rule.rule_ref) == (3, "四、（三）", "R1")


def test_r1_township_station_needs_three_full_time_certified_workers(hangzhou):
    town, _pack = hangzhou
    station = factories.ServicePointFactory(region=town)
    for _ in range(2):
        _certified(station)
    _certified(station, full_time=False)  # part-time: does not count
    assert _results(station)["station-certified-staff"].status == rules.BEHIND
    _certified(station)
    assert _results(station)["station-certified-staff"].status == rules.MET


def test_r1_intermediate_worker_is_advisory_never_behind(hangzhou):
    town, _pack = hangzhou
    station = factories.ServicePointFactory(region=town)
    result = _results(station)["station-intermediate-staff"]
    assert result.status == rules.ADVISORY and result.rule.advisory
    assert result.status_label == "倡导性要求，尚未达到"
    _certified(station, level="intermediate")
    assert _results(station)["station-intermediate-staff"].status == rules.MET


def test_r1_room_rule_binds_only_demonstration_rooms(hangzhou):
    town, _pack = hangzhou
    room = factories.ServicePointFactory(region=town, kind=ServicePoint.Kind.COMMUNITY_ROOM)
    assert "room-certified-staff" not in _results(room)
    demonstration = factories.ServicePointFactory(
        region=town, kind=ServicePoint.Kind.COMMUNITY_ROOM, is_demonstration=True
    )
    assert _results(demonstration)["room-certified-staff"].status == rules.BEHIND
    _certified(demonstration)
    assert _results(demonstration)["room-certified-staff"].status == rules.MET


def test_r1_binds_hangzhou_only(hangzhou, tree):
    """A Hunan station sees no Hangzhou staffing rule."""
    assert not any(
        code.startswith(("station-certified-staff", "room-")) for code in _results(tree.station_a)
    )
