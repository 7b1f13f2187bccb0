"""Writes for the directory: service points saved in the back office, dated records."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.models import User
from audit.services import audit_record
from core.crypto import keyed_hash
from directory import rules
from directory.models import Person, ServicePoint, StarRating


@transaction.atomic
def star_rating_record(
    *,
    service_point: ServicePoint,
    stars: int,
    rated_on: dt.date,
    guide: str,
    recorded_by: User | None,
) -> StarRating:
    """Record a review's star rating under the guide it followed (R25). The service point's
    current rating becomes the newest review's, so an older review entered late leaves it."""
    rating = StarRating(service_point=service_point, stars=stars, rated_on=rated_on, guide=guide)
    rating.full_clean()
    rating.save()
    newest = (
        StarRating.objects.filter(service_point=service_point)
        .order_by("-rated_on")
        .values_list("stars", flat=True)
        .first()
    )
    before = service_point.star_rating
    if newest != before:
        ServicePoint.objects.filter(pk=service_point.pk).update(star_rating=newest)
        service_point.star_rating = newest
    audit_record(
        actor=recorded_by,
        verb="star_rating.record",
        target=rating,
        before={"star_rating": before},
        after={
            "stars": stars,
            "rated_on": rated_on.isoformat(),
            "guide": guide,
            "star_rating": service_point.star_rating,
        },
    )
    return rating


@transaction.atomic
def service_point_save(*, service_point: ServicePoint, saved_by: User | None) -> ServicePoint:
    """Save a service point created or edited in the back office (its form has validated it),
    then call each of settings.SERVICE_POINT_SAVED_HOOKS with its id in the same transaction:
    the public site keeps the station's page in step (cms.services.station_pages). The
    directory names the hooks in settings and never imports the apps that follow it."""
    created = service_point.pk is None
    before = None if created else _audited(ServicePoint.objects.get(pk=service_point.pk))
    service_point.save()
    audit_record(
        actor=saved_by,
        verb="service_point.create" if created else "service_point.edit",
        target=service_point,
        before=before,
        after=_audited(service_point),
    )
    for hook in settings.SERVICE_POINT_SAVED_HOOKS:
        import_string(hook)(service_point_id=service_point.pk)
    return service_point


def _audited(service_point: ServicePoint) -> dict:
    fields = ("code", "name", "kind", "region", "star_rating", "specialty", "brand_name")
    return model_to_dict(service_point, fields=fields)


@transaction.atomic
def person_numbers_reveal(*, viewer: User, person: Person, purpose: str) -> dict[str, str]:
    """A person's full ID and mobile numbers, for a viewer already allowed VIEW_SENSITIVE.

    The one way a full number leaves the portal: each reveal appends an audit event
    ("sensitive.view") naming who looked, whose numbers, when and why (PIPL: access to
    sensitive personal data is recorded).
    """
    audit_record(
        actor=viewer,
        verb="sensitive.view",
        target=person,
        after={"purpose": purpose, "fields": ["id_number", "mobile"]},
    )
    return {"id_number": person.id_number, "mobile": person.mobile}


@transaction.atomic
def people_anonymise(*, people: Iterable[Person], years: int) -> int:
    """Replace the name, ID and mobile numbers and birth date of each person past the retention
    period by a stable pseudonym (PIPL: personal data is kept no longer than needed).

    Positions, hours, supervision and certificates stay linked, so statistics do not change;
    only the birth year is kept (age bands). The lookup hashes are replaced by values no number
    can hash to, so uniqueness holds and nobody is found by their old numbers. Certificates keep
    their signed snapshot, so verification still answers as issued. One audit event each.
    """
    now = timezone.now()
    count = 0
    for person in people:
        digest = keyed_hash(f"anonymised-person:{person.pk}")
        Person.objects.filter(pk=person.pk).update(
            name=rules.pseudonym(digest=digest),
            id_number="",
            id_number_hash=f"anonymised:{digest[:52]}",
            mobile="",
            mobile_hash=None,
            born_on=dt.date(person.born_on.year, 1, 1),
            anonymised_at=now,
        )
        audit_record(
            actor=None,
            verb="person.anonymise",
            target=person,
            after={"retention_years": years, "pseudonym": rules.pseudonym(digest=digest)},
        )
        count += 1
    return count
