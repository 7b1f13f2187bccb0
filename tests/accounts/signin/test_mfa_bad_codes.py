"""The second step of sign-in and the TOTP setup given garbage for a code (SQL, script, NUL
bytes, very long, letters) or a code from another time: refused on the page, never a 500, never
signed in, no authenticator saved."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts.signin.support import (
    NOW,
    reauthenticate,
    sign_in,
    signed_in,
    totp_activate,
    totp_code,
)

GARBAGE = ["' OR 1=1 --", "<script>alert(1)</script>", "12\x003456", "1" * 10_000, "abcdef", ""]


@pytest.mark.parametrize("code", GARBAGE)
def test_garbage_codes_at_sign_in_are_refused(
    client, zhang_min, django_capture_on_commit_callbacks, code
):
    sign_in(client, "zhangmin@example.cn")
    totp_activate(client, django_capture_on_commit_callbacks)
    client.post(reverse("account_logout"))
    sign_in(client, "zhangmin@example.cn")
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("at", [NOW - 3600, NOW + 3600])
def test_a_code_from_another_hour_is_refused(
    client, zhang_min, django_capture_on_commit_callbacks, at
):
    sign_in(client, "zhangmin@example.cn")
    secret = totp_activate(client, django_capture_on_commit_callbacks)
    client.post(reverse("account_logout"))
    sign_in(client, "zhangmin@example.cn")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret, at=at)})
    assert not signed_in(client)


@pytest.mark.parametrize("code", [*GARBAGE, "forged"])
def test_setup_with_a_forged_code_saves_no_authenticator(client, zhang_min, code):
    sign_in(client, "zhangmin@example.cn")
    reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    if code == "forged":
        code = totp_code("JBSWY3DPEHPK3PXP")  # a code for some other secret
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=zhang_min.user).exists()
