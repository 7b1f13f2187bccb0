"""Signing in through the real forms, with TOTP codes computed from the secret at a fixed time."""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal import auth as totp_auth
from django.urls import reverse

PASSWORD = "pass-1234"
NOW = 1_800_000_000.0  # the TOTP clock, frozen by the `totp_clock` fixture


def sign_in(client, login: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def totp_code(secret: str, *, at: float = NOW) -> str:
    counter = int(at) // 30
    return totp_auth.format_hotp_value(totp_auth.hotp_value(secret, counter))


def wrong_code(secret: str) -> str:
    return f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"


def reauthenticate(client, password: str = PASSWORD) -> None:
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response.content.decode()[:800]


def totp_activate(client, capture) -> str:
    """Sets up TOTP for the signed-in user through the setup page (re-entering the password
    first, as allauth asks before any change to the second factor); returns the secret."""
    reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[totp_auth.SECRET_SESSION_KEY]
    with capture(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:800]
    return secret


def recovery_codes_of(user) -> list[str]:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return RecoveryCodes(authenticator).get_unused_codes()
