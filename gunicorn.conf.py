"""Gunicorn for the portal: `gunicorn -c gunicorn.conf.py config.wsgi` (docs/deploy.md).

Every figure comes from the environment so that load tests can tune it without an edit.
Threaded workers (gthread): a sign-in spends some 40 ms of a core checking its password (Argon2id,
accounts/hashers.py), in one thread, not a whole worker, so a room signing in together does not
stall other pages. The load test (loadtest/run.sh, docs/deploy.md) measures these figures.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 60)  # a worker silent this long is killed and replaced
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, with jitter so that they do not all restart together.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# The proxy on this machine sets X-Forwarded-For/-Proto; trust only it.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to stdout/stderr for the service manager; access lines as JSON with the request id.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "core.access_log.JsonAccessLogger"
