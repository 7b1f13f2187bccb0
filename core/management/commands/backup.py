"""`manage.py backup --to DIR`: the database, the media directory and a manifest."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import database, manifest, media
from core.backup.snapshot import SnapshotInsideTransaction, consistent_snapshot

MEDIA_FILE = "media.tar"


class Command(BaseCommand):
    help = "Back up the database and media into a new directory, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--to", dest="directory", required=True, type=Path)

    def handle(self, *args, directory: Path, **options):
        if directory.exists() and any(directory.iterdir()):
            raise CommandError(f"{directory} is not empty; back up into a new directory.")
        try:
            database_file = database.database_file_name()
        except database.UnsupportedDatabase as error:
            raise CommandError(f"No backup for the {error} database engine.") from error
        directory.mkdir(parents=True, exist_ok=True)
        try:
            built = self.write_backup(directory, database_file)
        except SnapshotInsideTransaction as error:
            raise CommandError("Run the backup outside a transaction.") from error
        manifest.manifest_write(directory, built)

    def write_backup(self, directory: Path, database_file: str) -> dict:
        """The database and media files in `directory`; the manifest they match."""
        started = time.perf_counter()
        with consistent_snapshot() as snapshot:
            step = time.perf_counter()
            database.database_dump(directory / database_file, snapshot=snapshot)
            self.stdout.write(f"database: {database_file} in {time.perf_counter() - step:.2f} s")
            step = time.perf_counter()
            media_root = Path(settings.MEDIA_ROOT)
            files = media.media_archive(root=media_root, target=directory / MEDIA_FILE)
            self.stdout.write(f"media: {files} files in {time.perf_counter() - step:.2f} s")
            step = time.perf_counter()
            built = manifest.manifest_build(
                database_file=database_file, media_file=MEDIA_FILE, media_files=files
            )
        self.stdout.write(
            f"manifest: {sum(built['counts'].values())} rows in {len(built['counts'])} tables "
            f"in {time.perf_counter() - step:.2f} s"
        )
        self.stdout.write(f"backup written to {directory} in {time.perf_counter() - started:.2f} s")
        return built
