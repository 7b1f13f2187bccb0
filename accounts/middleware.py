"""Sign-in security that applies to every request: idle administrators are signed out, and
administrators without a second factor are sent to set one up (accounts.mfa)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts import scope
from accounts.mfa import totp_setup_due

SIGNOUT_REASON_ATTRIBUTE = "_signout_reason"  # read by the audit of signing out
LAST_ACTIVITY_KEY = "accounts.last_activity_at"
ACTIVITY_RESOLUTION_SECONDS = 60  # the session is written at most once a minute
TOTP_SETUP_ALLOWED = frozenset(
    {"mfa_activate_totp", "account_reauthenticate", "mfa_reauthenticate", "account_logout"}
)


def activity_record(request) -> None:
    """Stamp the session with the time of this request (epoch seconds)."""
    request.session[LAST_ACTIVITY_KEY] = int(time.time())


def idle_expired(*, last_activity_at: int | None, now: float, idle_minutes: int) -> bool:
    """Whether a session last used at `last_activity_at` has been idle longer than allowed."""
    if not idle_minutes or last_activity_at is None:
        return False
    return now - last_activity_at > idle_minutes * 60


class AdminIdleTimeoutMiddleware:
    """Signs out back-office users (region administrators, editors, superusers) whose session
    saw no request for ADMIN_IDLE_MINUTES, and sends them to the sign-in page with a message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and settings.ADMIN_IDLE_MINUTES:
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            expired = idle_expired(
                last_activity_at=last, now=now, idle_minutes=settings.ADMIN_IDLE_MINUTES
            )
            if expired and scope.may_use_back_office(request.user):
                setattr(request, SIGNOUT_REASON_ATTRIBUTE, "idle")
                logout(request)
                messages.warning(
                    request,
                    _("您已超过 %(minutes)d 分钟没有操作，为保护数据安全已自动退出，请重新登录。")
                    % {"minutes": settings.ADMIN_IDLE_MINUTES},
                )
                return redirect_to_login(request.get_full_path())
            if last is None or now - last >= ACTIVITY_RESOLUTION_SECONDS:
                activity_record(request)
        return self.get_response(request)


class TotpRequiredMiddleware:
    """Region administrators and superusers without TOTP reach only the setup page (and what it
    needs: re-entering the password, signing out); every other page redirects there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.url_name in TOTP_SETUP_ALLOWED:
            return None
        if not hasattr(request, "_totp_setup_due"):
            request._totp_setup_due = totp_setup_due(user=request.user)
        if not request._totp_setup_due:
            return None
        messages.warning(
            request, _("管理员账号须先启用双因素身份认证（身份验证器应用）才能继续使用平台。")
        )
        return redirect("mfa_activate_totp")
