"""Batch issue of hour certificates for a region and year: a django-q2 job that resumes.

Progress is stored on the batch row after every person, so the page can show a bar. A run that
dies part-way is simply run again: people who already hold a current certificate for the year
are skipped (and the database allows one current certificate per person and period), and
certificates issued but left without their PDF (killed mid-render, disk full) are rendered first.
"""

import datetime as dt
import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.links import absolute_url
from core.tasks import enqueue, enqueue_on_commit
from credentials import services
from credentials.models import Certificate, CertificateBatch
from directory import selectors as directory_selectors
from directory.models import Person, Region
from outbox.services import mail_queue


@transaction.atomic
def batch_create(
    *, region: Region, year: int, created_by, include_empty: bool = False
) -> CertificateBatch:
    batch = CertificateBatch.objects.create(
        region=region, year=year, created_by=created_by, include_empty=include_empty
    )
    audit_record(actor=created_by, verb="certificate_batch.create", target=batch)
    enqueue_on_commit("credentials.tasks.batch_run", batch.pk)
    return batch


def batch_people(*, batch: CertificateBatch) -> QuerySet[Person]:
    """Everyone with a position in the region's subtree at some point in the year."""
    return directory_selectors.people_placed_in(
        region_path=batch.region.path,
        starts_on=dt.date(batch.year, 1, 1),
        ends_on=dt.date(batch.year, 12, 31),
    )


CHUNK = 200  # people per task run, well inside the task time-out


def batch_run(*, batch_id: int, chunk: int = CHUNK, requeue: bool = True) -> CertificateBatch:
    """Issue up to `chunk` missing certificates, then (with `requeue`) queue the next run; when
    nobody is left, build the ZIP and tell each holder. Safe to run again at any point."""
    batch = CertificateBatch.objects.select_related("region", "created_by").get(pk=batch_id)
    if batch.status == CertificateBatch.Status.DONE:
        return batch
    starts_on, ends_on = dt.date(batch.year, 1, 1), dt.date(batch.year, 12, 31)
    people = list(batch_people(batch=batch))
    holding = set(
        Certificate.objects.filter(
            kind=Certificate.Kind.HOURS,
            period_starts_on=starts_on,
            period_ends_on=ends_on,
            superseded_at__isnull=True,
            revoked_at__isnull=True,
            holder__in=[p.pk for p in people],
        ).values_list("holder_id", flat=True)
    )
    _unrendered_render(batch=batch)
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=CertificateBatch.Status.RUNNING,
        total=len(people),
        done=len(holding) + len(batch.skipped_people),
        issued=_current(batch.certificates.all()).count(),
        started_at=batch.started_at or timezone.now(),
    )
    skipped = set(batch.skipped_people)
    waiting = [p for p in people if p.pk not in holding and p.pk not in skipped]
    for person in waiting[:chunk]:
        _issue_one(batch=batch, person=person, starts_on=starts_on, ends_on=ends_on)
    if len(waiting) > chunk:
        if requeue:
            enqueue("credentials.tasks.batch_run", batch.pk)
        return CertificateBatch.objects.get(pk=batch.pk)
    return _finish(batch_id=batch.pk)


def _current(certificates: QuerySet[Certificate]) -> QuerySet[Certificate]:
    return certificates.filter(superseded_at__isnull=True, revoked_at__isnull=True)


def _unrendered_render(*, batch: CertificateBatch) -> None:
    """Render the batch's certificates that a previous run issued but did not store a PDF for."""
    for certificate_id in _current(batch.certificates.filter(pdf="")).values_list("pk", flat=True):
        services.certificate_render(certificate_id=certificate_id)


def _issue_one(*, batch, person, starts_on, ends_on) -> None:
    try:
        certificate = services.hour_certificate_issue(
            person=person,
            starts_on=starts_on,
            ends_on=ends_on,
            issued_by=batch.created_by,
            allow_empty=batch.include_empty,
            batch=batch,
        )
    except ValidationError as error:
        if error.code == services.ISSUED_MEANWHILE:  # issued by someone else since we looked
            CertificateBatch.objects.filter(pk=batch.pk).update(done=F("done") + 1)
            return
        # no hours, and the batch does not certify "no hours"
        batch.skipped_people.append(person.pk)
        CertificateBatch.objects.filter(pk=batch.pk).update(
            done=F("done") + 1, skipped=F("skipped") + 1, skipped_people=batch.skipped_people
        )
        return
    services.certificate_render(certificate_id=certificate.pk)
    CertificateBatch.objects.filter(pk=batch.pk).update(done=F("done") + 1, issued=F("issued") + 1)


def _finish(*, batch_id: int) -> CertificateBatch:
    batch = CertificateBatch.objects.get(pk=batch_id)
    certificates = _current(batch.certificates.select_related("holder__user"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            name = f"{certificate.holder.name}-{certificate.short_code}.pdf"
            with certificate.pdf.open("rb") as pdf:
                archive.writestr(name, pdf.read())
    mine_url = absolute_url("credentials:mine")
    with transaction.atomic():
        name = f"{batch.region.code}-{batch.year}-{batch.pk}.zip"
        batch.archive.save(name, ContentFile(buffer.getvalue()), save=False)
        batch.status = CertificateBatch.Status.DONE
        batch.finished_at = timezone.now()
        batch.save(update_fields=["archive", "status", "finished_at"])
        for certificate in certificates:
            user = certificate.holder.user
            if user and user.email:
                mail_queue(
                    to=user.email,
                    subject=_("[社工站平台] 您的 %(year)s 年度学时证明已出具")
                    % {"year": batch.year},
                    body=_("您好！您的学时证明已出具，查验码 %(code)s。请登录平台下载：%(url)s")
                    % {"code": certificate.short_code, "url": mine_url},
                )
    return batch
