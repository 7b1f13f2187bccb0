"""The signed-in user's person record: one reader (`person_of_user`), one loader (`own_person`)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import User
from directory.permissions import own_person
from directory.selectors import person_of_user
from tests import factories


def test_person_of_user_is_the_linked_record(wang_fang):
    user = User.objects.get(pk=wang_fang.user_id)
    assert person_of_user(user=user) == wang_fang


def test_person_of_user_is_none_without_a_record(db):
    assert person_of_user(user=factories.UserFactory()) is None


def test_person_of_user_is_none_for_anonymous_visitors():
    assert person_of_user(user=AnonymousUser()) is None


def test_person_of_user_reads_once_per_user_object(wang_fang, django_assert_num_queries):
    user = User.objects.get(pk=wang_fang.user_id)
    with django_assert_num_queries(1):
        person_of_user(user=user)
        person_of_user(user=user)


def test_own_person_refuses_accounts_without_a_record(db):
    with pytest.raises(PermissionDenied):
        own_person(user=factories.UserFactory())


def test_own_person_returns_the_record(wang_fang):
    assert own_person(user=User.objects.get(pk=wang_fang.user_id)) == wang_fang


@pytest.mark.parametrize(
    ("route", "method"),
    [
        ("lms:my_hours", "get"),
        ("lms:my_courses", "get"),
        ("lms:external_new", "get"),
        ("supervision:received", "get"),
    ],
)
def test_pages_about_oneself_refuse_an_account_without_a_person(client, db, route, method):
    client.force_login(factories.UserFactory())
    assert getattr(client, method)(reverse(route)).status_code == 403


def test_start_page_without_a_person_hides_the_pages_about_oneself(client, db):
    client.force_login(factories.UserFactory())
    page = client.get(reverse("accounts:home")).content.decode()
    assert reverse("supervision:received") not in page
    assert reverse("lms:my_hours") not in page


def test_start_page_with_a_person_links_the_pages_about_oneself(client, wang_fang):
    client.force_login(wang_fang.user)
    page = client.get(reverse("accounts:home")).content.decode()
    assert reverse("supervision:received") in page
    assert reverse("lms:my_hours") in page
