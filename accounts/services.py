import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import Invitation, RoleGrant, User, invitation_token_hash
from audit.services import audit_record
from core.links import absolute_url
from directory.models import Person, Region, ServicePoint, University
from directory.selectors import person_of_user
from outbox.services import mail_queue

Scope = Region | ServicePoint | University


def _scope_fields(target: Scope) -> dict:
    return {
        "region": target if isinstance(target, Region) else None,
        "service_point": target if isinstance(target, ServicePoint) else None,
        "university": target if isinstance(target, University) else None,
    }


class GrantRefused(PermissionDenied):
    """The grantor may not give this role over this target (outside their scope or above them)."""


def _check_may_grant(*, grantor: User | None, role: str, target: Scope) -> None:
    """Only the system (no grantor) or someone who may grant this role over `target` grants it."""
    if grantor is not None and not scope.may_grant(user=grantor, role=role, target=target):
        raise GrantRefused(_("您无权在此范围授予该角色。"))


@transaction.atomic
def role_grant_create(
    *, user: User, role: str, target: Scope, granted_by: User | None
) -> RoleGrant:
    """Give `user` a role over `target`; an identical active grant is returned, not doubled."""
    _check_may_grant(grantor=granted_by, role=role, target=target)
    fields = _scope_fields(target)
    existing = RoleGrant.objects.filter(
        user=user, role=role, revoked_at__isnull=True, **fields
    ).first()
    if existing:
        return existing
    grant = RoleGrant.objects.create(user=user, role=role, granted_by=granted_by, **fields)
    audit_record(actor=granted_by, verb="role_grant.create", target=grant, after={"role": role})
    scope.forget_grants(user)
    _grants_changed(user=user)
    return grant


@transaction.atomic
def role_grant_revoke(*, grant: RoleGrant, revoked_by: User) -> RoleGrant:
    """End a grant; the row stays as history."""
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
        audit_record(actor=revoked_by, verb="role_grant.revoke", target=grant)
        scope.forget_grants(grant.user)
        _grants_changed(user=grant.user)
    return grant


def _grants_changed(*, user: User) -> None:
    """Call each of settings.ROLE_GRANTS_CHANGED_HOOKS with the user's id, in the grant's
    transaction: the back office's editor groups follow (cms.services.editors). Accounts names
    the hooks in settings and never imports the apps that follow it."""
    for hook in settings.ROLE_GRANTS_CHANGED_HOOKS:
        import_string(hook)(user_id=user.pk)


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
    """Invite someone by e-mail to take `role` over `target`; the link expires.

    The token goes into the e-mail only; the invitation keeps its hash, so nobody can read it
    back. An e-mail that already has an account gets the role once its owner signs in.
    """
    _check_may_grant(grantor=created_by, role=role, target=target)
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        person=person,
        role=role,
        token_hash=invitation_token_hash(token),
        created_by=created_by,
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.INVITATION_VALID_DAYS),
        **_scope_fields(target),
    )
    mail_queue(
        to=invitation.email,
        subject=_("[社工站平台] 邀请您使用社工站督导与培训平台"),
        body=_(
            "您好！\n\n%(inviter)s 邀请您以“%(role)s”身份使用社工站督导与培训平台（%(scope)s）。"
            "\n请在 %(expires)s 之前打开以下链接：新账号在此设置密码；已有账号请登录后接受邀请。"
            "\n%(link)s\n"
        )
        % {
            "inviter": created_by or _("平台管理员"),
            "role": invitation.get_role_display(),
            "scope": target,
            "expires": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M"),
            "link": absolute_url("accounts:invitation", token),
        },
    )
    audit_record(actor=created_by, verb="invitation.create", target=invitation)
    return invitation


class InvitationError(Exception):
    pass


def invitation_pending(*, token: str, now: dt.datetime | None = None) -> Invitation | None:
    """The usable invitation behind `token`, or None."""
    invitation = Invitation.objects.filter(token_hash=invitation_token_hash(token)).first()
    if invitation is None or not invitation.is_usable(now=now or timezone.now()):
        return None
    return invitation


def invitation_account(invitation: Invitation) -> User | None:
    """The existing account the invitation's e-mail belongs to, if any."""
    return User.objects.filter(email__iexact=invitation.email).first()


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    signed_in: User | None = None,
    password: str | None = None,
    now: dt.datetime | None = None,
) -> User:
    """Grant the invitation's role and return the account that received it.

    A new e-mail gets a new account with `password`. An e-mail that already has an account gets
    the role only when that account's owner is `signed_in`; its password is never touched.
    """
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update()
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )
    if invitation is None or not invitation.is_usable(now=now):
        raise InvitationError(_("邀请链接无效或已过期，请联系管理员重新发送。"))
    user = invitation_account(invitation)
    if user is None:
        if not password:
            raise InvitationError(_("请设置密码。"))
        user = User(email=invitation.email)
        if invitation.person:
            user.last_name = invitation.person.name
        user.set_password(password)
        user.save()
    elif signed_in is None or signed_in.pk != user.pk:
        raise InvitationError(_("此邀请发给已有账号：请用受邀的邮箱登录后再接受邀请。"))
    unlinked = invitation.person is not None and invitation.person.user_id is None
    if unlinked and person_of_user(user=user) is None:
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
