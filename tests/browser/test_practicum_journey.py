"""A student finds a placement on the public list and applies on her phone; the station's head
and the university's coordinator accept; once the placement has begun she logs a week, the field
supervisor returns it with a comment, she corrects it, he confirms it and she sees the confirmed
hours (R15)."""

import datetime as dt

import pytest
from django.utils import timezone

from core.units import hours
from practicum.models import Application, Placement, WeeklyLog
from tests.browser.support import sign_in, visit
from tests.practicum.conftest import practicum  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_apply_decide_log_return_correct_confirm(page, live_server, practicum):  # noqa: F811
    placement = _coming_placement(practicum)
    student = practicum.student.person.user
    sign_in(page, live_server, student.email)
    page.goto(f"{live_server.url}/practicum/placements/")
    visit(page, "p1-public-placements")
    page.click(f"main a:has-text('{placement.title}')")
    visit(page, "p2-public-placement")
    page.goto(f"{live_server.url}/practicum/placement/{placement.pk}/")
    page.fill("textarea[name=statement]", "我希望在社区为老服务中提升个案工作能力。")
    visit(page, "p3-apply")
    _submit(page, "提交申请")
    application = Application.objects.get(placement=placement, student=practicum.student)

    deciders = (
        (practicum.head_a, "p4-station-decides"),
        (practicum.coordinator, "p5-coordinator-decides"),
    )
    for who, name in deciders:
        page.context.clear_cookies()
        sign_in(page, live_server, who.user.email)
        page.goto(f"{live_server.url}/practicum/placement/applications/{application.pk}/")
        page.check("main input[name=accept][value=yes]")
        visit(page, name)
        _submit(page, "提交意见")
    application.refresh_from_db()
    assert application.state == Application.State.ACCEPTED

    _begin(placement)  # the clock cannot move: the placement's dates do
    page.context.clear_cookies()
    sign_in(page, live_server, student.email)
    page.goto(f"{live_server.url}/practicum/placement/me/")
    visit(page, "p6-student-home")
    page.locator("main a:has-text('这一周')").first.click()
    page.fill("input[name=hours]", "30")
    page.fill("textarea[name=activities]", "入户探访 3 户独居老人，协助开展小组活动。")
    page.fill("textarea[name=reflection]", "学会先倾听，再回应。")
    visit(page, "p7-log-week")
    _submit(page, "提交")
    log = WeeklyLog.objects.get(application=application)
    assert (log.state, log.minutes) == (WeeklyLog.State.SUBMITTED, 30 * 60)

    _as_field_supervisor(page, live_server, practicum)
    page.fill("main input[name=comment]", "请补充小组活动的具体内容，并核对周三的在站时数。")
    visit(page, "p8-supervisor-queue")
    _submit(page, "退回")
    log.refresh_from_db()
    assert log.state == WeeklyLog.State.RETURNED

    page.context.clear_cookies()
    sign_in(page, live_server, student.email)
    page.goto(f"{live_server.url}/practicum/placement/me/")
    page.click("main a:has-text('修改后重新提交')")
    assert "请补充小组活动的具体内容" in page.inner_text("main")
    page.fill("input[name=hours]", "32")
    page.fill("textarea[name=activities]", "入户探访 3 户独居老人；周四带领“邻里守望”小组第 2 节。")
    visit(page, "p9-correct-log")
    _submit(page, "提交")
    log.refresh_from_db()
    assert (log.state, log.minutes) == (WeeklyLog.State.SUBMITTED, 32 * 60)

    _as_field_supervisor(page, live_server, practicum)
    _submit(page, "确认")
    visit(page, "p10-supervisor-confirmed")
    log.refresh_from_db()
    assert log.state == WeeklyLog.State.CONFIRMED

    page.context.clear_cookies()
    sign_in(page, live_server, student.email)
    page.goto(f"{live_server.url}/practicum/placement/me/")
    visit(page, "p11-confirmed-hours")
    assert f"已确认 {hours(32 * 60)}" in page.inner_text("main")


def _submit(page, label: str) -> None:
    """Press the main form's button and wait for the page the portal answers with."""
    with page.expect_navigation():
        page.click(f"main button:has-text('{label}')")


def _coming_placement(practicum) -> Placement:  # noqa: F811
    """The fixture's placement, moved to begin in three weeks under an agreement renewed to
    cover it, so that students can apply."""
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    base = practicum.base
    base.ends_on = dt.date(today.year + 1, 12, 31)
    base.save(update_fields=["ends_on"])
    placement = practicum.placement
    placement.starts_on = monday + dt.timedelta(weeks=3)
    placement.ends_on = placement.starts_on + dt.timedelta(weeks=12)
    placement.save(update_fields=["starts_on", "ends_on"])
    return placement


def _begin(placement: Placement) -> None:
    """The placement began last week (twelve weeks long)."""
    today = timezone.localdate()
    starts_on = today - dt.timedelta(days=today.weekday() + 7)
    Placement.objects.filter(pk=placement.pk).update(
        starts_on=starts_on, ends_on=starts_on + dt.timedelta(weeks=12)
    )


def _as_field_supervisor(page, live_server, practicum) -> None:  # noqa: F811
    page.context.clear_cookies()
    sign_in(page, live_server, practicum.field_supervisor.user.email)
    page.goto(f"{live_server.url}/practicum/placement/logs/")
