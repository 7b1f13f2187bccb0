"""The locustfiles import, and every simulated user has something to do (no load is run)."""

import importlib

import pytest

from loadtest import journeys


@pytest.fixture
def locust_modules(monkeypatch):
    """The locustfile and the burst scenario, imported without gevent patching this process."""
    monkeypatch.setenv("LOCUST_SKIP_MONKEY_PATCH", "1")
    return importlib.import_module("loadtest.locustfile"), importlib.import_module("loadtest.burst")


def test_user_classes_cover_the_four_journeys(locust_modules):
    locustfile, _burst = locust_modules
    classes = [
        locustfile.Worker,
        locustfile.Supervisor,
        locustfile.CountyAdmin,
        locustfile.Verifier,
    ]
    assert {cls.journey for cls in classes} == set(journeys.JOURNEYS)
    for cls in classes:  # locust expands the weighted tasks into a list
        routes = {page.route for page in journeys.JOURNEYS[cls.journey]}
        assert {task.__name__ for task in cls.tasks} >= routes
    assert locustfile.Supervisor.log_session in locustfile.Supervisor.tasks


def test_burst_adds_forty_sign_ins_to_fifty_browsing(locust_modules):
    _locustfile, burst = locust_modules
    shape = burst.Burst()
    shape.get_run_time = lambda: 0
    users, _rate, classes = shape.tick()
    assert users == 50 and burst.SignInBurst not in classes
    shape.get_run_time = lambda: burst.BURST_AT_SECONDS
    assert shape.tick() == (90, 40, [burst.SignInBurst])
    shape.get_run_time = lambda: burst.RUN_SECONDS
    assert shape.tick() is None


def test_totp_code_is_the_one_allauth_accepts(locust_modules):
    from allauth.mfa.totp.internal.auth import generate_totp_secret, validate_totp_code

    locustfile, _burst = locust_modules
    secret = generate_totp_secret()
    assert validate_totp_code(secret, locustfile.totp_code(secret))
