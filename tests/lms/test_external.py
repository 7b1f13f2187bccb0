import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.models import ExternalTraining, HourEntry
from lms.services import external

PDF = b"%PDF-1.4 evidence"


def _submit(person, **overrides):
    fields = {
        "title": "省社工协会年会",
        "organiser": "省社会工作协会",
        "kind": "continuing",
        "providing_level": "province",
        "starts_on": dt.date(2026, 6, 1),
        "ends_on": dt.date(2026, 6, 2),
        "minutes": 600,
        "evidence": SimpleUploadedFile("证书.pdf", PDF),
    } | overrides
    return external.external_training_submit(person=person, user=person.user, **fields)


@pytest.mark.parametrize(("minutes", "message"), [(0, "大于 0"), (2 * 24 * 60 + 1, "24 小时")])
def test_impossible_hours_refused(wang_fang, minutes, message):
    with pytest.raises(ValidationError, match=message):
        _submit(wang_fang, minutes=minutes)
    assert not ExternalTraining.objects.exists()


def test_approval_enters_ledger_and_mails(wang_fang, zhang_min, django_capture_on_commit_callbacks):
    claim = _submit(wang_fang)
    assert not HourEntry.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        external.external_training_decide(claim=claim, approve=True, decided_by=zhang_min.user)
    entry = HourEntry.objects.get()
    assert (entry.minutes, entry.source, entry.external_id, entry.on) == (
        600,
        "external",
        claim.pk,
        dt.date(2026, 6, 2),
    )
    assert mail.outbox[0].to == [wang_fang.user.email] and "已通过" in mail.outbox[0].subject
    with pytest.raises(ValidationError):
        external.external_training_decide(claim=claim, approve=True, decided_by=zhang_min.user)


def test_rejection_needs_reason_and_credits_nothing(wang_fang, zhang_min):
    claim = _submit(wang_fang)
    with pytest.raises(ValidationError):
        external.external_training_decide(claim=claim, approve=False, decided_by=zhang_min.user)
    external.external_training_decide(
        claim=claim, approve=False, reason="证书不清晰", decided_by=zhang_min.user
    )
    claim.refresh_from_db()
    assert claim.status == "rejected" and claim.reason == "证书不清晰"
    assert not HourEntry.objects.exists()
