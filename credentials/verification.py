"""What a verifier sees: find a certificate by either code and describe it publicly."""

from django.utils import timezone

from core.links import absolute_url
from credentials import codes
from credentials.models import Certificate


def certificate_by_code(value: str) -> Certificate | None:
    """The certificate with this long or short code, or None (same answer for a bad shape).

    A certificate whose PDF is not stored yet is pending, not issued: it is not found.
    """
    kind = codes.code_kind(value)
    if kind is None:
        return None
    lookup = (
        {"code": value} if kind == "long" else {"short_code": codes.normalise_short_code(value)}
    )
    found = Certificate.objects.select_related("superseded_by").filter(**lookup).exclude(pdf="")
    return found.first()


def public_payload(certificate: Certificate) -> dict:
    """Everything a verifier may know: the frozen snapshot (ID masked), issuer, status."""
    newer = getattr(certificate, "superseded_by", None) if certificate.superseded_at else None
    revoked_at = certificate.revoked_at
    return {
        "code": certificate.code,
        "short_code": certificate.short_code,
        "kind": certificate.kind,
        "title": certificate.snapshot.get("title", ""),
        "holder": certificate.snapshot.get("holder", {}),
        "period": {
            "starts_on": certificate.period_starts_on.isoformat(),
            "ends_on": certificate.period_ends_on.isoformat(),
        },
        "sections": certificate.snapshot.get("sections", []),
        "issuer": certificate.issuer_name,
        "issued_at": timezone.localtime(certificate.issued_at).isoformat(),
        "status": certificate.status,
        "revoked_at": timezone.localtime(revoked_at).isoformat() if revoked_at else None,
        "revoke_reason": certificate.revoke_reason or None,
        "superseded_by": absolute_url("credentials:verify", newer.code) if newer else None,
        "pdf_sha256": certificate.pdf_sha256 or None,
        "verify_url": absolute_url("credentials:verify", certificate.code),
        "public_key_url": absolute_url("credentials:public_key"),
    }
