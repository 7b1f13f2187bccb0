"""A worker killed mid-batch, and a full disk while storing a certificate PDF."""

import datetime as dt
import errno

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from core.storage import AtomicFileSystemStorage
from credentials import batches, pdf, services, verification
from credentials.models import Certificate, CertificateBatch
from tests.faults.conftest import files_under


class KilledWorker(BaseException):
    """Stands for SIGKILL: nothing in the code under test may catch it."""


class DiskFullContent(ContentFile):
    """Yields its first chunk, then fails the way a full disk does."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7 half"
        raise OSError(errno.ENOSPC, "No space left on device")


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_leaves_no_partial_file(media):
    storage = AtomicFileSystemStorage(location=media)
    with pytest.raises(OSError, match="No space"):
        storage.save("certificates/x.pdf", DiskFullContent(b""))
    assert files_under(media) == []
    assert storage.save("certificates/x.pdf", ContentFile(b"%PDF")) == "certificates/x.pdf"
    assert files_under(media) == ["certificates/x.pdf"]


def test_batch_killed_mid_render_resumes_without_duplicates(
    staffed, tree, zhang_min, monkeypatch, media
):
    batch = CertificateBatch.objects.create(
        region=tree.county_a, year=2025, created_by=zhang_min.user
    )
    real = pdf.certificate_pdf
    renders = {"n": 0}

    def killed_on_the_third(certificate):
        renders["n"] += 1
        if renders["n"] == 3:
            raise KilledWorker
        return real(certificate)

    monkeypatch.setattr(pdf, "certificate_pdf", killed_on_the_third)
    with pytest.raises(KilledWorker):
        batches.batch_run(batch_id=batch.pk, requeue=False)
    issued = Certificate.objects.filter(batch=batch)
    assert issued.count() == 3 and issued.filter(pdf="").count() == 1  # issued, not rendered
    pending = issued.get(pdf="")
    assert verification.certificate_by_code(pending.code) is None  # not shown as issued
    assert all(name.endswith(".pdf") for name in files_under(media))

    monkeypatch.setattr(pdf, "certificate_pdf", real)
    batches.batch_run(batch_id=batch.pk, requeue=False)  # the task runs again
    batch.refresh_from_db()
    assert (batch.status, batch.issued, batch.done) == ("done", 4, 4)
    holders = list(issued.values_list("holder_id", flat=True))
    assert len(holders) == len(set(holders)) == 4
    assert not issued.filter(pdf="").exists()
    assert verification.certificate_by_code(pending.code) is not None


@pytest.mark.django_db
def test_disk_full_records_nothing_as_issued_and_renders_later(
    staffed, zhang_min, client, monkeypatch, caplog, media
):
    person = staffed[0]
    certificate = services.hour_certificate_issue(
        person=person,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        issued_by=zhang_min.user,
        batch=None,
    )
    monkeypatch.setattr(AtomicFileSystemStorage, "_save", disk_full)
    with pytest.raises(OSError):
        services.certificate_render(certificate_id=certificate.pk)
    assert "disk full" in caplog.text and "left pending" in caplog.text
    certificate.refresh_from_db()
    assert (certificate.pdf.name, certificate.pdf_sha256) == ("", "")
    assert files_under(media) == []
    assert verification.certificate_by_code(certificate.code) is None
    client.force_login(person.user)
    assert client.get(reverse("credentials:download", args=[certificate.pk])).status_code == 404

    monkeypatch.undo()  # space freed; the sweep renders it
    later = timezone.now() + dt.timedelta(minutes=10)
    assert services.certificates_unrendered_render(now=later) == 1
    certificate.refresh_from_db()
    assert certificate.pdf and certificate.pdf_sha256
    assert client.get(reverse("credentials:download", args=[certificate.pk])).status_code == 200
