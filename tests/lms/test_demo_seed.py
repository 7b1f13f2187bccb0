from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from lms import demo_seed, selectors
from lms.models import Course, CourseRun, HourEntry, Kind, Level

pytestmark = pytest.mark.django_db


def test_demo_courses_of_each_kind_at_each_level_and_hours_for_demo_workers():
    call_command("seed_demo", stdout=StringIO())
    pairs = set(Course.objects.values_list("kind", "providing_level"))
    assert pairs >= {(k, level) for k in Kind.values for level in (Level.CITY, Level.COUNTY)}
    entry = HourEntry.objects.select_related("person__user").first()
    assert entry is not None and entry.person.user is not None
    year = timezone.localdate().year
    by_year = {row["year"] for row in selectors.person_years(person=entry.person)}
    assert by_year & {year, year - 1}
    runs = Counter(CourseRun.objects.values_list("course_id", flat=True))
    assert min(runs.values()) >= 7  # about every two months over the year, and one open
    county = (
        HourEntry.objects.filter(providing_level=Level.COUNTY)
        .values("person")
        .annotate(minutes=Sum("minutes"))
    )
    assert len({row["minutes"] for row in county}) > 5  # each worker's own take-up (R12)
    call_command("training_summaries", "check", stdout=StringIO())
    call_command("supervision_summaries", "check", stdout=StringIO())
    counts = (Course.objects.count(), HourEntry.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Course.objects.count(), HourEntry.objects.count()) == counts
    demo_seed.reset()
    assert not Course.objects.exists() and not HourEntry.objects.exists()
