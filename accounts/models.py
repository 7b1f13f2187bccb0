import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role


class UserManager(DjangoUserManager):
    """Users are identified by e-mail; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A login. Sign-in is by e-mail or by the mobile number of the linked person."""

    username = None
    email = models.EmailField(_("电子邮箱"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.last_name}{self.first_name}".strip()


class RoleGrant(models.Model):
    """A role for a user over one scope: a region subtree, a service point or a university."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("用户"),
    )
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("区域（含下级）"),
    )
    service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("服务站点"),
    )
    university = models.ForeignKey(
        "directory.University",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("高校"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("授权人"),
    )
    granted_at = models.DateTimeField(_("授权时间"), default=timezone.now)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    region__isnull=False, service_point__isnull=True, university__isnull=True
                )
                | Q(region__isnull=True, service_point__isnull=False, university__isnull=True)
                | Q(region__isnull=True, service_point__isnull=True, university__isnull=False),
                name="role_grant_exactly_one_scope",
                violation_error_message=_("授权必须且只能指定一个区域、站点或高校。"),
            ),
        ]
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.scope}"

    @property
    def scope(self):
        return self.region or self.service_point or self.university


def invitation_token_hash(token: str) -> str:
    """Invitations keep only this digest: the token itself is in the e-mail and nowhere else."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An expiring link that gives a role: to a new account, which sets its password, or to an
    existing account once its owner has signed in (its password is never touched)."""

    email = models.EmailField(_("电子邮箱"))
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("人员"),
    )
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    region = models.ForeignKey(
        "directory.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    service_point = models.ForeignKey(
        "directory.ServicePoint", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    university = models.ForeignKey(
        "directory.University", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("有效期至"))
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("邀请")
        verbose_name_plural = _("邀请")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    region__isnull=False, service_point__isnull=True, university__isnull=True
                )
                | Q(region__isnull=True, service_point__isnull=False, university__isnull=True)
                | Q(region__isnull=True, service_point__isnull=True, university__isnull=False),
                name="invitation_exactly_one_scope",
                violation_error_message=_("邀请必须且只能指定一个区域、站点或高校。"),
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def scope_target(self):
        return self.region or self.service_point or self.university

    def is_usable(self, *, now) -> bool:
        return self.accepted_at is None and now < self.expires_at
