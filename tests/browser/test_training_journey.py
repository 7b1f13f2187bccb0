"""A worker enrols on her phone, the trainer ticks her present, and she sees the hours."""

import pytest

from core.units import hours
from lms.models import Enrolment, HourEntry
from tests.browser.support import sign_in
from tests.lms.conftest import make_run

pytestmark = pytest.mark.django_db(transaction=True)


def test_enrol_attend_and_see_hours(page, live_server, tree, wang_fang):
    from lms.models import Course, Kind, Level
    from tests import factories

    trainer = factories.UserFactory(email="trainer@example.cn")
    course = Course.objects.create(
        title="社会工作实务技巧",
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        organiser_region=tree.county_a,
        region=tree.county_a,
        minutes_per_session=180,
    )
    run = make_run(course, trainers=[trainer])
    sign_in(page, live_server, wang_fang.mobile)
    page.goto(f"{live_server.url}/training/courses/{course.pk}/")
    page.click("main button:has-text('报名')")
    page.wait_for_load_state("load")
    assert Enrolment.objects.get(person=wang_fang).status == "enrolled"

    page.context.clear_cookies()
    sign_in(page, live_server, "trainer@example.cn")
    first = run.sessions.order_by("starts_at").first()
    page.goto(f"{live_server.url}/training/manage/sessions/{first.pk}/")
    page.check(f"input[name=present][value='{wang_fang.pk}']")
    page.click("main button:has-text('保存出勤')")
    page.wait_for_load_state("load")
    assert HourEntry.objects.get(person=wang_fang).minutes == 180

    page.context.clear_cookies()
    sign_in(page, live_server, wang_fang.mobile)
    page.goto(f"{live_server.url}/training/hours/")
    expected = hours(180)
    assert f"共 {expected} 小时" in page.inner_text("main")
