"""The mixed load: workers, supervisors, county administrators and the public (docs/deploy.md,
"Load test"). `loadtest/run.sh` runs it; by hand:

    locust -f loadtest/locustfile.py --headless -u 50 -r 5 --run-time 90s --host http://127.0.0.1:8000

Each simulated person signs in once (on_start) and then opens pages of their journey
(loadtest/journeys.py) with one to three seconds between them. Accounts, the counties and the
certificate codes come from the plan that `python -m loadtest.prepare` wrote (LOAD_PLAN).
Requests say `X-Forwarded-Proto: https`, as nginx does, so the production settings serve them.
"""

import datetime as dt
import itertools
import json
import os
import random
import time
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from zoneinfo import ZoneInfo

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
django.setup()

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value  # noqa: E402
from django.urls import reverse  # noqa: E402
from locust import FastHttpUser, between, events  # noqa: E402

from loadtest import journeys, report  # noqa: E402

PLAN_PATH = Path(os.environ.get("LOAD_PLAN", "var/loadtest/plan.json"))
SHANGHAI = ZoneInfo("Asia/Shanghai")
TOTP_PERIOD_SECONDS = 30
SIGNING_IN = ("workers", "burst", "supervisors", "county_admins")  # the plan's account lists


def load_plan() -> dict:
    """The plan from `loadtest.prepare`; empty lists when there is none (imports in tests)."""
    if PLAN_PATH.exists():
        return json.loads(PLAN_PATH.read_text())
    return {"password": "", **{name: [] for name in (*SIGNING_IN, "codes")}}


PLAN = load_plan()
ACCOUNTS = {name: itertools.cycle(PLAN[name]) for name in SIGNING_IN}
RECORDS = report.Records()


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now, made by allauth's own TOTP function."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD_SECONDS))


class PortalUser(FastHttpUser):
    """Signs in once, then opens the pages of `journey` by their weights."""

    abstract = True
    journey = ""
    accounts = ""  # which list of the plan the sign-in comes from
    wait_time = between(1, 3)
    default_headers = {"X-Forwarded-Proto": "https"}  # as nginx says to gunicorn

    def on_start(self):
        # TLS ends at nginx in production; here the cookies marked Secure travel over plain
        # HTTP to gunicorn, so the jar must send them back all the same.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("https", "http")))
        self.args = {"code": lambda: random.choice(PLAN["codes"])}  # noqa: S311
        if self.accounts:
            self.account = next(ACCOUNTS[self.accounts])
            self.sign_in()

    def name(self, step: str) -> str:
        return f"{self.journey} {step}"

    def form_headers(self, path: str) -> dict:
        """What a browser sends with a form: the origin Django's CSRF check compares."""
        origin = self.host.replace("http://", "https://", 1)
        return {"Origin": origin, "Referer": origin + path}

    def post_form(self, path: str, step: str, fields: dict, *, expect: str | None = None):
        """GET the form at `path`, POST `fields` with its CSRF token; a success is a redirect
        (to `expect` when given). Returns where the response redirects to ("" if nowhere)."""
        page = self.client.get(path, name=self.name(f"{step} form")).text
        fields = {"csrfmiddlewaretoken": journeys.hidden_value(page, journeys.CSRF), **fields}
        with self.client.post(
            path,
            data=fields,
            name=self.name(step),
            headers=self.form_headers(path),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = (response.headers or {}).get("Location", "")  # none: connection lost
            if response.status_code != 302 or (expect and not location.startswith(expect)):
                response.failure(f"{step}: {response.status_code} → {location or 'no redirect'}")
        return location

    def sign_in(self) -> None:
        """Sign in (and through the second step when asked); a person refused tries again
        before their next page, so one refusal counts once, not again on every page."""
        self.signed_in = False
        location = self.post_form(
            reverse(journeys.SIGN_IN),
            report.SIGN_IN,
            {"login": self.account["email"], "password": PLAN["password"]},
        )
        if location.startswith(reverse(journeys.SECOND_FACTOR)):
            location = self.second_factor(location)
        self.signed_in = location.startswith(reverse("accounts:home"))

    def second_factor(self, path: str) -> str:
        return self.post_form(
            path,
            report.SECOND_FACTOR,
            {"code": totp_code(self.account["totp_secret"])},
            expect=reverse("accounts:home"),
        )

    def open(self, page: journeys.Page) -> None:
        """GET the page; anything but a 200 (a redirect to sign in, a 403) is an error."""
        if self.accounts and not self.signed_in:
            self.sign_in()
            return
        args = [self.args[page.arg]()] if page.arg else []
        path = reverse(page.route, args=args)
        name = self.name(page.route)
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{page.route}: {response.status_code}")


def page_tasks(pages: tuple[journeys.Page, ...]) -> dict:
    """Locust tasks, one per page, weighted."""

    def task_for(page):
        def visit(user):
            user.open(page)

        visit.__name__ = page.route
        return visit

    return {task_for(page): page.weight for page in pages}


class Worker(PortalUser):
    """A township social worker: home, hours, quota progress, courses."""

    weight = 6
    journey = "worker"
    accounts = "workers"
    tasks = page_tasks(journeys.WORKER)


class Supervisor(PortalUser):
    """A supervisor: their stations and sessions, and now and then logs a session held today."""

    weight = 2
    journey = "supervisor"
    accounts = "supervisors"

    stations = None  # the ids of the stations they may log at, read from their list

    def log_session(self):
        if not self.signed_in:
            self.sign_in()
            return
        if self.stations is None:
            page = self.client.get(reverse("supervision:my_stations"), name=self.name("stations"))
            self.stations = journeys.LOG_LINK.findall(page.text)
        if not self.stations:
            return
        path = reverse(journeys.SESSION_LOG, args=[random.choice(self.stations)])  # noqa: S311
        page = self.client.get(path, name=self.name("session log form")).text
        started_at = dt.datetime.now(SHANGHAI) - dt.timedelta(hours=2)
        fields = {
            "csrfmiddlewaretoken": journeys.hidden_value(page, journeys.CSRF),
            "key": journeys.hidden_value(page, journeys.FORM_KEY),
            "started_at": started_at.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "60",
            "form": journeys.selected_option(page, "form"),
            "providing_level": journeys.selected_option(page, "providing_level"),
            "status": "held",
            "topic": "个案督导（负载测试）",
            journeys.hidden_value(page, journeys.WORKER_MINUTES): "60",
        }
        with self.client.post(
            path,
            data=fields,
            name=self.name("session log"),
            headers=self.form_headers(path),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"session not logged: {response.status_code}")

    tasks = {**page_tasks(journeys.SUPERVISOR), log_session: 1}


class CountyAdmin(PortalUser):
    """A county civil-affairs administrator (TOTP required): the county's dashboard and lists."""

    weight = 1
    journey = "county"
    accounts = "county_admins"
    tasks = page_tasks(journeys.COUNTY)

    def on_start(self):
        super().on_start()
        self.args["region"] = lambda: self.account["region_id"]


class Verifier(PortalUser):
    """An employer checking a certificate: no account."""

    weight = 1
    journey = "verifier"
    tasks = page_tasks(journeys.VERIFIER)


@events.request.add_listener
def record(*, name, start_time, response_time, exception, **_kwargs):
    RECORDS.add(
        name=name, started_at=start_time, milliseconds=response_time, failed=exception is not None
    )


@events.quitting.add_listener
def summarise(environment, **_kwargs):
    """Print the figures per journey; any error makes the run fail."""
    for line in report.summary_lines(RECORDS):
        print(line)  # noqa: T201
    if RECORDS.errors():
        environment.process_exit_code = 1
