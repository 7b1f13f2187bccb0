"""Deciding external training on the approvals page: the level offered and enforced is the
approver's own or below (R12, R13)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from lms.models import ExternalTraining, HourEntry
from tests import factories


@pytest.fixture
def claim(wang_fang):
    return ExternalTraining.objects.create(
        person=wang_fang,
        title="市社工协会督导培训",
        organiser="市社会工作协会",
        kind="practice",
        providing_level="city",
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 1, 5),
        minutes=120,
        evidence=SimpleUploadedFile("e.pdf", b"%PDF-1"),
    )


def _options(page: str) -> set[str]:
    return {
        level for level in ("province", "city", "county", "township") if f'value="{level}"' in page
    }


def test_r12_county_approver_is_offered_county_or_below(client, claim, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(reverse("lms:approvals")).content.decode()
    assert "市社工协会督导培训" in page
    assert _options(page) == {"county", "township"}


def test_r12_forged_city_level_post_is_refused(client, claim, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("lms:external_decide", args=[claim.pk])
    response = client.post(url, {"approve": "1", "providing_level": "city"}, follow=True)
    assert "本级或下级" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "submitted" and not HourEntry.objects.exists()


def test_r12_county_approver_approves_at_county_level(client, claim, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("lms:external_decide", args=[claim.pk])
    client.post(url, {"approve": "1", "providing_level": "county"})
    assert HourEntry.objects.get().providing_level == "county"


def test_r12_city_approver_approves_at_city_level(client, tree, claim):
    user = factories.UserFactory()
    factories.RoleGrantFactory(user=user, role=Role.REGION_ADMIN, region=tree.city)
    client.force_login(user)
    assert _options(client.get(reverse("lms:approvals")).content.decode()) == {
        "city",
        "county",
        "township",
    }
    client.post(
        reverse("lms:external_decide", args=[claim.pk]), {"approve": "1", "providing_level": "city"}
    )
    assert HourEntry.objects.get().providing_level == "city"


def test_r12_station_head_cannot_post_county_level(client, claim, station_head):
    client.force_login(station_head.user)
    assert _options(client.get(reverse("lms:approvals")).content.decode()) == {"township"}
    url = reverse("lms:external_decide", args=[claim.pk])
    response = client.post(url, {"approve": "1", "providing_level": "county"}, follow=True)
    assert "本级或下级" in response.content.decode()
    assert not HourEntry.objects.exists()


def test_rejection_needs_no_level(client, claim, station_head):
    client.force_login(station_head.user)
    url = reverse("lms:external_decide", args=[claim.pk])
    client.post(url, {"approve": "0", "reason": "证明不清晰"})
    claim.refresh_from_db()
    assert claim.status == "rejected"


@pytest.mark.parametrize(("who", "status"), [("chen_jing", 404), ("li_qiang", 403)])
def test_decide_refuses_wrong_user(client, request, claim, who, status):
    client.force_login(request.getfixturevalue(who).user)
    url = reverse("lms:external_decide", args=[claim.pk])
    assert client.post(url, {"approve": "1", "providing_level": "township"}).status_code == status
    assert not HourEntry.objects.exists()
