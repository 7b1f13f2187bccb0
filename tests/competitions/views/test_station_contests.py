"""A station head organises a local contest through the organiser's pages (R14); the head of
another station and the station's workers are refused."""

import datetime as dt

import pytest
from django.urls import reverse

from competitions.models import Assignment, Competition, Criterion
from tests.competitions.conftest import IN_REVIEW, OPEN, make_competition
from tests.competitions.views.scenario import submitted

FORM = {
    "title": "定王台街道社工站优秀案例分享",
    "kind": "case",
    "rules": "本站驻站社工及社区社工室社工均可参加。",
    "award_levels": "优秀案例 2",
    "entries_per_author": 1,
    "method": "mean",
    "tie_rule": "shared",
    "judges_per_entry": 1,
    "entries_per_judge": 10,
    "blind": "on",
    "submissions_open_at": "2026-03-01T09:00",
    "submissions_close_at": "2026-03-11T09:00",
    "review_closes_at": "2026-03-21T09:00",
}
RUBRIC = {
    "criteria-TOTAL_FORMS": 1,
    "criteria-INITIAL_FORMS": 0,
    "criteria-0-name": "专业性",
    "criteria-0-weight": 1,
    "criteria-0-min_score": 0,
    "criteria-0-max_score": 10,
}
ORGANISER_PAGES = (
    "organiser_detail",
    "organiser_edit",
    "organiser_rubric",
    "organiser_judges",
    "organiser_ranking",
    "organiser_objections",
)


def _url(name, *args):
    return reverse(f"competitions:{name}", args=args)


def test_a_station_head_creates_opens_and_runs_a_local_contest(
    client, tree, heads, wang_fang, judges, clock
):
    client.force_login(heads.a.user)
    clock(OPEN - dt.timedelta(days=3))
    page = client.get(_url("organiser_new")).text
    assert f'value="station-{tree.station_a.pk}"' in page
    assert 'value="region-' not in page and f"station-{tree.station_b.pk}" not in page
    organiser = {"organiser": f"station-{tree.station_a.pk}"}
    response = client.post(_url("organiser_new"), {**FORM, **organiser})
    competition = Competition.objects.get()
    assert response["Location"] == _url("organiser_detail", competition.pk)
    assert competition.organiser_service_point == tree.station_a
    client.post(_url("organiser_rubric", competition.pk), RUBRIC)
    assert list(Criterion.objects.values_list("name", flat=True)) == ["专业性"]
    clock(OPEN - dt.timedelta(days=1))
    client.post(_url("organiser_publish", competition.pk))
    competition.refresh_from_db()
    assert competition.published_at is not None
    assert competition.title in client.get(_url("organiser_list")).text

    entry = submitted(competition, wang_fang)
    clock(IN_REVIEW)
    assert entry.code in client.get(_url("organiser_judges", competition.pk)).text
    client.post(
        _url("organiser_assign", competition.pk), {"entry": entry.pk, "judge": judges.expert.pk}
    )
    assert Assignment.objects.get().judge == judges.expert
    for name in ORGANISER_PAGES:
        assert client.get(_url(name, competition.pk)).status_code == 200, name
    assert client.get(_url("organiser_reveal", entry.pk)).status_code == 200


@pytest.mark.parametrize("organiser", ["station_b", "county_a"])
def test_a_station_head_cannot_choose_another_organiser(client, tree, heads, organiser):
    client.force_login(heads.a.user)
    target = getattr(tree, organiser)
    kind = "station" if organiser.startswith("station") else "region"
    response = client.post(_url("organiser_new"), {**FORM, "organiser": f"{kind}-{target.pk}"})
    assert response.status_code == 200 and "请选择列表中的主办单位" in response.text
    assert not Competition.objects.exists()


def test_a_region_admin_is_offered_their_offices_not_stations(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(_url("organiser_new")).text
    assert f'value="region-{tree.county_a.pk}"' in page and 'value="station-' not in page


def test_another_stations_head_gets_404_and_the_stations_worker_403(
    client, tree, heads, wang_fang, clock
):
    draft = make_competition(heads.a.user, tree.station_a)
    client.force_login(heads.b.user)
    for name in ORGANISER_PAGES:
        assert client.get(_url(name, draft.pk)).status_code == 404, name
    assert client.post(_url("organiser_publish", draft.pk)).status_code == 404
    assert draft.title not in client.get(_url("organiser_list")).text
    client.force_login(wang_fang.user)
    assert client.get(_url("organiser_new")).status_code == 403
    assert client.get(_url("organiser_detail", draft.pk)).status_code == 403


def test_once_published_another_stations_head_still_reaches_no_entry(
    client, tree, heads, wang_fang, clock
):
    """A published contest is public, so its organiser pages are a 403 (as for another county's
    administrator); its entries stay a 404."""
    competition = make_competition(heads.a.user, tree.station_a)
    clock(OPEN - dt.timedelta(days=1))
    client.force_login(heads.a.user)
    client.post(_url("organiser_publish", competition.pk))
    competition.refresh_from_db()
    entry = submitted(competition, wang_fang)
    client.force_login(heads.b.user)
    assert client.get(_url("organiser_detail", competition.pk)).status_code == 403
    assert client.get(_url("organiser_reveal", entry.pk)).status_code == 404


def test_a_station_heads_start_page_links_to_the_organiser_pages(client, heads):
    client.force_login(heads.a.user)
    page = client.get(reverse("accounts:overview")).text
    assert _url("organiser_list") in page


def test_a_station_heads_list_reads_a_fixed_number_of_queries(
    client, tree, heads, clock, django_assert_max_num_queries
):
    for number in range(10):
        make_competition(heads.a.user, tree.station_a, title=f"站内评选{number}")
    client.force_login(heads.a.user)
    with django_assert_max_num_queries(8):
        response = client.get(_url("organiser_list"))
    assert response.text.count("站内评选") == 10
