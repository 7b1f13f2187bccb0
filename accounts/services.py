import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import Invitation, RoleGrant, User
from audit.services import audit_record
from directory.models import Person, Region, ServicePoint, University
from outbox.services import mail_queue

Scope = Region | ServicePoint | University


def _scope_fields(target: Scope) -> dict:
    return {
        "region": target if isinstance(target, Region) else None,
        "service_point": target if isinstance(target, ServicePoint) else None,
        "university": target if isinstance(target, University) else None,
    }


@transaction.atomic
def role_grant_create(
    *, user: User, role: str, target: Scope, granted_by: User | None
) -> RoleGrant:
    """Give `user` a role over `target`; an identical active grant is returned, not doubled."""
    fields = _scope_fields(target)
    existing = RoleGrant.objects.filter(
        user=user, role=role, revoked_at__isnull=True, **fields
    ).first()
    if existing:
        return existing
    grant = RoleGrant.objects.create(user=user, role=role, granted_by=granted_by, **fields)
    audit_record(actor=granted_by, verb="role_grant.create", target=grant, after={"role": role})
    scope.forget_grants(user)
    return grant


@transaction.atomic
def role_grant_revoke(*, grant: RoleGrant, revoked_by: User) -> RoleGrant:
    """End a grant; the row stays as history."""
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
        audit_record(actor=revoked_by, verb="role_grant.revoke", target=grant)
        scope.forget_grants(grant.user)
    return grant


@transaction.atomic
def invitation_create(
    *,
    email: str,
    role: str,
    target: Scope,
    created_by: User | None,
    person: Person | None = None,
    now: dt.datetime | None = None,
) -> Invitation:
    """Invite someone by e-mail to take `role` over `target`; the link expires."""
    now = now or timezone.now()
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        person=person,
        role=role,
        created_by=created_by,
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.INVITATION_VALID_DAYS),
        **_scope_fields(target),
    )
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:invitation", args=[invitation.token])
    mail_queue(
        to=invitation.email,
        subject=_("[社工站平台] 邀请您开通账号"),
        body=_(
            "您好！\n\n%(inviter)s 邀请您以“%(role)s”身份使用社工站督导与培训平台（%(scope)s）。"
            "\n请在 %(expires)s 之前打开以下链接设置密码：\n%(link)s\n"
        )
        % {
            "inviter": created_by or _("平台管理员"),
            "role": invitation.get_role_display(),
            "scope": target,
            "expires": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M"),
            "link": link,
        },
    )
    audit_record(actor=created_by, verb="invitation.create", target=invitation)
    return invitation


class InvitationError(Exception):
    pass


@transaction.atomic
def invitation_accept(*, token: str, password: str, now: dt.datetime | None = None) -> User:
    """Create (or reuse) the account for an invitation, set its password and grant the role."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None or not invitation.is_usable(now=now):
        raise InvitationError(_("邀请链接无效或已过期，请联系管理员重新发送。"))
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User(email=invitation.email)
        if invitation.person:
            user.last_name = invitation.person.name
    user.set_password(password)
    user.save()
    if invitation.person and invitation.person.user_id is None:
        invitation.person.user = user
        invitation.person.save(update_fields=["user"])
    role_grant_create(
        user=user,
        role=invitation.role,
        target=invitation.scope_target,
        granted_by=invitation.created_by,
    )
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    audit_record(actor=user, verb="invitation.accept", target=invitation)
    return user
