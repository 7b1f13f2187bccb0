"""Each role's start page links to the competition pages it may use."""

from django.urls import reverse

from accounts.roles import Role
from tests import factories


def _links(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("accounts:overview")).content.decode()


def test_a_judge_finds_the_review_queue(client, tree):
    judge = factories.UserFactory()
    factories.RoleGrantFactory(user=judge, role=Role.JUDGE, region=tree.city)
    page = _links(client, judge)
    assert reverse("competitions:judge_queue") in page
    assert reverse("competitions:organiser_list") not in page


def test_a_worker_finds_entries_not_judging_or_organising(client, wang_fang):
    page = _links(client, wang_fang.user)
    assert reverse("competitions:my_entries") in page and reverse("competitions:index") in page
    assert reverse("competitions:judge_queue") not in page
    assert reverse("competitions:organiser_list") not in page


def test_a_county_administrator_finds_the_organiser_pages(client, zhang_min):
    assert reverse("competitions:organiser_list") in _links(client, zhang_min.user)
