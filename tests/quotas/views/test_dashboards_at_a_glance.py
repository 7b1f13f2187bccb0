"""Dashboards read at a glance: status legend and bars, the month-by-month chart with its table,
the worst stations of a region (in its scope only), constant query counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quotas import rules
from quotas.selectors import dashboards
from tests import factories
from tests.quotas.conftest import region_admin

MID_2025 = dt.date(2025, 7, 2)
LEGEND_WORDS = ("达标", "进度正常", "有风险", "落后", "本年度无适用规则", "倡导性")


@pytest.fixture
def county(hunan, tree, wang_fang, credit):
    """County A: 王芳 at station A with 40 county training hours by March (met); station C
    with one worker at 2 hours (behind by December); county B's station B with one worker
    and nothing credited (worse than any station of county A)."""
    credit(wang_fang, 40 * 60, level="county", on=dt.date(2025, 3, 1))
    station_c = factories.ServicePointFactory(region=tree.town_a, name="定王台第二社工站")
    person = factories.PersonFactory(region=tree.county_a, name="同事甲")
    factories.PositionFactory(person=person, service_point=station_c)
    credit(person, 2 * 60, level="county", on=dt.date(2025, 2, 1))
    other = factories.PersonFactory(region=tree.county_b, name="外县社工")
    factories.PositionFactory(person=other, service_point=tree.station_b)
    tree.station_c = station_c
    return tree


def _region_page(client, user, region, year="2025"):
    client.force_login(user)
    response = client.get(reverse("quotas:region", args=[region.pk]), {"year": year})
    assert response.status_code == 200
    return response.content.decode()


def test_region_dashboard_has_legend_and_bars(client, county, zhang_min):
    page = _region_page(client, zhang_min.user, county.county_a)
    legend = page[page.index('class="status-legend"') :]
    legend = legend[: legend.index("</div>")]
    for word in LEGEND_WORDS:
        assert word in legend
    # every rule's total and each station's cell is a bar whose length is the share met
    assert '<rect class="status-bar-fill" width="50"' in page  # county training: 1 of 2
    assert "status-bar status-met" in page and "status-bar status-behind" in page
    assert 'class="status-icon" aria-hidden="true">✕' in page  # never colour alone


def test_rule_sources_are_listed_not_hidden_in_attributes(client, county, zhang_min):
    page = _region_page(client, zhang_min.user, county.county_a)
    assert 'id="rule-source-' in page and "R12" in page
    assert 'title="R' not in page


def test_month_chart_is_svg_with_a_table_fallback(client, county, zhang_min):
    page = _region_page(client, zhang_min.user, county.county_a)
    chart = page[page.index('<figure class="chart">') : page.index("</figure>")]
    assert '<svg viewBox="0 0 520 240" role="img" aria-labelledby="month-chart-title' in chart
    assert '<title id="month-chart-title">2025 年逐月进度' in chart
    table = chart[chart.index("<table") : chart.index("</table>")]
    assert table.count('<tr><th scope="row">') == 12  # a past year: every month
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == ['<script src="/static/js/site.js" defer>']  # ours: no chart library
    assert "cdn" not in page.lower()


def test_month_columns_follow_the_credits(county):
    board = dashboards.region_dashboard(
        region=county.county_a, year=2025, today=MID_2025, with_months=True
    )
    assert [column.month for column in board.months] == [1, 2, 3, 4, 5, 6, 7]
    county_rules = sum(1 for rule in board.rules if rule.pk not in board.station_rules)
    assert all(column.total == 2 * county_rules for column in board.months)
    # 王芳's 40 county training hours arrive in March: met from then on
    assert board.months[1].count(rules.MET) < board.months[2].count(rules.MET)
    for column in board.months:
        assert sum(segment.height for segment in column.segments) == 200


def test_worker_chart_has_a_table_fallback(client, hunan, wang_fang, credit):
    credit(wang_fang, 20 * 60, level="county", on=dt.date(2025, 3, 10))
    client.force_login(wang_fang.user)
    page = client.get(reverse("quotas:mine"), {"year": "2025"}).content.decode()
    assert "status-legend" in page and "status-bar status-" in page
    assert '<details class="chart-data">' in page
    assert "月末累计完成（全年应完成 40.0）" in page
    assert '<th scope="row">3月</th><td class="num">20.0</td>' in page


def test_worst_stations_are_ordered_and_stay_in_scope(client, county, zhang_min):
    board = dashboards.region_dashboard(region=county.county_a, year=2025, today=MID_2025)
    names = [score.name for score in board.worst_stations]
    assert names == ["定王台第二社工站", "定王台街道社工站"]
    page = _region_page(client, zhang_min.user, county.county_a)
    worst = page[page.index('<section class="worst"') : page.index("</section>")]
    assert worst.index("定王台第二社工站") < worst.index("定王台街道社工站")
    assert reverse("quotas:station", args=[county.station_c.pk]) in worst
    assert "坡子街街道社工站" not in page and "外县社工" not in page


def test_worst_stations_are_ten_at_most_and_worst_first(county, credit):
    for n in range(12):
        station = factories.ServicePointFactory(region=county.town_a, name=f"测试站{n:02}")
        person = factories.PersonFactory(region=county.county_a)
        factories.PositionFactory(person=person, service_point=station)
        credit(person, (n + 1) * 4 * 60, level="county", on=dt.date(2025, 2, 1))
    worst = dashboards.region_dashboard(
        region=county.county_a, year=2025, today=MID_2025
    ).worst_stations
    assert len(worst) == 10
    shares = [(score.met_percent, -score.behind) for score in worst]
    assert shares == sorted(shares)
    assert "定王台街道社工站" not in [score.name for score in worst]  # 王芳 met her hours


def test_city_dashboard_lists_worst_stations_of_every_county_below(client, county):
    admin = region_admin(county.city)
    page = _region_page(client, admin, county.city)
    worst = page[page.index('<section class="worst"') : page.index("</section>")]
    assert "坡子街街道社工站" in worst and "定王台第二社工站" in worst
    assert "逐月进度图在县（区）和乡镇（街道）页面显示" in page


def _page_queries(client, region) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("quotas:region", args=[region.pk]), {"year": "2025"})
    assert response.status_code == 200
    return len(context.captured_queries)


def test_region_page_queries_do_not_grow_from_3_to_30_stations(
    client, county, zhang_min, credit, django_assert_max_num_queries
):
    def add_stations(count):
        for n in range(count):
            station = factories.ServicePointFactory(region=county.town_a)
            person = factories.PersonFactory(region=county.county_a)
            factories.PositionFactory(person=person, service_point=station)
            credit(person, 60 * (n % 5 + 1), level="city", on=dt.date(2025, 1 + n % 12, 1))

    add_stations(1)  # stations A and C and one more
    client.force_login(zhang_min.user)
    _page_queries(client, county.county_a)  # the rule book loads once per process
    three = _page_queries(client, county.county_a)
    add_stations(27)
    _page_queries(client, county.county_a)  # the new stations counted once (rollups)
    with django_assert_max_num_queries(three):
        thirty = _page_queries(client, county.county_a)
    assert thirty == three <= 25


def test_region_page_renders_with_no_rule_in_force(client, tree, wang_fang, zhang_min):
    page = _region_page(client, zhang_min.user, tree.county_a)
    assert "2025 年本辖区没有生效的规则" in page
    assert "status-legend" in page and '<figure class="chart">' not in page


def test_region_page_after_the_plan_ended(client, hunan_plan, wang_fang, zhang_min):
    """Hunan's plan ends in 2023: 2025 has no Hunan rule, and the page says so."""
    page = _region_page(client, zhang_min.user, wang_fang.region)
    assert "施行期已结束" in page


def test_station_page_has_bars_and_legend(client, county, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(
        reverse("quotas:station", args=[county.station_a.pk]), {"year": "2025"}
    ).content.decode()
    assert "status-legend" in page and "status-bar status-met" in page
    assert '<label for="year-filter">' in page


def test_region_page_sends_anonymous_to_sign_in(client, county):
    response = client.get(reverse("quotas:region", args=[county.county_a.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["chen_jing", "wang_fang"])
def test_worst_station_pages_are_hidden_from_the_wrong_user(client, request, county, who):
    """Another county's administrator, and a worker of another station, see neither the
    county's dashboard nor a station it lists."""
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(reverse("quotas:region", args=[county.county_a.pk])).status_code == 404
    station = reverse("quotas:station", args=[county.station_c.pk])
    assert client.get(station).status_code == 404
