from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from calendars.models import CalendarFeed, new_token


def feed_for_user(*, user) -> CalendarFeed:
    """The user's feed, created on first use."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def feed_reset(*, user) -> CalendarFeed:
    """Give the feed a new token: every copy of the old URL stops working."""
    feed = feed_for_user(user=user)
    feed.token = new_token()
    feed.reset_at = timezone.now()
    feed.save(update_fields=["token", "reset_at"])
    audit_record(actor=user, verb="calendar_feed.reset", target=feed)
    return feed
