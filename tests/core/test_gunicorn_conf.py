"""The gunicorn configuration: figures from the environment, access lines as JSON."""

import datetime as dt
import json
import logging
import runpy
from pathlib import Path

from django.conf import settings
from gunicorn.config import Config

from core.access_log import JsonAccessLogger, access_record

CONF = Path(settings.BASE_DIR) / "gunicorn.conf.py"


def test_workers_follow_the_cpus_unless_the_environment_says(monkeypatch):
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 2)
    conf = runpy.run_path(str(CONF))
    assert conf["workers"] == 5 and conf["worker_class"] == "gthread" and conf["threads"] == 4
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    conf = runpy.run_path(str(CONF))
    assert (conf["workers"], conf["threads"], conf["timeout"]) == (3, 8, 90)


class Response:
    status = "200 OK"
    sent = 1234
    headers = [("Content-Type", "text/html"), ("X-Request-ID", "abcdef0123456789")]


class Request:
    headers = [("USER-AGENT", 'Mozilla "quoted"'), ("X-FORWARDED-FOR", "203.0.113.9")]


ENVIRON = {
    "REMOTE_ADDR": "127.0.0.1",
    "REQUEST_METHOD": "GET",
    "RAW_URI": "/training/?q=1",
    "PATH_INFO": "/training/",
    "QUERY_STRING": "q=1",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "HTTP_USER_AGENT": 'Mozilla "quoted"',
}


def _logger() -> JsonAccessLogger:
    config = Config()
    config.set("accesslog", "-")
    return JsonAccessLogger(config)


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def test_an_access_line_is_json_with_the_request_id():
    logger, lines = _logger(), Lines()
    logger.access_log.addHandler(lines)
    logger.access(Response(), Request(), ENVIRON, dt.timedelta(milliseconds=42))
    line = json.loads(lines.lines[-1])
    assert line["request_id"] == "abcdef0123456789"
    assert line["status"] == 200 and line["path"] == "/training/" and line["duration_ms"] == 42
    assert line["user_agent"] == 'Mozilla "quoted"' and line["forwarded_for"] == "203.0.113.9"


def test_a_response_without_an_id_logs_a_dash():
    atoms = _logger().atoms(Response(), [], ENVIRON, dt.timedelta(0))
    atoms.pop("{x-request-id}o")
    assert access_record(atoms)["request_id"] == "-"
