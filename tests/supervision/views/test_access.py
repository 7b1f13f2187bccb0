"""Every supervision page: the right person succeeds, someone outside the scope gets 404,
a wrong role 403, and anonymous visitors the login page (STYLE.md §7)."""

import pytest
from django.urls import reverse

# (route, args from fixtures, method, right person, outside scope, wrong role)
PAGES = [
    ("my_stations", [], "get", "li_qiang", None, "wang_fang"),
    ("my_sessions", [], "get", "li_qiang", None, "wang_fang"),
    ("portfolio", [], "get", "li_qiang", None, "zhang_min"),
    ("session_log", ["tree.station_a"], "get", "li_qiang", "chen_jing", "zhang_min"),
    ("session_detail", ["session"], "get", "wang_fang", "chen_jing", "sun_li"),
    ("session_edit", ["session"], "get", "li_qiang", "chen_jing", "zhang_min"),
    ("session_cancel", ["session"], "post", "li_qiang", "chen_jing", "zhang_min"),
    ("session_ics", ["session"], "get", "wang_fang", "chen_jing", "sun_li"),
    ("received", [], "get", "wang_fang", None, "plain_user"),
    ("part_confirm", ["wang_fang_part"], "post", "wang_fang", "chen_jing", "li_qiang"),
    ("part_dispute", ["wang_fang_part"], "get", "wang_fang", "chen_jing", "li_qiang"),
    ("grid", [], "get", "zhang_min", None, "wang_fang"),
    ("station_sessions", ["tree.station_a"], "get", "zhao_lei", "chen_jing", "wang_fang"),
    ("station_archive_pdf", ["tree.station_a"], "get", "zhang_min", "chen_jing", "wang_fang"),
    ("station_archive_xlsx", ["tree.station_a"], "get", "zhang_min", "chen_jing", "wang_fang"),
    ("disputes", [], "get", "zhang_min", None, "li_qiang"),
    ("part_resolve", ["disputed_part"], "get", "zhang_min", "chen_jing", "li_qiang"),
    ("supervisors", [], "get", "zhang_min", None, "li_qiang"),
    ("assignment_new", ["tree.station_a"], "get", "zhang_min", "chen_jing", "li_qiang"),
    ("assignment_end", ["assignment"], "post", "zhang_min", "chen_jing", "li_qiang"),
    ("locks", [], "get", "zhang_min", None, "li_qiang"),
    ("profiles", [], "get", "zhang_min", None, "li_qiang"),
    ("profile_new", [], "get", "zhang_min", None, "wang_fang"),
    ("profile_grade", ["li_qiang_profile"], "get", "zhang_min", "chen_jing", "zhao_lei"),
    ("lock_reopen", ["lock"], "get", "zhang_min", "chen_jing", "li_qiang"),
]


@pytest.fixture
def plain_user():
    from tests import factories

    return factories.UserFactory(email="plain@example.cn")


@pytest.fixture
def assignment(li_qiang_profile):
    return li_qiang_profile.assignments.get()


def _url(request, route, args):
    values = []
    for name in args:
        head, _, attr = name.partition(".")
        value = request.getfixturevalue(head)
        values.append(getattr(value, attr).pk if attr else value.pk)
    if route.startswith("station_archive_"):
        return reverse("supervision:station_archive", args=[*values, 2025, route[-4:].strip("_")])
    return reverse(f"supervision:{route}", args=values)


def _user(request, who):
    value = request.getfixturevalue(who)
    return getattr(value, "user", value)


def _call(client, method, url):
    return client.post(url) if method == "post" else client.get(url)


@pytest.fixture
def setting(request, session, zhao_lei, sun_li, liu_yang):
    return request


@pytest.mark.parametrize(("route", "args", "method", "right", "outside", "wrong"), PAGES)
def test_right_person(client, setting, route, args, method, right, outside, wrong):
    url = _url(setting, route, args)
    client.force_login(_user(setting, right))
    response = _call(client, method, url)
    assert response.status_code == (302 if method == "post" else 200)


@pytest.mark.parametrize(
    ("route", "args", "method", "right", "outside", "wrong"), [p for p in PAGES if p[4]]
)
def test_outside_scope_is_404(client, setting, route, args, method, right, outside, wrong):
    url = _url(setting, route, args)
    client.force_login(_user(setting, outside))
    assert _call(client, method, url).status_code == 404


@pytest.mark.parametrize(("route", "args", "method", "right", "outside", "wrong"), PAGES)
def test_wrong_role_is_403(client, setting, route, args, method, right, outside, wrong):
    url = _url(setting, route, args)
    client.force_login(_user(setting, wrong))
    assert _call(client, method, url).status_code == 403


@pytest.mark.parametrize(("route", "args", "method", "right", "outside", "wrong"), PAGES)
def test_anonymous_goes_to_login(client, setting, route, args, method, right, outside, wrong):
    url = _url(setting, route, args)
    response = _call(client, method, url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_worker_cannot_confirm_a_colleagues_part(client, session, liu_yang, wang_fang_part):
    client.force_login(liu_yang.user)
    assert (
        client.post(reverse("supervision:part_confirm", args=[wang_fang_part.pk])).status_code
        == 404
    )


def test_supervisor_cannot_log_for_a_station_not_assigned(client, li_qiang_profile, tree):
    client.force_login(li_qiang_profile.person.user)
    url = reverse("supervision:session_log", args=[tree.station_b.pk])
    assert client.get(url).status_code == 404
