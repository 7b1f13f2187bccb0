"""The certificate PDF: the frozen snapshot, a QR code to the verification page, the short code."""

import segno
from django.utils import timezone

from core.links import absolute_url
from core.pdf import render_pdf
from credentials.models import Certificate


def qr_data_uri(url: str) -> str:
    """An SVG QR code (segno) as a data URI that WeasyPrint embeds."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_pdf(certificate: Certificate) -> bytes:
    url = absolute_url("credentials:verify", certificate.code)
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
