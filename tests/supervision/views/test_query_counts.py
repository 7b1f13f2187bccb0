"""List pages keep a constant number of queries however many rows there are (STYLE.md §7)."""

import datetime as dt

import pytest
from django.urls import reverse

from supervision import services
from tests import factories
from tests.supervision.conftest import at, log


@pytest.fixture
def many_sessions(tree, li_qiang_profile, wang_fang, liu_yang):
    """60 sessions (more than a page), a third disputed, with a locked year per station."""
    sessions = []
    start = at(2025, 1, 6)
    for n in range(60):
        session = log(
            tree,
            li_qiang_profile,
            [(wang_fang, 60), (liu_yang, 45)],
            duration=60,
            when=start + dt.timedelta(days=n * 5),
        )
        sessions.append(session)
        if n % 3 == 0:
            services.supervisee_dispute(
                supervisee=session.supervisees.get(person=wang_fang),
                reason="时长不符",
                disputed_by=wang_fang.user,
            )
    for n in range(55):
        point = factories.ServicePointFactory(region=tree.town_a, name=f"测试站{n}")
        services.year_close(service_point=point, year=2025, closed_by=None)
    return sessions


PAGES = [
    ("my_sessions", "li_qiang", [], "?year=2025"),
    ("received", "wang_fang", [], "?year=2025"),
    ("station_sessions", "zhao_lei", ["station_a"], "?year=2025"),
    ("grid", "zhang_min", [], "?year=2025"),
    ("disputes", "zhang_min", [], ""),
    ("supervisors", "zhang_min", [], ""),
    ("locks", "zhang_min", [], ""),
    ("my_stations", "li_qiang", [], ""),
    ("profiles", "zhang_min", [], ""),
]


@pytest.mark.parametrize(("route", "who", "args", "query"), PAGES)
def test_list_queries_do_not_grow(
    client,
    request,
    many_sessions,
    tree,
    zhao_lei,
    route,
    who,
    args,
    query,
    django_assert_max_num_queries,
):
    client.force_login(request.getfixturevalue(who).user)
    url = reverse(f"supervision:{route}", args=[getattr(tree, a).pk for a in args]) + query
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(url + ("&" if query else "?") + "page=2").status_code == 200
