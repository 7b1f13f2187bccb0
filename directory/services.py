"""Writes for the directory's dated records."""

import datetime as dt

from django.db import transaction

from accounts.models import User
from audit.services import audit_record
from directory.models import ServicePoint, StarRating


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
