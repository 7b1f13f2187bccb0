"""django-allauth glue: no open sign-up, and sign-in by mainland mobile number."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.utils.translation import gettext_lazy as _

from directory import identity
from directory.selectors import person_of_user, person_with_active_account


class MobileField(forms.CharField):
    """An 11-digit mainland mobile number, with or without +86."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("手机号"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return identity.parse_mobile(value)
        except identity.IdentityError:
            raise forms.ValidationError(
                _("手机号应为 11 位中国大陆手机号。"), code="invalid_phone"
            ) from None


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "此账号在本设备所在网络登录失败次数过多，已暂停登录：请 5 分钟后再试（多次失败需等待"
            "一小时），或通过“忘记密码”重设密码。其他同事的登录不受影响。"
        ),
    }

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed sign-ins are counted per account *and* address (ACCOUNT_RATE_LIMITS "key"):
        typos in one office never lock its colleagues out, and nobody elsewhere can lock an
        account by failing on purpose. Phone sign-ins count by number, not as one shared key."""
        login = credentials.get("email") or credentials.get("phone") or ""
        return f"{login.lower()}|{self.get_client_ip(request)}"

    def is_open_for_signup(self, request) -> bool:
        """Accounts come from an administrator, a bulk import or an invitation."""
        return False

    def phone_form_field(self, **kwargs):
        return MobileField(**kwargs)

    def get_user_by_phone(self, phone: str):
        """The active account of the person with this mobile number, however it was typed."""
        try:
            phone = identity.parse_mobile(phone)
        except identity.IdentityError:
            return None
        person = person_with_active_account(mobile=phone)
        return person.user if person else None

    def get_phone(self, user):
        person = person_of_user(user=user)
        return (person.mobile, True) if person and person.mobile else None

    def set_phone(self, user, phone: str, verified: bool) -> None:
        """Mobile numbers belong to the person record and change only through the directory."""

    def set_phone_verified(self, user, phone: str) -> None:
        """Numbers are entered by administrators, so they count as verified."""

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        """No SMS gateway: phone verification is off (ACCOUNT_PHONE_VERIFICATION_ENABLED)."""
        raise NotImplementedError("SMS verification is disabled")
