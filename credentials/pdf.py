"""The certificate PDF: the frozen snapshot, a QR code to the verification page, the short code."""

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.pdf import render_pdf
from credentials.models import Certificate


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("credentials:verify", args=[certificate.code])


def qr_data_uri(url: str) -> str:
    """An SVG QR code (segno) as a data URI that WeasyPrint embeds."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_pdf(certificate: Certificate) -> bytes:
    url = verification_url(certificate)
    return render_pdf(
        template="credentials/certificate_pdf.html",
        context={
            "certificate": certificate,
            "snapshot": certificate.snapshot,
            "verify_url": url,
            "qr": qr_data_uri(url),
            "issued_on": timezone.localtime(certificate.issued_at).date(),
        },
    )
