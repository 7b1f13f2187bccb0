"""A supervisor logs a session on a phone at the station; the worker confirms her minutes."""

import datetime as dt

import pytest

from supervision import services
from supervision.models import (
    Assignment,
    CommitteeLevel,
    Supervisee,
    SupervisionSession,
    SupervisorGrade,
)
from tests.browser.support import sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_log_on_a_phone_then_confirm(page, live_server, tree, li_qiang, wang_fang):
    grade = SupervisorGrade.objects.create(name="中级督导", rank=4)
    profile = services.supervisor_profile_create(
        person=li_qiang,
        committee_level=CommitteeLevel.COUNTY,
        grade=grade,
        starts_on=dt.date(2020, 1, 1),
        created_by=None,
    )
    today = dt.date.today()  # noqa: DTZ011 - the browser fills a local date-time
    services.assignment_create(
        supervisor=profile,
        target=tree.station_a,
        mode=Assignment.Mode.LINKED_EXPERT,
        starts_on=today - dt.timedelta(days=400),
        planned_end_on=today + dt.timedelta(days=800),
        created_by=None,
    )
    sign_in(page, live_server, "liqiang@example.cn")
    page.goto(f"{live_server.url}/supervision/stations/{tree.station_a.pk}/log/")
    visit(page, "b1-supervisor-logs-on-phone")
    yesterday = today - dt.timedelta(days=1)
    page.fill("input[name=started_at]", f"{yesterday:%Y-%m-%d}T09:30")
    page.fill("input[name=duration_minutes]", "90")
    page.fill("input[name=topic]", "个案督导：独居老人走访")
    page.fill(f"input[name=minutes_{wang_fang.pk}]", "90")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/supervision/sessions/*/")
    assert "独居老人走访" in page.inner_text("main")
    visit(page, "b2-session-logged")
    assert SupervisionSession.objects.count() == 1

    page.context.clear_cookies()
    sign_in(page, live_server, "wangfang@example.cn")
    page.goto(f"{live_server.url}/supervision/my/received/")
    visit(page, "b3-worker-confirms")
    page.click("main button:has-text('确认')")
    page.wait_for_load_state("load")
    assert Supervisee.objects.get(person=wang_fang).state == Supervisee.State.CONFIRMED
