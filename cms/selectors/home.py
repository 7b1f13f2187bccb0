"""The front page's reads: current notices, the latest news and the live figures."""

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page

from cms.selectors import pages
from directory import selectors as directory_selectors
from lms import selectors as lms_selectors

NOTICES = 5
NEWS = 6
FIGURES_KEY = "cms:home:figures"
FIGURES_SECONDS = 300  # the figures are a few minutes old at most


@dataclass(frozen=True)
class Figures:
    stations: int
    staff: int
    training_minutes: int
    open_courses: int


@dataclass(frozen=True)
class FrontPage:
    notices: list
    news: list
    figures: Figures


def front_page(*, root: Page, today: dt.date) -> FrontPage:
    """Five current notices, six news items (both site-wide) and the figures (cached)."""
    return FrontPage(
        notices=list(pages.current_notices(root=root, today=today)[:NOTICES]),
        news=list(pages.news_of_site(root=root)[:NEWS]),
        figures=cache.get_or_set(FIGURES_KEY, lambda: live_figures(today=today), FIGURES_SECONDS),
    )


def live_figures(*, today: dt.date) -> Figures:
    """Stations and rooms, people in post, training minutes credited this year and courses
    open for enrolment: one aggregate query each, whatever the size of the tables."""
    return Figures(
        stations=directory_selectors.station_count(),
        staff=directory_selectors.staff_count(on=today),
        training_minutes=lms_selectors.year_total_minutes(year=today.year),
        open_courses=lms_selectors.open_course_count(now=timezone.now()),
    )
