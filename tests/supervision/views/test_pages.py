import datetime as dt

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from supervision import calendar_events, services
from supervision.models import Attachment, Supervisee, SupervisionSession
from tests.factories import make_id_number
from tests.pdf_tools import pdf_fonts, pdf_text
from tests.supervision.conftest import at, log


def _form(wang_fang, **extra):
    data = {
        "key": "k-1",
        "started_at": "2026-11-20T09:30",
        "duration_minutes": "90",
        "form": "group",
        "providing_level": "city",
        "status": "held",
        "topic": "小组督导",
        "cases_discussed": "",
        "notes": "",
        "follow_up": "",
        f"minutes_{wang_fang.pk}": "90",
    }
    data.update(extra)
    return data


@pytest.fixture
def log_url(tree, li_qiang_profile, client):
    client.force_login(li_qiang_profile.person.user)
    return reverse("supervision:session_log", args=[tree.station_a.pk])


def test_log_session_and_double_submit_makes_one(client, log_url, wang_fang):
    assert client.get(log_url).status_code == 200
    first = client.post(log_url, _form(wang_fang))
    second = client.post(log_url, _form(wang_fang))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    session = SupervisionSession.objects.get()
    assert session.supervisees.get().minutes == 90
    assert session.held_on == dt.date(2026, 11, 20)


def test_log_refuses_minutes_beyond_the_session(client, log_url, wang_fang):
    response = client.post(log_url, _form(wang_fang, **{f"minutes_{wang_fang.pk}": "120"}))
    assert response.status_code == 200
    assert "不能超过本次督导的时长" in response.content.decode()
    assert not SupervisionSession.objects.exists()


def test_log_warns_about_id_and_phone_numbers(client, log_url, wang_fang):
    data = _form(wang_fang, cases_discussed=f"案主身份证 {make_id_number()}，电话 13912345678")
    response = client.post(log_url, data)
    assert "身份证号、手机号" in response.content.decode()
    assert not SupervisionSession.objects.exists()
    response = client.post(log_url, {**data, "accept_sensitive": "on"})
    assert response.status_code == 302


def test_log_refuses_a_wrong_attachment_type(client, log_url, wang_fang):
    upload = SimpleUploadedFile("script.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(log_url, {**_form(wang_fang), "attachment": upload})
    assert "附件只能是" in response.content.decode()
    assert not SupervisionSession.objects.exists()


def test_log_keeps_a_pdf_attachment(client, log_url, wang_fang, chen_jing, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("签到表.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert client.post(log_url, {**_form(wang_fang), "attachment": upload}).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.size_bytes == 8
    url = reverse("supervision:attachment_download", args=[attachment.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4"
    client.force_login(wang_fang.user)
    assert client.get(url).status_code == 200
    client.force_login(chen_jing.user)
    assert client.get(url).status_code == 404


def test_station_head_confirms_on_behalf(client, zhao_lei, wang_fang_part, tree):
    client.force_login(zhao_lei.user)
    page = client.get(
        reverse("supervision:station_sessions", args=[tree.station_a.pk]) + "?year=2025"
    )
    assert "代为确认" in page.content.decode()
    client.post(reverse("supervision:part_confirm", args=[wang_fang_part.pk]))
    wang_fang_part.refresh_from_db()
    assert wang_fang_part.state == Supervisee.State.CONFIRMED
    assert wang_fang_part.answered_by == zhao_lei.user


def test_dispute_and_resolve_through_pages(client, wang_fang, zhang_min, wang_fang_part):
    client.force_login(wang_fang.user)
    url = reverse("supervision:part_dispute", args=[wang_fang_part.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    client.post(url, {"reason": "实际只参加了半小时"})
    client.force_login(zhang_min.user)
    assert "实际只参加了半小时" in client.get(reverse("supervision:disputes")).content.decode()
    client.post(
        reverse("supervision:part_resolve", args=[wang_fang_part.pk]),
        {"upheld": "no", "resolution": "签到表显示全程参加"},
    )
    wang_fang_part.refresh_from_db()
    assert wang_fang_part.state == Supervisee.State.CONFIRMED
    assert AuditEvent.objects.filter(verb="supervisee.resolve").count() == 1


def test_reopen_locked_year_needs_a_reason(client, zhang_min, tree, session):
    lock = services.year_close(service_point=tree.station_a, year=2025, closed_by=None)
    client.force_login(zhang_min.user)
    url = reverse("supervision:lock_reopen", args=[lock.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "考核复核"}).status_code == 302
    lock.refresh_from_db()
    assert not lock.is_locked


def test_edit_after_confirmation_asks_again(client, li_qiang, wang_fang, session, wang_fang_part):
    services.supervisee_confirm(supervisee=wang_fang_part, confirmed_by=wang_fang.user)
    client.force_login(li_qiang.user)
    url = reverse("supervision:session_edit", args=[session.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["started_at"] = "2025-05-10T10:00"
    data["duration_minutes"] = "150"
    data.pop("attachment", None)
    data.pop("accept_sensitive", None)
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    wang_fang_part.refresh_from_db()
    assert (session.version, wang_fang_part.state) == (2, "pending")


def test_archive_pdf_has_the_chinese_station_name(client, zhang_min, tree, session):
    client.force_login(zhang_min.user)
    url = reverse("supervision:station_archive", args=[tree.station_a.pk, 2025, "pdf"])
    body = client.get(url).content
    text = pdf_text(body)
    assert "定王台街道社工站" in text
    assert "王芳" in text
    assert "WenQuanYi" in pdf_fonts(body)


def test_archive_xlsx_lists_sessions_and_supervisees(client, zhang_min, tree, session):
    import io

    import openpyxl

    client.force_login(zhang_min.user)
    url = reverse("supervision:station_archive", args=[tree.station_a.pk, 2025, "xlsx"])
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url).content))
    sessions, parts = workbook.worksheets
    assert sessions.max_row == 2
    assert sorted(row[2] for row in parts.iter_rows(min_row=2, values_only=True)) == [
        "刘洋",
        "王芳",
    ]


def test_portfolio_lists_stations_and_hours(client, li_qiang, session):
    client.force_login(li_qiang.user)
    text = pdf_text(client.get(reverse("supervision:portfolio")).content)
    assert "李强" in text
    assert "定王台街道社工站" in text
    assert "2025" in text


# Calendars


def _parse(body):
    return icalendar.Calendar.from_ical(body)


def test_session_ics_has_timezone_and_stable_uid(client, wang_fang, session):
    client.force_login(wang_fang.user)
    url = reverse("supervision:session_ics", args=[session.pk])
    first, second = _parse(client.get(url).content), _parse(client.get(url).content)
    assert [str(z["TZID"]) for z in first.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    event = first.walk("VEVENT")[0]
    assert str(event["UID"]) == f"supervision-session-{session.pk}@shegongzhan"
    assert str(second.walk("VEVENT")[0]["UID"]) == str(event["UID"])
    assert event.decoded("DTSTART").hour == 10
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"


def test_feed_events_cancelled_and_term_end(tree, li_qiang_profile, wang_fang, li_qiang):
    planned = log(
        tree,
        li_qiang_profile,
        [(wang_fang, 60)],
        duration=60,
        when=at(2026, 12, 5),
        status=SupervisionSession.Status.PLANNED,
    )
    services.session_cancel(session=planned, cancelled_by=li_qiang.user)
    events = {e.uid: e for e in calendar_events.events_for_user(user=li_qiang.user)}
    cancelled = events[f"supervision-session-{planned.pk}@shegongzhan"]
    assert cancelled.cancelled and cancelled.sequence == 2
    term = events[f"supervision-term-{li_qiang_profile.assignments.get().pk}@shegongzhan"]
    assert term.starts_at == dt.date(2026, 12, 31)
    worker_uids = {e.uid for e in calendar_events.events_for_user(user=wang_fang.user)}
    assert f"supervision-session-{planned.pk}@shegongzhan" in worker_uids


def test_feed_renders_cancelled_status(client, tree, li_qiang_profile, wang_fang, li_qiang):
    from calendars.services import feed_for_user

    planned = log(
        tree,
        li_qiang_profile,
        [(wang_fang, 60)],
        duration=60,
        when=at(2026, 12, 5),
        status=SupervisionSession.Status.PLANNED,
    )
    services.session_cancel(session=planned, cancelled_by=li_qiang.user)
    feed = feed_for_user(user=wang_fang.user)
    body = client.get(reverse("calendars:feed", args=[feed.token])).content
    event = next(
        e
        for e in _parse(body).walk("VEVENT")
        if str(e["UID"]).endswith(f"-{planned.pk}@shegongzhan")
    )
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 2


def test_session_page_shows_the_change_history(
    client, li_qiang, wang_fang, session, wang_fang_part
):
    services.supervisee_confirm(supervisee=wang_fang_part, confirmed_by=wang_fang.user)
    services.session_update(session=session, edited_by=li_qiang.user, duration_minutes=150)
    client.force_login(li_qiang.user)
    page = client.get(reverse("supervision:session_detail", args=[session.pk])).content.decode()
    assert "session.update" in page
    assert "supervisee.confirm" in page


def test_log_with_a_co_supervisor(client, log_url, wang_fang, tree, grades):
    from tests import factories

    other = factories.PersonFactory(name="周红", region=tree.city, user=factories.UserFactory())
    profile = services.supervisor_profile_create(
        person=other,
        committee_level="city",
        grade=grades[2],
        starts_on=dt.date(2020, 1, 1),
        created_by=None,
    )
    services.assignment_create(
        supervisor=profile,
        target=tree.station_a,
        mode="resident",
        starts_on=dt.date(2025, 1, 1),
        planned_end_on=dt.date(2027, 12, 31),
        created_by=None,
    )
    assert "周红" in client.get(log_url).content.decode()
    assert (
        client.post(log_url, {**_form(wang_fang), "co_supervisors": [profile.pk]}).status_code
        == 302
    )
    session = SupervisionSession.objects.get()
    assert {s.person.name for s in session.supervisors.all()} == {"李强", "周红"}
    uids = {e.uid for e in calendar_events.events_for_user(user=other.user)}
    assert f"supervision-session-{session.pk}@shegongzhan" in uids


def test_chief_supervisor_reaches_the_log_form_from_the_station_page(client, li_qiang, tree):
    client.force_login(li_qiang.user)
    page = client.get(reverse("supervision:station_sessions", args=[tree.station_a.pk]))
    assert reverse("supervision:session_log", args=[tree.station_a.pk]) in page.content.decode()


@pytest.mark.parametrize("name", ["99999.xlsx", "0.pdf", "2014.xlsx", "9999.pdf", "10000.xlsx"])
def test_archive_of_a_year_outside_the_portal_is_404(client, zhang_min, tree, name):
    client.force_login(zhang_min.user)
    response = client.get(f"/supervision/stations/{tree.station_a.pk}/archive/{name}")
    assert response.status_code == 404


def test_a_year_outside_the_portal_in_the_query_is_refused_with_a_message(client, zhang_min, tree):
    client.force_login(zhang_min.user)
    grid = client.get(reverse("supervision:grid"), {"year": "99999"})
    assert grid.status_code == 200 and "年度应在" in grid.content.decode()
    url = reverse("supervision:station_sessions", args=[tree.station_a.pk])
    sessions = client.get(url, {"year": "10000", "month": "13"})
    text = sessions.content.decode()
    assert sessions.status_code == 200 and "年度应在" in text and "月份应为" in text


@pytest.mark.parametrize("started_at", ["9999-12-31T09:30", "1900-01-01T09:30"])
def test_a_session_outside_the_portals_years_is_refused(client, log_url, wang_fang, started_at):
    response = client.post(log_url, _form(wang_fang, started_at=started_at, status="planned"))
    assert response.status_code == 200 and "日期应在" in response.content.decode()
    assert not SupervisionSession.objects.exists()
