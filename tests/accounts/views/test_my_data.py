"""/me/data.json and /me/data.pdf: a person's own copy of everything the portal holds about
them, gathered from every app, and never anyone else's."""

import datetime as dt
import json

from django.urls import reverse

from credentials import services as credential_services
from credentials.models import Certificate
from lms.models import HourEntry
from tests import factories
from tests.pdf_tools import pdf_text


def _hours(person, minutes=600):
    HourEntry.objects.create(
        person=person,
        on=dt.date(2025, 3, 1),
        minutes=minutes,
        kind="continuing",
        providing_level="county",
        source="adjustment",
        reason="测试",
    )


def _certificate(person):
    return credential_services.certificate_issue(
        holder=person,
        kind=Certificate.Kind.HOURS,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        snapshot={"title": "2025 年度学时证明"},
        issued_by=None,
        render_after_commit=False,
    )


def test_json_holds_own_data_from_every_app(
    client, wang_fang, li_qiang, django_assert_max_num_queries
):
    _hours(wang_fang, minutes=600)
    _hours(li_qiang, minutes=777)
    certificate = _certificate(wang_fang)
    client.force_login(wang_fang.user)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("accounts:my_data", args=["json"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    sections = json.loads(response.content)["sections"]
    assert sections["人员信息"][0]["身份证号"] == wang_fang.id_number
    assert sections["任职经历"][0]["服务站点"] == "定王台街道社工站"
    assert [row["分钟"] for row in sections["学时记录"]] == [600]
    assert [row["查验码"] for row in sections["证明"]] == [certificate.short_code]
    for title in ("接受督导", "提供督导", "培训报名", "竞赛作品", "实习学籍", "实习申请"):
        assert sections[title] == []
    body = response.content.decode()
    assert li_qiang.id_number not in body and li_qiang.name not in body and "777" not in body


def test_pdf_holds_own_data(client, wang_fang, li_qiang):
    _hours(wang_fang)
    client.force_login(wang_fang.user)

    response = client.get(reverse("accounts:my_data", args=["pdf"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "个人数据副本" in text and wang_fang.name in text and "学时记录" in text
    assert li_qiang.name not in text


def test_account_without_a_person_gets_404(client, db):
    client.force_login(factories.UserFactory())
    assert client.get(reverse("accounts:my_data", args=["json"])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("accounts:my_data", args=["json"]))
    assert response.status_code == 302


def test_home_links_to_the_download(client, wang_fang):
    client.force_login(wang_fang.user)
    page = client.get(reverse("accounts:overview")).content.decode()
    assert reverse("accounts:my_data", args=["pdf"]) in page


def test_other_formats_are_404(client, wang_fang):
    client.force_login(wang_fang.user)
    assert client.get(reverse("accounts:my_data", args=["xlsx"])).status_code == 404
