"""A worker enrols on her phone, the trainer ticks her present, and she sees the hours rise on
her home against the county's training rule (Hunan's R12, carried forward as the demo does)."""

import datetime as dt

import pytest

from core.units import hours
from lms.models import Enrolment, HourEntry
from quotas.models import PolicyRule
from quotas.services import carry_forward, policy_packs
from tests.browser.support import sign_in, visit
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
    _county_training_rule_in_force()
    sign_in(page, live_server, wang_fang.mobile)
    visit(page, "a1-worker-home-before")
    before = page.inner_text("#home-worker")
    assert "县级培训" in before and "已完成 0.0/40.0 小时" in before
    page.goto(f"{live_server.url}/training/courses/{course.pk}/")
    visit(page, "a2-course")
    page.click("main button:has-text('报名')")
    page.wait_for_load_state("load")
    assert Enrolment.objects.get(person=wang_fang).status == "enrolled"

    page.context.clear_cookies()
    sign_in(page, live_server, "trainer@example.cn")
    first = run.sessions.order_by("starts_at").first()
    page.goto(f"{live_server.url}/training/manage/sessions/{first.pk}/")
    page.check(f"input[name=present][value='{wang_fang.pk}']")
    visit(page, "a3-attendance")
    page.click("main button:has-text('保存出勤')")
    page.wait_for_load_state("load")
    assert HourEntry.objects.get(person=wang_fang).minutes == 180

    page.context.clear_cookies()
    sign_in(page, live_server, wang_fang.mobile)
    visit(page, "a4-worker-home-after")
    assert f"已完成 {hours(180)}/40.0 小时" in page.inner_text("#home-worker")
    page.goto(f"{live_server.url}/training/hours/")
    visit(page, "a5-my-hours")
    assert f"共 {hours(180)} 小时" in page.inner_text("main")


def _county_training_rule_in_force() -> None:
    """Hunan's county-level training hours (R12), carried forward past its plan by a decision."""
    policy_packs.policy_pack_load(name="hunan")
    carry_forward.rule_carry_forward(
        rule=PolicyRule.objects.get(pack__name="hunan", code="worker-county-training"),
        starts_on=dt.date(2024, 1, 1),
        decided_by="芙蓉区民政局",
        decided_on=dt.date(2023, 12, 20),
        by=None,
    )
