import datetime as dt
import hashlib
from collections import defaultdict

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.utils import timezone

from accounts import scope
from accounts.roles import Action
from core.personal_data import personal_data_rows
from credentials import snapshots
from credentials.models import (
    Certificate,
    CertificateBatch,
    Qualification,
    Registration,
    ShareLink,
    VerificationEvent,
)
from directory.models import Person
from lms import selectors as lms_selectors


def certificates_of(*, person: Person) -> QuerySet[Certificate]:
    return Certificate.objects.filter(holder=person).select_related("superseded_by")


def current_certificate_of_subject(*, kind: str, subject: str) -> Certificate | None:
    """The valid (neither superseded nor revoked) certificate of a kind about one subject, such
    as "practicum-application:7"."""
    return Certificate.objects.filter(
        kind=kind, subject=subject, superseded_at__isnull=True, revoked_at__isnull=True
    ).first()


def verifications_of(*, person: Person) -> QuerySet[VerificationEvent]:
    """Who checked the person's certificates, newest first (IP addresses masked)."""
    return VerificationEvent.objects.filter(certificate__holder=person).select_related(
        "certificate"
    )


def share_links_of(*, person: Person) -> QuerySet[ShareLink]:
    return ShareLink.objects.filter(person=person)


def qualifications_of(*, person: Person) -> QuerySet[Qualification]:
    return Qualification.objects.filter(person=person).prefetch_related("registrations")


def qualification_levels(
    *, people: QuerySet[Person] | list[int]
) -> dict[int, tuple[frozenset[str], frozenset[str]]]:
    """Person id → (levels held, levels verified by an administrator), for many people in
    one query (R21)."""
    held: dict[int, set[str]] = defaultdict(set)
    verified: dict[int, set[str]] = defaultdict(set)
    for person_id, level, verified_at in Qualification.objects.filter(
        person__in=people
    ).values_list("person_id", "level", "verified_at"):
        held[person_id].add(level)
        if verified_at is not None:
            verified[person_id].add(level)
    return {
        person_id: (frozenset(levels), frozenset(verified[person_id]))
        for person_id, levels in held.items()
    }


def registration_on(*, person: Person, level: str, on: dt.date) -> Registration | None:
    """The person's registration at `level` valid on `on`, the latest if several (R21)."""
    return (
        Registration.objects.filter(
            qualification__person=person,
            qualification__level=level,
            starts_on__lte=on,
            ends_on__gte=on,
        )
        .order_by("-starts_on")
        .first()
    )


def batches_for_user(*, user) -> QuerySet[CertificateBatch]:
    return CertificateBatch.objects.filter(
        region__in=scope.regions_visible_to(user, Action.MANAGE_DIRECTORY)
    ).select_related("region", "created_by")


def qualifications_to_verify(*, user) -> QuerySet[Qualification]:
    """Unverified qualifications of people the user administers, oldest first."""
    people = scope.people_visible_to(user, Action.MANAGE_DIRECTORY)
    return (
        Qualification.objects.filter(person__in=people, verified_at__isnull=True)
        .select_related("person")
        .order_by("created_at", "pk")
    )


def completions_without_certificate(*, person) -> list:
    """The person's enrolments in finished runs they completed, not yet certified."""
    certified = set(
        Certificate.objects.filter(
            holder=person,
            kind=Certificate.Kind.COURSE_COMPLETION,
            superseded_at__isnull=True,
            revoked_at__isnull=True,
        ).values_list("subject", flat=True)
    )
    finished = lms_selectors.enrolments_of_person(person=person).filter(
        status="enrolled", run__ends_on__lt=timezone.localdate()
    )[:20]
    completed = []
    for enrolment in finished:
        if f"lms-run:{enrolment.run_id}" in certified:
            continue
        if snapshots.completion_snapshot(enrolment=enrolment) is not None:
            completed.append(enrolment)
    return completed


def certificate_fingerprints() -> list[dict]:
    """Every certificate's code, recorded PDF digest and the digest of the file on disk ("" when
    missing): what a backup's manifest lists and a restore must reproduce."""
    fingerprints = []
    for code, pdf_sha256, pdf_name in Certificate.objects.order_by("code").values_list(
        "code", "pdf_sha256", "pdf"
    ):
        fingerprints.append(
            {"code": code, "pdf_sha256": pdf_sha256, "file_sha256": _file_sha256(pdf_name)}
        )
    return fingerprints


def _file_sha256(name: str) -> str:
    if not name or not default_storage.exists(name):
        return ""
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def personal_data_of(*, person: Person) -> dict[str, list[dict]]:
    """The person's certificates, with the code anyone can verify them by."""
    return {
        "证明": personal_data_rows(
            Certificate.objects.filter(holder=person).order_by("issued_at", "pk"),
            {
                "kind": "类别",
                "period_starts_on": "起始日期",
                "period_ends_on": "截止日期",
                "short_code": "查验码",
                "issued_at": "签发时间",
                "revoked_at": "撤销时间",
            },
        )
    }
