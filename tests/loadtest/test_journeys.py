"""The load test's journeys ask for pages that exist, and read the forms the portal renders."""

import pytest
from django.urls import resolve, reverse

from loadtest import journeys

SAMPLE_ARGS = {"region": 7, "code": "ABCD2345EFGH"}


@pytest.mark.parametrize(
    "page",
    [page for pages in journeys.JOURNEYS.values() for page in pages],
    ids=lambda page: page.route,
)
def test_every_page_resolves(page):
    args = [SAMPLE_ARGS[page.arg]] if page.arg else []
    path = reverse(page.route, args=args)
    assert resolve(path).view_name == page.route


def test_sign_in_steps_and_session_log_resolve():
    assert resolve(reverse(journeys.SIGN_IN)).url_name == journeys.SIGN_IN
    assert resolve(reverse(journeys.SECOND_FACTOR)).url_name == journeys.SECOND_FACTOR
    path = reverse(journeys.SESSION_LOG, args=[7])
    assert journeys.LOG_LINK.findall(f'<a href="{path}">') == ["7"]


def test_sign_in_form_carries_a_csrf_token(client):
    page = client.get(reverse(journeys.SIGN_IN)).content.decode()
    assert journeys.hidden_value(page, journeys.CSRF)


def test_supervisor_finds_the_log_form_and_its_fields(client, li_qiang_profile, wang_fang, tree):
    client.force_login(li_qiang_profile.person.user)
    stations = client.get(reverse("supervision:my_stations")).content.decode()
    assert journeys.LOG_LINK.findall(stations) == [str(tree.station_a.pk)]

    page = client.get(reverse(journeys.SESSION_LOG, args=[tree.station_a.pk])).content.decode()
    assert journeys.hidden_value(page, journeys.CSRF)
    assert len(journeys.hidden_value(page, journeys.FORM_KEY)) == 32
    assert journeys.hidden_value(page, journeys.WORKER_MINUTES) == f"minutes_{wang_fang.pk}"
    assert journeys.selected_option(page, "providing_level") == "city"
    assert journeys.selected_option(page, "form")


def test_selected_option_prefers_the_selected_one():
    html = '<select name="x"><option value="">—</option><option value="a">A</option>'
    assert journeys.selected_option(html + "</select>", "x") == "a"
    html += '<option value="b" selected>B</option></select>'
    assert journeys.selected_option(html, "x") == "b"


def test_a_missing_field_is_an_error():
    with pytest.raises(ValueError):
        journeys.hidden_value("<form></form>", journeys.FORM_KEY)
