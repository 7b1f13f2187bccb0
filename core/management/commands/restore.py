"""`manage.py restore --from DIR`: a backup into an empty database, then checked against its
manifest."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backup import database, manifest, media


class Command(BaseCommand):
    help = "Restore a backup into an empty database and media directory, then compare the manifest."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="directory", required=True, type=Path)

    def handle(self, *args, directory: Path, **options):
        if not (directory / manifest.MANIFEST_NAME).is_file():
            raise CommandError(f"{directory} holds no {manifest.MANIFEST_NAME}.")
        expected = manifest.manifest_read(directory)
        if expected["engine"] != connection.vendor:
            raise CommandError(
                f"The backup is of a {expected['engine']} database, "
                f"this one is {connection.vendor}."
            )
        if not database.database_is_empty():
            raise CommandError("The database is not empty; restore only into a new, empty one.")
        media_root = Path(settings.MEDIA_ROOT)
        if not media.media_is_empty(media_root):
            raise CommandError(f"The media directory {media_root} is not empty.")
        started = time.perf_counter()
        step = time.perf_counter()
        database.database_load(directory / expected["database_file"])
        self.stdout.write(f"database: restored in {time.perf_counter() - step:.2f} s")
        step = time.perf_counter()
        files = media.media_extract(source=directory / expected["media_file"], root=media_root)
        self.stdout.write(f"media: {files} files in {time.perf_counter() - step:.2f} s")
        step = time.perf_counter()
        differences = manifest.manifest_differences(
            expected=expected, actual=manifest.manifest_measure()
        )
        if files != expected["media_files"]:
            differences.append(f"media: {expected['media_files']} files in the backup, {files}")
        self.stdout.write(f"compared in {time.perf_counter() - step:.2f} s")
        for line in differences:
            self.stdout.write(line)
        if differences:
            raise CommandError(f"The restore differs from the backup in {len(differences)} ways.")
        self.stdout.write(
            f"restore matches the manifest: {sum(expected['counts'].values())} rows, "
            f"{len(expected.get('certificates', []))} certificates, {files} media files "
            f"({time.perf_counter() - started:.2f} s)"
        )
