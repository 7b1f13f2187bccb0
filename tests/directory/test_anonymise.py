"""`manage.py anonymise_people`: people past the retention period lose name, numbers and birth
date to a stable pseudonym; their records and certificates stay."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from credentials import services as credential_services
from credentials import verification
from credentials.models import Certificate
from directory import rules
from directory.models import Person
from lms.models import HourEntry
from tests import factories

LONG_AGO = dt.date(2015, 6, 30)


@pytest.fixture
def former_worker(tree):
    """赵前: left station A in 2015, account closed, with hours and a certificate."""
    person = factories.PersonFactory(name="赵前", region=tree.county_a, born_on=dt.date(1980, 7, 9))
    person.user = factories.UserFactory(is_active=False)
    person.save()
    factories.PositionFactory(
        person=person,
        service_point=tree.station_a,
        starts_on=dt.date(2012, 1, 1),
        ends_on=LONG_AGO,
    )
    HourEntry.objects.create(
        person=person,
        on=dt.date(2014, 3, 1),
        minutes=600,
        kind="continuing",
        providing_level="county",
        source="adjustment",
        reason="测试",
    )
    credential_services.certificate_issue(
        holder=person,
        kind=Certificate.Kind.HOURS,
        starts_on=dt.date(2014, 1, 1),
        ends_on=dt.date(2014, 12, 31),
        snapshot={"title": "2014 年度学时证明", "holder": {"name": "赵前"}},
        issued_by=None,
        render_after_commit=False,
    )
    return Person.objects.get(pk=person.pk)


def run(*args) -> str:
    out = StringIO()
    call_command("anonymise_people", *args, stdout=out)
    return out.getvalue()


def test_former_worker_is_pseudonymised_and_records_stay(former_worker, wang_fang):
    old_id, old_mobile = former_worker.id_number, former_worker.mobile

    output = run("--years", "5")

    assert "1 people anonymised" in output
    person = Person.objects.get(pk=former_worker.pk)
    assert person.name.startswith("匿名人员-") and person.anonymised_at is not None
    assert (person.id_number, person.mobile, person.mobile_hash) == ("", "", None)
    assert person.born_on == dt.date(1980, 1, 1)
    assert not Person.objects.with_id_number(old_id).exists()
    assert not Person.objects.with_mobile(old_mobile).exists()
    assert HourEntry.objects.filter(person=person).count() == 1
    assert person.positions.count() == 1
    event = AuditEvent.objects.get(verb="person.anonymise")
    assert event.target_id == str(person.pk) and event.after["pseudonym"] == person.name
    assert Person.objects.get(pk=wang_fang.pk).name == "王芳"


def test_certificate_still_verifies_with_its_frozen_snapshot(former_worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    certificate = Certificate.objects.get(holder=former_worker)
    credential_services.certificate_render(certificate_id=certificate.pk)  # issued: PDF stored

    run("--years", "5")

    found = verification.certificate_by_code(certificate.code)
    payload = verification.public_payload(found)
    assert payload["status"] == certificate.status
    assert payload["holder"] == {"name": "赵前"}  # as issued and signed


def test_pseudonym_is_stable_and_two_people_stay_unique(former_worker, tree):
    other = factories.PersonFactory(region=tree.county_a)
    factories.PositionFactory(
        person=other, service_point=tree.station_a, starts_on=dt.date(2010, 1, 1), ends_on=LONG_AGO
    )

    run("--years", "5")
    names = set(Person.objects.filter(anonymised_at__isnull=False).values_list("name", flat=True))
    run("--years", "5")

    assert len(names) == 2
    assert names == set(
        Person.objects.filter(anonymised_at__isnull=False).values_list("name", flat=True)
    )
    assert AuditEvent.objects.filter(verb="person.anonymise").count() == 2


def test_dry_run_changes_nothing(former_worker):
    output = run("--years", "5", "--dry-run")

    assert f"would anonymise person {former_worker.pk}" in output
    assert Person.objects.get(pk=former_worker.pk).name == "赵前"
    assert not AuditEvent.objects.filter(verb="person.anonymise").exists()


@pytest.mark.parametrize("why_kept", ["active_account", "recent_position", "open_position"])
def test_people_still_within_retention_are_kept(former_worker, tree, why_kept):
    if why_kept == "active_account":
        former_worker.user.is_active = True
        former_worker.user.save()
    else:
        ends_on = None if why_kept == "open_position" else timezone.localdate()
        factories.PositionFactory(
            person=former_worker,
            service_point=tree.station_b,
            starts_on=dt.date(2020, 1, 1),
            ends_on=ends_on,
        )

    run("--years", "5")

    assert Person.objects.get(pk=former_worker.pk).name == "赵前"


def test_retention_cutoff_on_a_leap_day():
    assert rules.retention_cutoff(today=dt.date(2024, 2, 29), years=5) == dt.date(2019, 2, 28)
