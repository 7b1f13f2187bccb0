"""The second factor (allauth.mfa, TOTP with recovery codes): who must have one, and the QR code.

Region administrators and superusers must activate TOTP before using the portal or the back
office (MFA_REQUIRED_FOR_ADMINS); everyone else may.
"""

import io

import segno
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import Exists, OuterRef

from accounts.models import RoleGrant, User
from accounts.roles import Role


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        """The otpauth:// QR code as a standalone SVG (allauth shows it as a data: image), drawn
        by segno, the certificates' QR library."""
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False)
        return buffer.getvalue().decode()


def totp_setup_due(*, user: User) -> bool:
    """Whether `user` must activate TOTP before anything else: a superuser or a holder of an
    active region-administrator grant without a TOTP authenticator. One query."""
    if not settings.MFA_REQUIRED_FOR_ADMINS or not user.is_authenticated:
        return False
    region_admin = RoleGrant.objects.filter(
        user=OuterRef("pk"), role=Role.REGION_ADMIN, revoked_at__isnull=True
    )
    totp = Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
    row = User.objects.filter(pk=user.pk).values_list(Exists(region_admin), Exists(totp)).first()
    if row is None:
        return False
    is_region_admin, has_totp = row
    return (user.is_superuser or is_region_admin) and not has_totp
