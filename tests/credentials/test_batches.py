import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from credentials import batches, services, snapshots
from credentials.models import Certificate, CertificateBatch
from lms.models import HourEntry
from tests import factories


@pytest.fixture
def staffed(tree, wang_fang, settings, tmp_path):
    """Station A with 王芳 and four colleagues, all but one with training hours in 2025."""
    settings.MEDIA_ROOT = tmp_path / "media"
    people = [wang_fang]
    for n in range(4):
        person = factories.PersonFactory(region=tree.county_a, name=f"同事{n}")
        factories.PositionFactory(person=person, service_point=tree.station_a)
        people.append(person)
    for person in people[:-1]:
        HourEntry.objects.create(
            person=person,
            on=dt.date(2025, 5, 1),
            minutes=150,
            kind="continuing",
            providing_level="county",
            source="adjustment",
            reason="测试",
        )
    return people


def test_hours_snapshot_reads_the_ledger(staffed):
    snapshot = snapshots.hours_snapshot(
        person=staffed[0], starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31)
    )
    assert snapshot["title"] == "2025 年度学时证明"
    assert snapshot["sections"][0]["rows"] == [["继续教育", "县级", "2.5"]]
    assert snapshot["minutes"] == {"training": 150, "supervision": 0}


def test_batch_issues_once_per_person_and_mails(
    staffed, tree, zhang_min, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = batches.batch_create(region=tree.county_a, year=2025, created_by=zhang_min.user)
    batch.refresh_from_db()
    assert batch.status == "done" and batch.total == 5 and batch.issued == 4 and batch.skipped == 1
    assert Certificate.objects.filter(batch=batch).count() == 4
    assert batch.archive.name.endswith(".zip")
    assert any("学时证明已出具" in m.subject for m in mail.outbox)


def test_batch_resumes_after_a_crash_without_duplicates(staffed, tree, zhang_min, monkeypatch):
    batch = CertificateBatch.objects.create(
        region=tree.county_a, year=2025, created_by=zhang_min.user
    )
    real = snapshots.hours_snapshot
    calls = {"n": 0}

    def crashing(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("worker killed")
        return real(**kwargs)

    monkeypatch.setattr(snapshots, "hours_snapshot", crashing)
    with pytest.raises(RuntimeError):
        batches.batch_run(batch_id=batch.pk, requeue=False)
    assert Certificate.objects.filter(batch=batch).count() == 2
    monkeypatch.setattr(snapshots, "hours_snapshot", real)
    batches.batch_run(batch_id=batch.pk, requeue=False)
    batch.refresh_from_db()
    assert batch.status == "done"
    holders = list(Certificate.objects.filter(batch=batch).values_list("holder_id", flat=True))
    assert len(holders) == len(set(holders)) == 4


def test_batch_counts_a_certificate_issued_meanwhile_as_done_not_skipped(
    staffed, tree, zhang_min, monkeypatch
):
    batch = CertificateBatch.objects.create(
        region=tree.county_a, year=2025, created_by=zhang_min.user
    )

    def beaten(**kwargs):
        raise ValidationError("已出具", code=services.ISSUED_MEANWHILE)

    monkeypatch.setattr(services, "hour_certificate_issue", beaten)
    batches.batch_run(batch_id=batch.pk, requeue=False)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.skipped, batch.skipped_people) == ("done", 5, 0, [])


def test_batch_runs_in_chunks(staffed, tree, zhang_min):
    batch = CertificateBatch.objects.create(
        region=tree.county_a, year=2025, created_by=zhang_min.user
    )
    first = batches.batch_run(batch_id=batch.pk, chunk=2, requeue=False)
    assert first.status == "running" and first.done == 2
    while first.status != "done":
        first = batches.batch_run(batch_id=batch.pk, chunk=2, requeue=False)
    assert first.issued == 4


def test_issue_certificates_command(staffed, tree, capsys):
    call_command("issue_certificates", "--region", tree.county_a.code, "--year", "2025")
    assert "Issued 4" in capsys.readouterr().out


def test_batch_page_shows_progress_and_is_scoped(client, staffed, tree, zhang_min, chen_jing):
    batch = CertificateBatch.objects.create(
        region=tree.county_a, year=2025, created_by=zhang_min.user
    )
    client.force_login(zhang_min.user)
    page = client.get(reverse("credentials:batch", args=[batch.pk]))
    assert page.status_code == 200 and "<progress" in page.content.decode()
    client.force_login(chen_jing.user)
    assert client.get(reverse("credentials:batch", args=[batch.pk])).status_code == 404


@pytest.mark.parametrize(
    ("status", "in_progress"),
    [
        (CertificateBatch.Status.QUEUED, True),
        (CertificateBatch.Status.RUNNING, True),
        (CertificateBatch.Status.DONE, False),
        (CertificateBatch.Status.FAILED, False),
    ],
)
def test_batch_page_refreshes_only_while_in_progress(client, tree, zhang_min, status, in_progress):
    batch = CertificateBatch.objects.create(
        region=tree.county_a, year=2025, created_by=zhang_min.user, status=status
    )
    assert batch.in_progress == in_progress
    client.force_login(zhang_min.user)
    page = client.get(reverse("credentials:batch", args=[batch.pk])).content.decode()
    assert ('http-equiv="refresh"' in page) == in_progress


def test_workers_cannot_start_batches(client, wang_fang):
    client.force_login(wang_fang.user)
    assert client.get(reverse("credentials:batches")).status_code == 403


def test_batch_form_refuses_region_outside_scope(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("credentials:batches"), {"region": tree.county_b.pk, "year": 2025}
    )
    assert response.status_code == 200 and not CertificateBatch.objects.exists()


def test_worker_issues_own_certificate_and_empty_needs_consent(client, staffed, wang_fang, tree):
    client.force_login(wang_fang.user)
    url = reverse("credentials:hours_new")
    response = client.post(url, {"starts_on": "2025-01-01", "ends_on": "2025-12-31"})
    assert response.status_code == 302
    assert Certificate.objects.filter(holder=wang_fang).count() == 1
    empty = client.post(url, {"starts_on": "2024-01-01", "ends_on": "2024-12-31"})
    assert "没有培训或督导学时" in empty.content.decode()
    ok = client.post(url, {"starts_on": "2024-01-01", "ends_on": "2024-12-31", "allow_empty": "on"})
    assert ok.status_code == 302
    assert Certificate.objects.filter(holder=wang_fang).count() == 2


def test_admin_issues_for_a_person_in_scope_only(client, staffed, wang_fang, zhang_min, chen_jing):
    data = {"starts_on": "2025-01-01", "ends_on": "2025-12-31"}
    url = reverse("credentials:hours_for", args=[wang_fang.pk])
    client.force_login(chen_jing.user)
    assert client.post(url, data).status_code == 404
    client.force_login(zhang_min.user)
    assert client.post(url, data).status_code == 302
    assert Certificate.objects.get(holder=wang_fang).issued_by == zhang_min.user


@pytest.mark.parametrize(
    ("year", "message"), [("10000", "年度应在"), ("1900", "年度应在"), ("x", "四位数")]
)
def test_batch_for_a_year_outside_the_portal_is_a_form_error(
    client, tree, zhang_min, year, message
):
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("credentials:batches"), {"region": tree.county_a.pk, "year": year}
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not CertificateBatch.objects.exists()


@pytest.mark.parametrize("year", ["10000", "1900", "9999"])
def test_issue_certificates_command_refuses_a_year_outside_the_portal(tree, year):
    with pytest.raises(CommandError, match="年度应在"):
        call_command("issue_certificates", "--region", tree.county_a.code, "--year", year)
    assert not CertificateBatch.objects.exists()
