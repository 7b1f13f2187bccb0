import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from lms import permissions
from lms.models import ExternalTraining, HourEntry
from lms.services import external
from tests import factories

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
        external.external_training_decide(
            claim=claim, approve=True, decided_by=zhang_min.user, providing_level="county"
        )
    entry = HourEntry.objects.get()
    assert (entry.minutes, entry.source, entry.external_id, entry.on, entry.providing_level) == (
        600,
        "external",
        claim.pk,
        dt.date(2026, 6, 2),
        "county",
    )
    assert mail.outbox[0].to == [wang_fang.user.email] and "已通过" in mail.outbox[0].subject
    with pytest.raises(ValidationError):
        external.external_training_decide(
            claim=claim, approve=True, decided_by=zhang_min.user, providing_level="county"
        )


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


@pytest.fixture
def city_admin(tree):
    """Civil-affairs administrator of the city above counties A and B."""
    user = factories.UserFactory(email="city@example.cn")
    factories.RoleGrantFactory(user=user, role=Role.REGION_ADMIN, region=tree.city)
    return user


def test_r12_county_approver_cannot_credit_city_level(wang_fang, zhang_min):
    claim = _submit(wang_fang, providing_level="city")
    with pytest.raises(ValidationError, match="本级或下级"):
        external.external_training_decide(
            claim=claim, approve=True, decided_by=zhang_min.user, providing_level="city"
        )
    claim.refresh_from_db()
    assert claim.status == "submitted" and not HourEntry.objects.exists()


def test_r12_county_approver_credits_county_instead(wang_fang, zhang_min):
    claim = _submit(wang_fang, providing_level="city")
    external.external_training_decide(
        claim=claim, approve=True, decided_by=zhang_min.user, providing_level="county"
    )
    claim.refresh_from_db()
    assert claim.providing_level == "county"
    assert HourEntry.objects.get().providing_level == "county"


def test_r12_city_approver_credits_city_level(wang_fang, city_admin):
    claim = _submit(wang_fang, providing_level="city")
    external.external_training_decide(
        claim=claim, approve=True, decided_by=city_admin, providing_level="city"
    )
    assert HourEntry.objects.get().providing_level == "city"


def test_r12_station_head_cannot_credit_county_level(wang_fang, station_head):
    claim = _submit(wang_fang, providing_level="county")
    with pytest.raises(ValidationError, match="本级或下级"):
        external.external_training_decide(
            claim=claim, approve=True, decided_by=station_head.user, providing_level="county"
        )
    external.external_training_decide(
        claim=claim, approve=True, decided_by=station_head.user, providing_level="township"
    )
    assert HourEntry.objects.get().providing_level == "township"


def test_r12_approval_needs_a_level(wang_fang, zhang_min):
    claim = _submit(wang_fang)
    with pytest.raises(ValidationError, match="本级或下级"):
        external.external_training_decide(claim=claim, approve=True, decided_by=zhang_min.user)
    assert not HourEntry.objects.exists()


def test_r13_only_grants_over_the_claims_person_count(tree, wang_fang, station_head, city_admin):
    """A user heading station A and administering county B credits wang_fang's claim only at
    the station's level: the county-B grant does not reach her."""
    claim = _submit(wang_fang)
    factories.RoleGrantFactory(user=station_head.user, role=Role.REGION_ADMIN, region=tree.county_b)
    assert permissions.levels_approver_may_credit(user=station_head.user, claim=claim) == {
        "township"
    }
    assert permissions.levels_approver_may_credit(user=city_admin, claim=claim) == {
        "city",
        "county",
        "township",
    }
