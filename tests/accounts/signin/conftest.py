import pytest
from allauth.mfa.totp.internal import auth as totp_auth

from tests.accounts.signin.support import NOW


@pytest.fixture(autouse=True)
def mfa_required(settings):
    """The suite signs administrators in with force_login and turns the requirement off."""
    settings.MFA_REQUIRED_FOR_ADMINS = True


class FrozenClock:
    @staticmethod
    def time() -> float:
        return NOW


@pytest.fixture(autouse=True)
def totp_clock(monkeypatch):
    """TOTP codes are checked against a fixed time, so a test never straddles two periods."""
    monkeypatch.setattr(totp_auth, "time", FrozenClock)
