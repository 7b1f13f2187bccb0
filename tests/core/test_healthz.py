import pytest
from django.urls import reverse

from core import views
from tests import factories


@pytest.mark.django_db
def test_healthz_is_200_when_everything_is_up(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] and body["cache"]["ok"] and body["queue"]["ok"]


class BrokenCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("cache down")


class BrokenBroker:
    def ping(self):
        raise ConnectionError("broker down")


@pytest.mark.django_db
def test_healthz_is_503_when_the_cache_is_down(client, monkeypatch):
    monkeypatch.setattr(views, "cache", BrokenCache())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["cache"] == {"ok": False, "error": "ConnectionError"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_queue_is_down(client, monkeypatch):
    monkeypatch.setattr(views, "get_broker", BrokenBroker)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["queue"]["ok"] is False


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db.utils import OperationalError

    def broken(*args, **kwargs):
        raise OperationalError("database down")

    monkeypatch.setattr(views.connection, "cursor", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": "203.0.113.9"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"},
    ],
)
def test_the_public_sees_the_status_only(client, meta):
    response = client.get(reverse("healthz"), **meta)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_staff_see_details_from_anywhere(client):
    client.force_login(factories.UserFactory(is_staff=True))
    body = client.get(reverse("healthz"), REMOTE_ADDR="203.0.113.9").json()
    assert body["database"]["vendor"] and "queued" in body["queue"]


@pytest.mark.django_db
def test_a_failure_is_503_without_details_for_the_public(client, monkeypatch):
    monkeypatch.setattr(views, "cache", BrokenCache())
    response = client.get(reverse("healthz"), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 503 and response.json() == {"status": "down"}
