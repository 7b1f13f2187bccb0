"""Every sign-in, failure, sign-out and second-factor change lands in the audit trail, with no
password or code in it and the typed login masked."""

import json

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from accounts.signin_events import login_masked
from audit.models import AuditEvent
from tests.accounts.signin.support import (
    reauthenticate,
    recovery_codes_of,
    sign_in,
    totp_activate,
    totp_code,
    wrong_code,
)


def _verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True))


def _everything_recorded() -> str:
    rows = [model_to_dict(event) for event in AuditEvent.objects.all()]
    return json.dumps(rows, ensure_ascii=False, default=str)


@pytest.mark.parametrize(
    ("typed", "masked"),
    [
        ("wangfang@example.cn", "wa******@example.cn"),
        ("a@example.cn", "a*@example.cn"),
        (" 13812345678 ", "138****5678"),
        ("12345", "*****"),
        ("", ""),
    ],
)
def test_login_masked(typed, masked):
    assert login_masked(typed) == masked


def test_sign_in_and_sign_out_are_recorded(client, wang_fang):
    sign_in(client, "wangfang@example.cn")
    client.post(reverse("account_logout"))
    signed_in, signed_out = AuditEvent.objects.order_by("pk")
    assert (signed_in.verb, signed_in.actor, signed_in.target_id) == (
        "signin.success",
        wang_fang.user,
        str(wang_fang.user.pk),
    )
    assert signed_in.after == {"ip": "127.0.0.1", "second_factor": False}
    assert (signed_out.verb, signed_out.after["reason"]) == ("signin.signout", "user")


def test_failed_sign_in_names_the_account_but_keeps_no_password(client, wang_fang):
    sign_in(client, "wangfang@example.cn", "secret-typo-4321")
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor, event.target_id) == (
        "signin.failed",
        None,
        str(wang_fang.user.pk),
    )
    assert event.after == {"login": "wa******@example.cn", "ip": "127.0.0.1"}
    assert "secret-typo-4321" not in _everything_recorded()


def test_failed_sign_in_of_an_unknown_address_is_masked(client, db):
    sign_in(client, "nobody.here@example.cn", "guess-1234")
    event = AuditEvent.objects.get()
    assert event.verb == "signin.failed"
    assert event.target_repr == "no*********@example.cn"
    assert "nobody.here" not in _everything_recorded()
    assert "guess-1234" not in _everything_recorded()


def test_failed_sign_in_by_mobile_is_masked(client, wang_fang):
    sign_in(client, wang_fang.mobile, "typo")
    event = AuditEvent.objects.get()
    assert event.target_id == str(wang_fang.user.pk)
    assert event.after["login"] == f"{wang_fang.mobile[:3]}****{wang_fang.mobile[-4:]}"


def test_second_factor_changes_and_uses_are_recorded(
    client, zhang_min, django_capture_on_commit_callbacks
):
    sign_in(client, "zhangmin@example.cn")
    secret = totp_activate(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_generate_recovery_codes"))
    code = recovery_codes_of(zhang_min.user)[0]
    client.post(reverse("account_logout"))
    sign_in(client, "zhangmin@example.cn")
    client.post(reverse("mfa_authenticate"), {"code": wrong_code(secret)})
    client.post(reverse("mfa_authenticate"), {"code": code})
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_deactivate_totp"))

    assert _verbs() == [
        "signin.success",
        "mfa.totp_activated",
        "mfa.recovery_codes_generated",
        "mfa.recovery_codes_regenerated",
        "signin.signout",
        "signin.mfa_failed",
        "mfa.recovery_code_used",
        "signin.success",
        "mfa.totp_deactivated",
        "mfa.recovery_codes_removed",
    ]
    assert (
        AuditEvent.objects.filter(verb="signin.success")
        .order_by("pk")
        .last()
        .after["second_factor"]
    )
    recorded = _everything_recorded()
    assert code not in recorded
    assert totp_code(secret) not in recorded
    assert secret not in recorded


def test_deactivating_totp_brings_the_requirement_back(
    client, zhang_min, django_capture_on_commit_callbacks
):
    sign_in(client, "zhangmin@example.cn")
    totp_activate(client, django_capture_on_commit_callbacks)
    client.post(reverse("mfa_deactivate_totp"))
    assert client.get(reverse("accounts:overview")).url == reverse("mfa_activate_totp")
