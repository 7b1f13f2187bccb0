"""Certificates: issue a frozen snapshot, render once, revoke with a reason, supersede."""

import datetime as dt
import errno
import hashlib
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.conflicts import refused_on_conflict
from core.ratelimit import mask_ip
from core.tasks import enqueue_on_commit
from credentials import codes, pdf, snapshots
from credentials.models import Certificate, ShareLink, VerificationEvent

logger = logging.getLogger(__name__)

ISSUED_MEANWHILE = "issued_meanwhile"


def _unique_short_code() -> str:
    for _attempt in range(5):
        short = codes.new_short_code()
        if not Certificate.objects.filter(short_code=short).exists():
            return short
    raise IntegrityError("no free short code")


@transaction.atomic
def certificate_issue(
    *,
    holder,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    snapshot: dict,
    issued_by,
    supersede: Certificate | None = None,
    batch=None,
    subject: str = "",
    render_after_commit: bool = True,
) -> Certificate:
    """Freeze `snapshot` in a new certificate and render its PDF after commit.

    With `supersede`, the older certificate is marked superseded and the new one points at it;
    without it, a second current certificate for the same holder, kind and period is refused
    (ValidationError with code ISSUED_MEANWHILE, also when a concurrent request won the race).
    """
    if supersede is not None:
        if not supersede.is_valid:
            raise ValidationError(_("只能替换当前有效的证明。"))
        supersede.superseded_at = timezone.now()
        supersede.save(update_fields=["superseded_at"])
    short_code = _unique_short_code()
    message = _("这一期间已有有效的同类证明（可能刚刚由他人出具），请刷新后查看。")
    with refused_on_conflict(message, code=ISSUED_MEANWHILE):
        certificate = Certificate.objects.create(
            kind=kind,
            holder=holder,
            period_starts_on=starts_on,
            period_ends_on=ends_on,
            snapshot=snapshot,
            code=codes.new_code(),
            short_code=short_code,
            issued_by=issued_by,
            issuer_name=settings.CERTIFICATE_ISSUER,
            supersedes=supersede,
            batch=batch,
            subject=subject,
        )
    audit_record(
        actor=issued_by,
        verb="certificate.reissue" if supersede else "certificate.issue",
        target=certificate,
        after={"kind": kind, "period": [str(starts_on), str(ends_on)]},
    )
    if render_after_commit:  # a batch renders its certificates itself
        enqueue_on_commit("credentials.tasks.certificate_render", certificate.pk)
    return certificate


def certificate_render(*, certificate_id: int) -> Certificate:
    """Render and store the PDF once; a certificate that has its PDF is left alone.

    Until its PDF is stored a certificate is pending: it cannot be downloaded or verified.
    When storing fails (disk full) nothing is recorded, the error is logged and raised, and
    rendering it again later (`certificates_unrendered_render`) completes it.
    """
    certificate = Certificate.objects.select_related("holder").get(pk=certificate_id)
    if certificate.pdf:
        return certificate
    body = pdf.certificate_pdf(certificate)
    certificate.pdf_sha256 = hashlib.sha256(body).hexdigest()
    try:
        certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(body), save=False)
    except OSError as error:
        logger.error(
            "certificate %s: PDF not stored (%s), left pending to be rendered again",
            certificate.pk,
            "disk full" if error.errno == errno.ENOSPC else error,
        )
        raise
    Certificate.objects.filter(pk=certificate.pk, pdf="").update(
        pdf=certificate.pdf.name, pdf_sha256=certificate.pdf_sha256
    )
    return certificate


def certificates_unrendered_render(*, now: dt.datetime) -> int:
    """The sweep: render current certificates left without a PDF (render task never queued,
    disk full, worker killed) that are older than the grace period and outside an unfinished
    batch (a batch renders its own when it runs again). Returns how many were rendered."""
    pending = Certificate.objects.filter(
        pdf="",
        superseded_at__isnull=True,
        revoked_at__isnull=True,
        issued_at__lte=now - dt.timedelta(seconds=settings.CERTIFICATE_RENDER_GRACE_SECONDS),
    ).exclude(batch__isnull=False, batch__finished_at__isnull=True)
    rendered = 0
    for certificate_id in pending.values_list("pk", flat=True):
        try:
            certificate_render(certificate_id=certificate_id)
        except OSError:
            break  # logged by certificate_render; the disk will not be freer for the next one
        rendered += 1
    return rendered


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, revoked_by, reason: str) -> Certificate:
    """Revoke with a reason (required); the certificate then verifies as revoked."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("撤销证明必须填写原因。"))
    if certificate.revoked_at:
        raise ValidationError(_("该证明已被撤销。"))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = revoked_by
    certificate.revoke_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit_record(
        actor=revoked_by, verb="certificate.revoke", target=certificate, after={"reason": reason}
    )
    return certificate


def verification_record(*, certificate: Certificate, ip: str, channel: str) -> None:
    VerificationEvent.objects.create(
        certificate=certificate, ip_masked=mask_ip(ip), channel=channel
    )


@transaction.atomic
def share_link_create(*, person, days: int, created_by) -> ShareLink:
    """A link to the person's whole record that works for `days` days (1–90)."""
    if not 1 <= days <= 90:
        raise ValidationError(_("有效天数应在 1 到 90 天之间。"))
    link = ShareLink.objects.create(
        person=person,
        token=secrets.token_urlsafe(24),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit_record(actor=created_by, verb="share_link.create", target=link)
    return link


@transaction.atomic
def share_link_revoke(*, link: ShareLink, revoked_by) -> ShareLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit_record(actor=revoked_by, verb="share_link.revoke", target=link)
    return link


def current_certificate(
    *, holder, kind: str, starts_on: dt.date, ends_on: dt.date, subject: str = ""
):
    return Certificate.objects.filter(
        holder=holder,
        kind=kind,
        period_starts_on=starts_on,
        period_ends_on=ends_on,
        subject=subject,
        superseded_at__isnull=True,
        revoked_at__isnull=True,
    ).first()


def hour_certificate_issue(
    *,
    person,
    starts_on: dt.date,
    ends_on: dt.date,
    issued_by,
    allow_empty: bool = False,
    batch=None,
) -> Certificate:
    """Issue an hour certificate (学时证明) for the period, superseding the current one.

    A period without any hours is refused unless `allow_empty`, and then says so.
    """
    if ends_on < starts_on:
        raise ValidationError(_("截止日期不能早于起始日期。"))
    snapshot = snapshots.hours_snapshot(person=person, starts_on=starts_on, ends_on=ends_on)
    if not any(snapshot["minutes"].values()) and not allow_empty:
        raise ValidationError(_("该期间没有培训或督导学时；如仍需证明“无学时”，请勾选相应选项。"))
    with transaction.atomic():
        existing = current_certificate(
            holder=person, kind=Certificate.Kind.HOURS, starts_on=starts_on, ends_on=ends_on
        )
        return certificate_issue(
            holder=person,
            kind=Certificate.Kind.HOURS,
            starts_on=starts_on,
            ends_on=ends_on,
            snapshot=snapshot,
            issued_by=issued_by,
            supersede=existing,
            batch=batch,
            render_after_commit=batch is None,
        )


def supervision_certificate_issue(*, profile, year: int, issued_by) -> Certificate:
    """Issue a supervisor's yearly 督导服务证明 (R7), superseding the current one."""
    snapshot = snapshots.supervision_given_snapshot(profile=profile, year=year)
    if not snapshot["minutes"]["supervision_given"]:
        raise ValidationError(_("该年度没有经确认的督导记录，无法出具督导服务证明。"))
    starts_on, ends_on = dt.date(year, 1, 1), dt.date(year, 12, 31)
    kind = Certificate.Kind.SUPERVISION_GIVEN
    with transaction.atomic():
        existing = current_certificate(
            holder=profile.person, kind=kind, starts_on=starts_on, ends_on=ends_on
        )
        return certificate_issue(
            holder=profile.person,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            snapshot=snapshot,
            issued_by=issued_by,
            supersede=existing,
        )


def completion_certificate_issue(*, enrolment, issued_by) -> Certificate:
    """A course completion certificate (结业证明) for a run the person completed (R11)."""
    snapshot = snapshots.completion_snapshot(enrolment=enrolment)
    if snapshot is None:
        raise ValidationError(_("尚未达到该期培训的结业要求，不能出具结业证明。"))
    run = enrolment.run
    subject = f"lms-run:{run.pk}"
    kind = Certificate.Kind.COURSE_COMPLETION
    with transaction.atomic():
        existing = current_certificate(
            holder=enrolment.person,
            kind=kind,
            starts_on=run.starts_on,
            ends_on=run.ends_on,
            subject=subject,
        )
        return certificate_issue(
            holder=enrolment.person,
            kind=kind,
            starts_on=run.starts_on,
            ends_on=run.ends_on,
            snapshot=snapshot,
            issued_by=issued_by,
            supersede=existing,
            subject=subject,
        )


def award_certificate_issue(
    *,
    holder,
    competition: str,
    organiser: str,
    entry_title: str,
    award_level: str,
    authorship: str,
    awarded_on: dt.date,
    subject: str,
    issued_by,
) -> Certificate:
    """An award certificate (获奖证明, R14) for one author of an awarded entry, dated the day the
    results became final; `subject` names the entry (e.g. "competition-entry:7"), so a reissue
    supersedes the current one."""
    snapshot = snapshots.award_snapshot(
        person=holder,
        competition=competition,
        organiser=organiser,
        entry_title=entry_title,
        award_level=award_level,
        authorship=authorship,
        awarded_on=awarded_on,
    )
    kind = Certificate.Kind.AWARD
    with transaction.atomic():
        existing = current_certificate(
            holder=holder, kind=kind, starts_on=awarded_on, ends_on=awarded_on, subject=subject
        )
        return certificate_issue(
            holder=holder,
            kind=kind,
            starts_on=awarded_on,
            ends_on=awarded_on,
            snapshot=snapshot,
            issued_by=issued_by,
            supersede=existing,
            subject=subject,
        )


def practicum_certificate_issue(
    *,
    holder,
    university: str,
    school: str,
    programme: str,
    station: str,
    starts_on: dt.date,
    ends_on: dt.date,
    confirmed_minutes: int,
    required_minutes: int,
    field_supervisor: str,
    tutor: str,
    grade: str,
    subject: str,
    issued_by,
) -> Certificate:
    """A practicum certificate (实习证明, R15) for a completed placement, over its period;
    `subject` names the placement record (e.g. "practicum-application:7"), so a reissue
    supersedes the current one. The practicum app decides when a placement is complete."""
    snapshot = snapshots.practicum_snapshot(
        person=holder,
        university=university,
        school=school,
        programme=programme,
        station=station,
        starts_on=starts_on,
        ends_on=ends_on,
        confirmed_minutes=confirmed_minutes,
        required_minutes=required_minutes,
        field_supervisor=field_supervisor,
        tutor=tutor,
        grade=grade,
    )
    kind = Certificate.Kind.PRACTICUM
    with transaction.atomic():
        existing = current_certificate(
            holder=holder, kind=kind, starts_on=starts_on, ends_on=ends_on, subject=subject
        )
        return certificate_issue(
            holder=holder,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            snapshot=snapshot,
            issued_by=issued_by,
            supersede=existing,
            subject=subject,
        )
