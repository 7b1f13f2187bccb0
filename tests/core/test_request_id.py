"""Every request has an id: on its response and on every log record written while it runs."""

import importlib
import json
import logging
import sys
from logging.config import DictConfigurator

import pytest
from django.db import OperationalError, connections
from django.urls import reverse

from core import request_id

PROXY_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"


@pytest.mark.django_db
def test_the_proxys_id_is_kept_on_the_response(client):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID=PROXY_ID)
    assert response["X-Request-ID"] == PROXY_ID


@pytest.mark.django_db
@pytest.mark.parametrize("sent", [None, "", "short", "bad id\nwith a newline", "x" * 200])
def test_a_missing_or_odd_id_is_replaced_by_a_new_one(client, sent):
    extra = {} if sent is None else {"HTTP_X_REQUEST_ID": sent}
    first = client.get(reverse("healthz"), **extra)["X-Request-ID"]
    second = client.get(reverse("healthz"), **extra)["X-Request-ID"]
    assert len(first) == 32 and first != second and first != sent


def test_records_carry_the_id_of_the_request_they_belong_to():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "message", None, None)
    request_id.RequestIdFilter().filter(record)
    assert record.request_id == request_id.NO_REQUEST
    token = request_id.current_request_id.set(PROXY_ID)
    try:
        request_id.RequestIdFilter().filter(record)
    finally:
        request_id.current_request_id.reset(token)
    assert record.request_id == PROXY_ID


@pytest.mark.django_db
def test_log_lines_of_a_request_carry_its_id(client, caplog, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("down")

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)
    caplog.handler.addFilter(request_id.RequestIdFilter())
    with caplog.at_level(logging.ERROR, logger="core.unavailable"):
        client.get(reverse("competitions:index"), HTTP_X_REQUEST_ID=PROXY_ID)
    ours = [record for record in caplog.records if record.name == "core.unavailable"]
    assert ours and all(record.request_id == PROXY_ID for record in ours)


@pytest.fixture
def production_settings(monkeypatch):
    for name, value in {
        "SECRET_KEY": "s" * 50,
        "FIELD_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWZlcm5ldC1rZXktMzJieXRlcyEhISE=",
        "FIELD_HASH_KEY": "h" * 32,
        "CERTIFICATE_SIGNING_KEY": "ZGV2LW9ubHktY2VydGlmaWNhdGUta2V5LTMyYnl0ZSE=",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)
    return importlib.import_module("config.settings.production")


def test_production_logs_are_json_lines_with_the_request_id(production_settings):
    config = production_settings.LOGGING
    formatter = DictConfigurator(config).configure_formatter(dict(config["formatters"]["json"]))
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "失败 %s", ("x",), None
    )
    token = request_id.current_request_id.set(PROXY_ID)
    try:
        request_id.RequestIdFilter().filter(record)
    finally:
        request_id.current_request_id.reset(token)
    line = json.loads(formatter.format(record))
    assert line["request_id"] == PROXY_ID
    assert line["message"] == "失败 x" and line["level"] == "ERROR"
    assert line["logger"] == "django.request" and "time" in line
    assert config["handlers"]["console"]["filters"] == ["request_id"]
