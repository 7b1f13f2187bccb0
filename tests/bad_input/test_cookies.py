"""Tampered cookies: a session, CSRF, language or messages cookie that was altered, is garbage or
was signed with another key is ignored. Pages answer as to a visitor who is signed out (public
pages 200, private ones a redirect to sign in), never a 500."""

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings

PUBLIC = "/verify/"
PRIVATE = "/me/overview/"
GARBAGE = [
    "x",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%00%ff%fe",
    "9" * 4000,
    "😀中文".encode().decode("latin-1"),  # as a WSGI server hands over UTF-8 bytes
]


def _other_key(value: str) -> str:
    return signing.dumps(value, key="another-secret-key", salt="django.contrib.sessions")


def _altered(value: str) -> str:
    return value[:-1] + ("a" if value[-1] != "a" else "b")


@pytest.mark.parametrize("tamper", [_altered, _other_key, *[lambda _, g=g: g for g in GARBAGE]])
def test_tampered_session_cookie_signs_out(client, wang_fang, tamper):
    client.force_login(wang_fang.user)
    assert client.get(PRIVATE).status_code == 200
    name = settings.SESSION_COOKIE_NAME
    client.cookies[name] = tamper(client.cookies[name].value)
    private = client.get(PRIVATE)
    assert private.status_code == 302
    assert private["Location"].startswith("/accounts/login/")
    assert client.get(PUBLIC).status_code == 200


@pytest.mark.parametrize("value", GARBAGE)
@pytest.mark.parametrize("cookie", ["csrftoken", "django_language"])
def test_garbage_csrf_or_language_cookie_is_ignored(client, wang_fang, cookie, value):
    client.cookies[cookie] = value
    response = client.get(PUBLIC)
    assert response.status_code == 200
    assert "证明查验" in response.content.decode()  # the default language: Chinese
    client.force_login(wang_fang.user)
    client.cookies[cookie] = value
    assert client.get(PRIVATE).status_code == 200


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_csrf_cookie_refuses_the_form_with_the_chinese_page(db, value):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = value
    response = client.post("/accounts/login/", {"login": "a@example.cn", "password": "x"})
    assert response.status_code == 403
    assert "表单已失效" in response.content.decode()


def _messages_cookie(*, secret: str) -> str:
    """A messages cookie as Django writes it, signed with `secret`."""
    with override_settings(SECRET_KEY=secret):
        storage = CookieStorage(HttpRequest())
        response = HttpResponse()
        storage._store([Message(constants.INFO, "<script>alert(1)</script>")], response)
        return response.cookies["messages"].value


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(lambda: _messages_cookie(secret="another-secret-key"), id="other-key"),
        pytest.param(lambda: _altered(_messages_cookie(secret=settings.SECRET_KEY)), id="altered"),
        *[pytest.param(lambda g=g: g, id=f"garbage{i}") for i, g in enumerate(GARBAGE)],
    ],
)
def test_tampered_messages_cookie_shows_no_message(client, wang_fang, value):
    client.force_login(wang_fang.user)
    client.cookies["messages"] = value()
    for path in (PUBLIC, PRIVATE):
        response = client.get(path)
        assert response.status_code == 200
        assert "alert(1)" not in response.content.decode()


def test_a_genuine_messages_cookie_is_shown_escaped(client, wang_fang):
    client.force_login(wang_fang.user)
    client.cookies["messages"] = _messages_cookie(secret=settings.SECRET_KEY)
    body = client.get(PRIVATE).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body
