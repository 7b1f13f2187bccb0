"""`manage.py verify_certificate FILE [--public-key PEM]`: check a saved certificate JSON or PDF.

A JSON copy is checked offline against the Ed25519 public key (this site's, or the PEM file
given); a PDF is compared byte for byte with the issued files by its SHA-256.
"""

import hashlib
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from credentials import signing
from credentials.models import Certificate


class Command(BaseCommand):
    help = "Check a certificate's signed JSON or its PDF."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--public-key", type=Path, help="PEM file of the signing key")

    def handle(self, *args, file: Path, public_key: Path | None, **options):
        try:
            body = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if body.startswith(b"%PDF-"):
            self._check_pdf(body)
        else:
            self._check_json(body, public_key.read_bytes() if public_key else None)

    def _check_pdf(self, body: bytes) -> None:
        digest = hashlib.sha256(body).hexdigest()
        certificate = Certificate.objects.filter(pdf_sha256=digest).first()
        if certificate is None:
            raise CommandError(f"NOT ISSUED: no certificate has this PDF (sha256 {digest}).")
        self.stdout.write(
            f"IDENTICAL to certificate {certificate.short_code} "
            f"({certificate.get_kind_display()}), status: {certificate.status}"
        )

    def _check_json(self, body: bytes, public_pem: bytes | None) -> None:
        try:
            document = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Neither a PDF nor JSON: {error}") from error
        if not isinstance(document, dict) or not signing.verify(document, public_pem=public_pem):
            raise CommandError("INVALID: the signature does not match the content.")
        certificate = document["certificate"]
        self.stdout.write(
            f"VALID SIGNATURE: certificate {certificate.get('short_code')} for "
            f"{certificate.get('holder', {}).get('name')}, status when saved: "
            f"{certificate.get('status')}"
        )
