"""Reads of the site's pages: breadcrumbs, news and notices.

The page models call these from `get_context`, so this module reaches them through the
`cms.models` package at call time (importing the classes here would be circular)."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import Page

from cms import models as cms_models


def breadcrumbs(*, page: Page) -> list[Page]:
    """The page's ancestors below the tree's root, top first (one query)."""
    return list(page.get_ancestors().filter(depth__gt=1).order_by("depth"))


def region_page_above(*, breadcrumbs: list[Page]) -> Page | None:
    """The nearest region page among already-read ancestors: the region a news item is of."""
    region_type = ContentType.objects.get_for_model(cms_models.RegionPage).pk
    nearest = [page for page in breadcrumbs if page.content_type_id == region_type]
    return nearest[-1] if nearest else None


def news_of_site(*, root: Page) -> QuerySet:
    """Every live news page under the site's root, newest first, with its cover image."""
    return (
        cms_models.NewsPage.objects.live()
        .descendant_of(root)
        .select_related("cover_image")
        .order_by("-date", "-pk")
    )


def current_notices(*, root: Page, today: dt.date) -> QuerySet:
    """Live notices under the site's root that have not expired on `today`, newest first."""
    return (
        cms_models.NoticePage.objects.live()
        .descendant_of(root)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by("-date", "-pk")
    )


def attachments_of(*, notice: Page) -> list:
    """A notice's attachments in their order, with their documents (one query)."""
    return list(notice.attachments.select_related("document").order_by("sort_order", "pk"))
