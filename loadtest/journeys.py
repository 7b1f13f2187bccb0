"""What each kind of simulated user asks for, by route name, and how pages are read.

Plain data and text parsing, no locust: the tests check that every route here resolves, and
the locustfile turns each list into weighted tasks.
"""

import re
from dataclasses import dataclass

SIGN_IN = "account_login"
SECOND_FACTOR = "mfa_authenticate"
SESSION_LOG = "supervision:session_log"


@dataclass(frozen=True)
class Page:
    """One page a user opens now and then: `weight` against the others of the same journey;
    `arg` names the id from the load plan that fills the route ("region", "code"), if any."""

    route: str
    weight: int
    arg: str | None = None


WORKER = (
    Page("accounts:home", 3),
    Page("lms:my_hours", 3),
    Page("quotas:mine", 2),
    Page("lms:catalogue", 1),
    Page("credentials:mine", 1),
)
SUPERVISOR = (
    Page("supervision:my_stations", 2),
    Page("supervision:my_sessions", 2),
    Page("accounts:home", 1),
)
COUNTY = (
    Page("quotas:region", 3, arg="region"),
    Page("supervision:grid", 1),
    Page("lms:people_hours", 1),
    Page("accounts:overview", 1),
)
VERIFIER = (
    Page("credentials:verify_start", 1),
    Page("credentials:verify", 3, arg="code"),
    Page("credentials:verify_json", 1, arg="code"),
)
JOURNEYS = {"worker": WORKER, "supervisor": SUPERVISOR, "county": COUNTY, "verifier": VERIFIER}

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_KEY = re.compile(r'name="key" value="([0-9a-f]+)"')
WORKER_MINUTES = re.compile(r'name="(minutes_\d+)"')
LOG_LINK = re.compile(r'href="/supervision/stations/(\d+)/log/"')


def hidden_value(html: str, pattern: re.Pattern) -> str:
    """The first group of `pattern` in `html`; ValueError when the page lacks it."""
    found = pattern.search(html)
    if found is None:
        raise ValueError(f"page lacks {pattern.pattern}")
    return found.group(1)


def selected_option(html: str, name: str) -> str:
    """The value a `<select name=…>` has selected, else its first option's."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.DOTALL)
    if select is None:
        raise ValueError(f"page lacks <select name={name}>")
    options = re.findall(r'<option value="([^"]*)"( selected)?', select.group(1))
    chosen = [value for value, selected in options if selected and value]
    return chosen[0] if chosen else next(value for value, _selected in options if value)
