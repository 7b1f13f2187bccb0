import pytest
from django.urls import reverse

from directory.identity import mask_id_number, mask_mobile
from directory.models import Person
from imports import columns, services
from tests import factories
from tests.imports.files import person_row, upload

pytestmark = pytest.mark.django_db


def batch_of(user, rows, kind=columns.PEOPLE):
    return services.import_preview(user=user, kind=kind, uploaded_file=upload(kind, rows))


def test_preview_masks_id_and_mobile_and_offers_commit(client, tree, zhang_min):
    row = person_row(tree)
    batch = batch_of(zhang_min.user, [row])
    client.force_login(zhang_min.user)
    response = client.get(reverse("imports:preview", args=[batch.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert row["身份证号"] not in html and row["手机号"] not in html
    assert mask_id_number(row["身份证号"]) in html and mask_mobile(row["手机号"]) in html
    assert "确认导入" in html
    assert reverse("imports:commit", args=[batch.pk]) in html


def test_file_with_bad_rows_lists_every_bad_row_and_saves_nothing(client, tree, zhang_min):
    rows = [
        person_row(tree),
        person_row(tree, {"身份证号": "430102199001011230"}),  # wrong check digit
        person_row(tree),
        person_row(tree, {"档案所属区域代码": tree.county_b.code}),
        person_row(tree, {"学历": "大学", "手机号": "12"}),
    ]
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("imports:upload"), {"kind": "people", "file": upload("people", rows)}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "确认导入" not in html
    assert "有 3 行存在错误，本文件的任何数据都不会保存" in html
    for message in (
        "校验码不正确",
        "未找到行政区划代码 430103，或不在您的管理范围内",
        "学历",
        "手机号应为 11 位",
    ):
        assert message in html
    assert html.count('class="import-error-row"') == 3
    assert html.count('class="import-error"') == 4  # ID, region, education, mobile cells
    assert not Person.objects.filter(name="赵一").exists()


def test_only_error_rows_filter(client, tree, zhang_min):
    batch = batch_of(zhang_min.user, [person_row(tree), person_row(tree, {"学历": "?"})])
    client.force_login(zhang_min.user)
    html = client.get(reverse("imports:preview", args=[batch.pk]), {"errors": "1"}).content.decode()
    assert html.count('class="import-error-row"') == 1
    assert "✓" not in html  # the good row is hidden


def test_other_admin_gets_404(client, tree, zhang_min, chen_jing):
    batch = batch_of(zhang_min.user, [person_row(tree)])
    client.force_login(chen_jing.user)
    for name in ("imports:preview", "imports:result"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404


def test_editor_gets_403(client, tree, zhang_min, editor):
    batch = batch_of(zhang_min.user, [person_row(tree)])
    client.force_login(editor)
    assert client.get(reverse("imports:preview", args=[batch.pk])).status_code == 403


def test_anonymous_is_sent_to_login(client, tree, zhang_min):
    batch = batch_of(zhang_min.user, [person_row(tree)])
    response = client.get(reverse("imports:preview", args=[batch.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_query_count_does_not_grow_with_rows(
    client, tree, zhang_min, django_assert_max_num_queries
):
    small = batch_of(zhang_min.user, [person_row(tree)])
    large = batch_of(zhang_min.user, [person_row(tree) for _ in range(60)])
    client.force_login(zhang_min.user)
    client.get(reverse("imports:preview", args=[small.pk]))  # warm caches shared by all pages
    with django_assert_max_num_queries(12) as captured:
        client.get(reverse("imports:preview", args=[small.pk]))
    with django_assert_max_num_queries(len(captured)):
        response = client.get(reverse("imports:preview", args=[large.pk]))
    assert response.content.decode().count("✓") == 60


def test_someone_in_another_county_is_neither_named_nor_placed(client, tree, zhang_min):
    """County A imports a county-B worker's ID and mobile: the page says only "cannot be used"."""
    zhao = factories.PersonFactory(name="赵六", region=tree.county_b)
    factories.PositionFactory(person=zhao, service_point=tree.station_b)
    row = person_row(tree, {"身份证号": zhao.id_number, "手机号": zhao.mobile})
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("imports:upload"), {"kind": "people", "file": upload("people", [row])}, follow=True
    )
    html = response.content.decode()
    assert "该身份证号无法使用，请核对或联系上级管理员。" in html
    assert "该手机号无法使用，请核对或联系上级管理员。" in html
    for hint in ("赵六", "名下", "已登记", tree.county_b.name, tree.station_b.name):
        assert hint not in html
    assert Person.objects.filter(name="赵一").count() == 0
