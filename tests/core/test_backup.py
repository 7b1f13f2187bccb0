"""`manage.py backup` and `manage.py restore`: a backup restored into a fresh database (a new
SQLite file, or a new PostgreSQL database when the suite runs on PostgreSQL) reproduces every
table's row count and every certificate's code, PDF digest and file."""

import datetime as dt
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from credentials import services
from credentials.models import Certificate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def certificate(wang_fang, zhang_min, media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.certificate_issue(
            holder=wang_fang,
            kind=Certificate.Kind.HOURS,
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2025, 12, 31),
            snapshot={"title": "2025 年度学时证明", "holder": {"name": wang_fang.name}},
            issued_by=zhang_min.user,
        )
    issued.refresh_from_db()
    assert issued.pdf_sha256
    return issued


@pytest.fixture
def fresh_database_url(tmp_path):
    """A URL to an empty database of the suite's engine, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    source = connection.settings_dict
    name = f"{source['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{source['PASSWORD']}" if source["PASSWORD"] else ""
    yield (
        f"postgres://{source['USER']}{password}@{source['HOST'] or 'localhost'}:"
        f"{source['PORT'] or 5432}/{name}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore_elsewhere(backup: Path, *, database_url: str, media: Path):
    """`manage.py restore` in its own process, on another database and media directory."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", "--from", str(backup)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_backup_restores_into_a_fresh_database(certificate, tmp_path, fresh_database_url):
    backup = tmp_path / "backup"

    call_command("backup", "--to", str(backup))

    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == connection.vendor
    assert manifest["counts"]["credentials.certificate"] == 1
    assert manifest["counts"]["directory.person"] == 2
    assert manifest["certificates"] == [
        {
            "code": certificate.code,
            "pdf_sha256": certificate.pdf_sha256,
            "file_sha256": certificate.pdf_sha256,
        }
    ]
    assert manifest["media_files"] == 1
    restored = restore_elsewhere(
        backup, database_url=fresh_database_url, media=tmp_path / "restored-media"
    )
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "restore matches the manifest" in restored.stdout
    assert "1 certificates, 1 media files" in restored.stdout
    assert " s" in restored.stdout.splitlines()[0]  # timings are printed

    again = restore_elsewhere(
        backup, database_url=fresh_database_url, media=tmp_path / "other-media"
    )
    assert again.returncode != 0
    assert "not empty" in again.stderr


def test_restore_reports_what_differs_from_the_manifest(certificate, tmp_path, fresh_database_url):
    backup = tmp_path / "backup"
    call_command("backup", "--to", str(backup))
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    manifest["counts"]["directory.person"] += 1
    manifest["certificates"][0]["pdf_sha256"] = "0" * 64
    (backup / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    restored = restore_elsewhere(
        backup, database_url=fresh_database_url, media=tmp_path / "restored-media"
    )

    assert restored.returncode != 0
    assert "directory.person: 3 rows in the backup, 2 restored" in restored.stdout
    assert "certificates: missing after restore" in restored.stdout
    assert "differs from the backup in 3 ways" in restored.stderr


def test_restore_refuses_a_database_that_is_not_empty(certificate, tmp_path, media_root):
    backup = tmp_path / "backup"
    call_command("backup", "--to", str(backup))
    settings.MEDIA_ROOT = tmp_path / "empty-media"

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", "--from", str(backup))

    assert Certificate.objects.count() == 1


def test_backup_refuses_a_directory_that_is_not_empty(db, tmp_path, media_root):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old.txt").write_text("x")

    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "--to", str(tmp_path / "backup"))
