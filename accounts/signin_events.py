"""The audit trail of signing in (allauth and Django signals, connected in AccountsConfig.ready):
every sign-in, failed sign-in, sign-out and change to a second factor becomes an AuditEvent.

No password or code is ever recorded. The sign-in typed on a failure is stored masked
(`wa******@example.cn`, `138****5678`): readable enough to spot an attack on one account,
useless as a list of addresses; when it names an account, that account is the event's target.
"""

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import PermissionDenied

from accounts.middleware import SIGNOUT_REASON_ATTRIBUTE, activity_record
from accounts.models import User
from audit.services import audit_record

ADDED_VERBS = {
    Authenticator.Type.TOTP: "mfa.totp_activated",
    Authenticator.Type.RECOVERY_CODES: "mfa.recovery_codes_generated",
}
REMOVED_VERBS = {
    Authenticator.Type.TOTP: "mfa.totp_deactivated",
    Authenticator.Type.RECOVERY_CODES: "mfa.recovery_codes_removed",
}


def login_masked(login: str) -> str:
    """An e-mail address or mobile number with its middle hidden, for the audit trail."""
    login = login.strip()
    name, at, domain = login.partition("@")
    if at:
        return f"{name[:2]}{'*' * max(len(name) - 2, 1)}@{domain}"
    if len(login) > 7:
        return f"{login[:3]}{'*' * (len(login) - 7)}{login[-4:]}"
    return "*" * len(login)


def _client_ip(request) -> str | None:
    """The client's address, or None when the request carries none (a sign-out made by code)."""
    if request is None:
        return None
    try:
        return get_account_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None


def _account_named_by(credentials: dict) -> User | None:
    adapter = get_account_adapter()
    if credentials.get("email"):
        return User.objects.filter(email__iexact=credentials["email"], is_active=True).first()
    if credentials.get("phone"):
        return adapter.get_user_by_phone(credentials["phone"])
    return None


def on_signed_in(sender, request, user, **kwargs) -> None:
    audit_record(
        actor=user,
        verb="signin.success",
        target=user,
        after={"ip": _client_ip(request), "second_factor": is_mfa_enabled(user)},
    )


def on_session_started(sender, request, user, **kwargs) -> None:
    """Every session, however it began, starts its idle clock now."""
    if request is not None and hasattr(request, "session"):
        activity_record(request)


def on_sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    login = credentials.get("email") or credentials.get("phone")
    masked = login_masked(str(login or ""))
    account = _account_named_by(credentials)
    audit_record(
        actor=None,
        verb="signin.failed",
        target=account or User(email=masked),
        after={"login": masked, "ip": _client_ip(request)},
    )


def on_signed_out(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    reason = getattr(request, SIGNOUT_REASON_ATTRIBUTE, "user")
    audit_record(
        actor=user,
        verb="signin.signout",
        target=user,
        after={"reason": reason, "ip": _client_ip(request)},
    )


def on_second_factor_failed(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(
        actor=user,
        verb="signin.mfa_failed",
        target=user,
        after={"type": authenticator.type, "ip": _client_ip(request)},
    )


def on_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(actor=user, verb=ADDED_VERBS[authenticator.type], target=user)


def on_authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(actor=user, verb=REMOVED_VERBS[authenticator.type], target=user)


def on_authenticator_reset(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(actor=user, verb="mfa.recovery_codes_regenerated", target=user)


def on_authenticator_used(sender, request, user, authenticator, **kwargs) -> None:
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        audit_record(
            actor=user,
            verb="mfa.recovery_code_used",
            target=user,
            after={"ip": _client_ip(request)},
        )


def connect() -> None:
    from allauth.account import signals as account_signals
    from allauth.mfa import signals as mfa_signals
    from django.contrib.auth import signals as auth_signals

    account_signals.user_logged_in.connect(on_signed_in, dispatch_uid="audit_signed_in")
    auth_signals.user_logged_in.connect(on_session_started, dispatch_uid="session_started")
    auth_signals.user_login_failed.connect(on_sign_in_failed, dispatch_uid="audit_failed")
    auth_signals.user_logged_out.connect(on_signed_out, dispatch_uid="audit_signed_out")
    mfa_signals.authentication_failed.connect(on_second_factor_failed, dispatch_uid="audit_mfa_f")
    mfa_signals.authenticator_added.connect(on_authenticator_added, dispatch_uid="audit_mfa_add")
    mfa_signals.authenticator_removed.connect(on_authenticator_removed, dispatch_uid="audit_mfa_rm")
    mfa_signals.authenticator_reset.connect(on_authenticator_reset, dispatch_uid="audit_mfa_reset")
    mfa_signals.authenticator_used.connect(on_authenticator_used, dispatch_uid="audit_mfa_used")
