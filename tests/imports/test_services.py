import pytest
from django.db import connection

from accounts.models import Invitation
from audit.models import AuditEvent
from directory.models import Person, Position, ServicePoint
from imports import columns, services
from imports.models import ImportBatch
from outbox.models import OutgoingMail
from tests import factories
from tests.imports.files import person_row, point_row, upload

pytestmark = pytest.mark.django_db


def preview(user, kind, rows, **options) -> ImportBatch:
    return services.import_preview(
        user=user, kind=kind, uploaded_file=upload(kind, rows, **options)
    )


def test_preview_stores_rows_encrypted_and_saves_nothing_else(tree, zhang_min):
    row = person_row(tree)
    batch = preview(zhang_min.user, columns.PEOPLE, [row, person_row(tree)], as_csv=True)
    assert (batch.status, batch.row_count, batch.error_count) == ("preview", 2, 0)
    assert batch.created_by == zhang_min.user and batch.filename == "导入.csv"
    with connection.cursor() as cursor:
        cursor.execute("SELECT rows FROM imports_importbatch WHERE id = %s", [batch.pk])
        stored = cursor.fetchone()[0]
    assert row["身份证号"] not in stored and row["手机号"] not in stored
    assert ImportBatch.objects.get(pk=batch.pk).entries[0]["values"]["身份证号"] == row["身份证号"]
    assert not Person.objects.filter(name="赵一").exists()


def test_preview_with_errors_is_failed(tree, zhang_min):
    batch = preview(
        zhang_min.user, columns.SERVICE_POINTS, [point_row(tree), point_row(tree, {"类型": "?"})]
    )
    assert (batch.status, batch.error_count) == ("failed", 1)
    assert not batch.is_committable
    with pytest.raises(services.ImportRefused):
        services.import_commit(batch=batch, user=zhang_min.user)
    assert not ServicePoint.objects.filter(name="新建社工站").exists()


def test_commit_creates_everything_once(tree, zhang_min):
    rows = [person_row(tree, {"电子邮箱": "zhao@example.cn"}), person_row(tree, {"岗位": "站长"})]
    batch = preview(zhang_min.user, columns.PEOPLE, rows)
    batch = services.import_commit(batch=batch, user=zhang_min.user)
    assert batch.status == "committed" and batch.committed_at
    assert Person.objects.filter(name="赵一").count() == 2
    assert Position.objects.filter(service_point=tree.station_a, person__name="赵一").count() == 2
    invitation = Invitation.objects.get(email="zhao@example.cn")
    assert invitation.service_point == tree.station_a and invitation.person.name == "赵一"
    assert OutgoingMail.objects.filter(to="zhao@example.cn").count() == 1
    event = AuditEvent.objects.get(verb="import.commit")
    assert event.target_id == str(batch.pk) and event.after == {"rows": 2}

    stale = ImportBatch.objects.get(pk=batch.pk)
    with pytest.raises(services.ImportRefused):
        services.import_commit(batch=stale, user=zhang_min.user)
    stale.status = "preview"  # even a stale copy in memory cannot commit twice
    with pytest.raises(services.ImportRefused):
        services.import_commit(batch=stale, user=zhang_min.user)
    assert Person.objects.filter(name="赵一").count() == 2


def test_commit_revalidates_and_saves_nothing_when_the_database_changed(tree, zhang_min):
    first, second = point_row(tree), point_row(tree)
    batch = preview(zhang_min.user, columns.SERVICE_POINTS, [first, second])
    factories.ServicePointFactory(region=tree.town_a, code=second["编号"])  # taken meanwhile
    batch = services.import_commit(batch=batch, user=zhang_min.user)
    assert (batch.status, batch.error_count, batch.committed_at) == ("failed", 1, None)
    assert not ServicePoint.objects.filter(code=first["编号"]).exists()
    assert not AuditEvent.objects.filter(verb="import.commit").exists()
    stored = ImportBatch.objects.get(pk=batch.pk)
    assert stored.status == "failed"
    assert "已被其他服务站点使用" in stored.entries[1]["errors"][0][1]


def test_only_the_creator_may_commit(tree, zhang_min, chen_jing):
    batch = preview(zhang_min.user, columns.SERVICE_POINTS, [point_row(tree)])
    with pytest.raises(services.ImportRefused):
        services.import_commit(batch=batch, user=chen_jing.user)
    assert ImportBatch.objects.get(pk=batch.pk).status == "preview"
