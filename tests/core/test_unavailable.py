"""The database unreachable: 503 with the Chinese page, not a 500; the next request recovers."""

import pytest
from django.db import InterfaceError, OperationalError, connections
from django.test import Client
from django.urls import reverse

from core import unavailable
from tests import factories

PAGE_TEXT = "服务暂时不可用，请稍后再试"


@pytest.fixture
def database_down(monkeypatch):
    """Every new cursor fails as it would with the server gone; `.undo()` brings it back."""

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)
    return monkeypatch


def _assert_unavailable_page(response):
    assert response.status_code == 503
    assert PAGE_TEXT in response.content.decode()
    assert response["Retry-After"] == str(unavailable.RETRY_AFTER_SECONDS)


@pytest.mark.django_db
def test_a_view_that_cannot_reach_the_database_answers_503_then_recovers(client, database_down):
    _assert_unavailable_page(client.get(reverse("competitions:index")))
    database_down.undo()
    assert client.get(reverse("competitions:index")).status_code == 200


@pytest.mark.django_db
def test_a_session_that_cannot_be_loaded_answers_503_then_recovers(monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(factories.UserFactory())
    home = reverse("accounts:home")
    monkeypatch.setattr(connections["default"], "ensure_connection", _refuse_interface)
    _assert_unavailable_page(client.get(home))
    monkeypatch.undo()
    assert client.get(home).status_code == 200


def _refuse_interface(*args, **kwargs):
    raise InterfaceError("connection already closed")


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_unreachable(client, database_down):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "OperationalError"}
    database_down.undo()
    assert client.get(reverse("healthz")).status_code == 200


def test_the_page_is_rendered_without_the_database(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        response = unavailable.unavailable_response()
    assert response.status_code == 503 and PAGE_TEXT in response.content.decode()


def test_other_errors_stay_500(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = unavailable.server_error(rf.get("/"))
    assert response.status_code == 500


def test_database_errors_become_503_in_the_error_handler(rf):
    try:
        raise OperationalError("gone")
    except OperationalError:
        response = unavailable.server_error(rf.get("/"))
    _assert_unavailable_page(response)
