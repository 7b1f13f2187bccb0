"""The demo shows the region targets in a Hunan county (R25, R16) and R2 in full in Haining."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Region, ServicePoint, StarRating
from quotas import rules
from quotas.selectors import rule_results
from quotas.selectors.region_targets import ABOVE, OWN, region_targets

pytestmark = pytest.mark.django_db


def test_demo_shows_r25_in_a_hunan_county_and_r2_in_haining():
    call_command("seed_demo", stdout=StringIO())
    county = Region.objects.get(code="430121")  # 长沙县
    targets = {
        line.rule.code: line
        for line in region_targets(region=county, year=2023, today=dt.date(2024, 3, 1))
    }
    share = targets["county-five-star-share"]
    assert (share.relation, share.owed, share.reached_text) == (OWN, 30, "25%（1/4）")
    assert share.status == rules.BEHIND
    assert targets["county-five-star-stations"].status == rules.MET
    assert targets["village-coverage-share"].relation == ABOVE
    assert targets["village-coverage-share"].reached_text == "40%（2/5）"
    assert targets["recognised-counties"].figure.part == 1
    assert targets["local-supervisors"].figure.part == 1
    earlier = region_targets(region=county, year=2021, today=dt.date(2024, 3, 1))
    assert (
        next(line for line in earlier if line.rule.code == "county-five-star-stations").status
        == rules.BEHIND
    )
    assert region_targets(region=county, year=2025, today=dt.date(2025, 7, 1)) == []

    for point in ServicePoint.objects.filter(star_ratings__isnull=False).distinct():
        assert point.star_rating == StarRating.objects.filter(service_point=point).first().stars

    maqiao = ServicePoint.objects.get(region__code="330481004")
    results = {
        r.rule.code: r
        for r in rule_results.evaluate_station(
            service_point=maqiao, year=2025, today=dt.date(2025, 12, 31)
        )
        if r.rule.rule_ref == "R2"
    }
    assert set(results) == {
        "station-full-time-staff",
        "station-certified-staff",
        "station-volunteers",
        "agency-rating",
        "station-area",
    }
    assert results["station-volunteers"].sentence == "志愿者：已完成 45/30"
    assert results["agency-rating"].status == results["station-area"].status == rules.MET
