from django.db.models import QuerySet

from credentials.models import Certificate, Qualification, ShareLink, VerificationEvent
from directory.models import Person


def certificates_of(*, person: Person) -> QuerySet[Certificate]:
    return Certificate.objects.filter(holder=person).select_related("superseded_by")


def verifications_of(*, person: Person) -> QuerySet[VerificationEvent]:
    """Who checked the person's certificates, newest first (IP addresses masked)."""
    return VerificationEvent.objects.filter(certificate__holder=person).select_related(
        "certificate"
    )


def share_links_of(*, person: Person) -> QuerySet[ShareLink]:
    return ShareLink.objects.filter(person=person)


def qualifications_of(*, person: Person) -> QuerySet[Qualification]:
    return Qualification.objects.filter(person=person).prefetch_related("registrations")
