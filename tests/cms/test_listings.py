"""Listing pages embed live lists from the apps: open courses, competitions and their results."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.models import ListingPage
from competitions.services import contests
from lms.models import Course, Kind, Level
from tests.competitions.conftest import OPEN, make_competition
from tests.lms.conftest import make_run


def _listing(home, source: str, slug: str) -> ListingPage:
    return home.add_child(instance=ListingPage(title=slug, slug=slug, source=source))


def _course(tree, title: str) -> Course:
    return Course.objects.create(
        title=title,
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        organiser_region=tree.county_a,
        region=tree.county_a,
        minutes_per_session=120,
    )


def test_the_course_listing_shows_open_courses_to_anyone(client, home, tree):
    make_run(_course(tree, "个案工作实务"))
    closed = make_run(_course(tree, "已截止的课程"))
    closed.enrolment_deadline = timezone.now() - dt.timedelta(days=1)
    closed.save(update_fields=["enrolment_deadline"])
    page = _listing(home, ListingPage.Source.COURSES, "courses")
    text = client.get(page.url).content.decode()
    assert "个案工作实务" in text and "已截止的课程" not in text


def test_the_competition_listing_shows_published_competitions_only(client, home, tree, zhang_min):
    published = make_competition(zhang_min.user, tree.county_a, title="优秀案例评选（已发布）")
    contests.competition_publish(competition=published, by=zhang_min.user, now=OPEN)
    make_competition(zhang_min.user, tree.county_a, title="草稿评选")
    page = _listing(home, ListingPage.Source.COMPETITIONS, "contests")
    text = client.get(page.url).content.decode()
    assert "优秀案例评选（已发布）" in text and "草稿评选" not in text


@pytest.mark.parametrize("count", [3, 30])
def test_listing_queries_do_not_grow(client, home, tree, count, django_assert_max_num_queries):
    for n in range(count):
        make_run(_course(tree, f"课程{n}"))
    page = _listing(home, ListingPage.Source.COURSES, "courses")
    client.get(page.url)
    with django_assert_max_num_queries(12):
        assert client.get(page.url).status_code == 200
