"""The progress page names the worker's R23 route and first exam year with the national rule's
wording, or what is missing; it shows only the signed-in worker's own records."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories

URL = reverse("credentials:progress")


def _page(client, person) -> str:
    client.force_login(person.user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_r23_page_names_route_year_and_citation(client, wang_fang):
    page = _page(client, wang_fang)  # social-work bachelor, in post since 1 May 2021
    assert "按“社会工作专业本科 + 3 年”报考" in page
    first_year = max(2024, timezone.localdate().year)
    assert f"最早可报考 {first_year} 年度的考试" in page
    assert "第十二条（三）取得社会工作专业大学本科学历，从事社会工作满3年" in page
    assert "截止日期为考试报名年度当年年底" in page


def test_r23_page_gives_a_future_year(client, tree):
    this_year = timezone.localdate().year
    person = factories.PersonFactory(
        region=tree.county_a,
        education="college",
        social_work_major=False,
        user=factories.UserFactory(),
    )
    factories.PositionFactory(
        person=person, service_point=tree.station_a, starts_on=dt.date(this_year, 2, 1)
    )
    page = _page(client, person)
    assert "按“其他专业大专 + 6 年”报考" in page
    assert f"最早可报考 {this_year + 6} 年度的考试" in page
    assert "（六）取得其他专业大专及以上学历或学位" in page


ENDED = {"starts_on": dt.date(2020, 1, 1), "ends_on": dt.date(2021, 12, 31)}


@pytest.mark.parametrize(
    ("education", "position", "says"),
    [
        ("bachelor", None, "档案中没有可计入的任职记录"),
        ("bachelor", ENDED, "算到离任社会工作年限仍不满 3 年"),
        ("secondary", {}, "档案中还没有助理社会工作师证书"),
        ("junior", {}, "档案中的学历为“初中及以下”，不符合报考条件"),
    ],
)
def test_r23_page_says_what_is_missing(client, tree, education, position, says):
    person = factories.PersonFactory(
        region=tree.county_a, education=education, user=factories.UserFactory()
    )
    if position is not None:
        factories.PositionFactory(person=person, service_point=tree.station_a, **position)
    page = _page(client, person)
    assert says in page
    assert "最早可报考" not in page


def test_r23_page_shows_only_the_own_record(client, wang_fang, chen_jing):
    client.force_login(chen_jing.user)
    page = client.get(URL, {"person": wang_fang.pk}).content.decode()
    assert "最早可报考" not in page  # 陈静 has no position; 王芳's year is not shown
    assert "档案中没有可计入的任职记录" in page


def test_progress_refuses_users_without_a_person_record(client, tree):
    client.force_login(factories.UserFactory())
    assert client.get(URL).status_code == 403


def test_progress_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
