import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from directory.models import Person, Position, ServicePoint
from imports.models import ImportBatch
from tests import factories
from tests.imports.files import person_row, point_row, upload

pytestmark = pytest.mark.django_db


def post_upload(client, kind, rows) -> ImportBatch:
    response = client.post(reverse("imports:upload"), {"kind": kind, "file": upload(kind, rows)})
    assert response.status_code == 302, response.content.decode()
    return ImportBatch.objects.latest("pk")


def test_zhang_min_imports_points_then_people(
    client, tree, zhang_min, django_capture_on_commit_callbacks
):
    client.force_login(zhang_min.user)
    point = point_row(tree, {"编号": "430102001-09", "名称": "定王台第二社工站"})
    batch = post_upload(client, "service_points", [point])
    response = client.post(reverse("imports:commit", args=[batch.pk]))
    assert response["Location"] == reverse("imports:result", args=[batch.pk])
    assert ServicePoint.objects.get(code="430102001-09").region == tree.town_a

    people = [
        person_row(
            tree, {"服务站点编号": "430102001-09", "岗位": "站长", "电子邮箱": "head@example.cn"}
        ),
        person_row(
            tree, {"服务站点编号": "430102001-09", "电子邮箱": "worker@example.cn", "专职": "否"}
        ),
        person_row(tree, {"服务站点编号": "", "岗位": "", "任职起始日期": ""}),
    ]
    batch = post_upload(client, "people", people)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
    assert response.status_code == 200
    assert "导入成功，共 3 行" in response.content.decode()
    assert Person.objects.filter(name="赵一").count() == 3
    positions = Position.objects.filter(service_point__code="430102001-09")
    assert sorted(positions.values_list("role", "full_time")) == [
        ("resident_worker", False),
        ("station_head", True),
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "head@example.cn",
        "worker@example.cn",
    ]
    assert "站长" in next(m.body for m in mail.outbox if m.to == ["head@example.cn"])
    assert AuditEvent.objects.filter(verb="import.commit").count() == 2

    again = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
    assert "不能" in again.content.decode()
    assert Person.objects.filter(name="赵一").count() == 3


def test_commit_revalidation_failure_saves_nothing(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    rows = [person_row(tree), person_row(tree)]
    batch = post_upload(client, "people", rows)
    factories.PersonFactory(
        region=tree.county_a, id_number=rows[1]["身份证号"], mobile="", gender=""
    )
    response = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
    html = response.content.decode()
    assert "未保存任何数据" in html
    assert "该身份证号无法使用，请核对或联系上级管理员。" in html
    assert "确认导入" not in html
    assert not Person.objects.filter(name="赵一").exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == "failed"


def test_other_admin_gets_404_and_nothing_is_saved(client, tree, zhang_min, chen_jing):
    client.force_login(zhang_min.user)
    batch = post_upload(client, "service_points", [point_row(tree, {"编号": "X-1"})])
    client.force_login(chen_jing.user)
    assert client.post(reverse("imports:commit", args=[batch.pk])).status_code == 404
    assert not ServicePoint.objects.filter(code="X-1").exists()


def test_editor_gets_403(client, tree, zhang_min, editor):
    client.force_login(zhang_min.user)
    batch = post_upload(client, "service_points", [point_row(tree)])
    client.force_login(editor)
    assert client.post(reverse("imports:commit", args=[batch.pk])).status_code == 403


def test_commit_needs_post(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    batch = post_upload(client, "service_points", [point_row(tree)])
    assert client.get(reverse("imports:commit", args=[batch.pk])).status_code == 405
    assert ImportBatch.objects.get(pk=batch.pk).status == "preview"
