"""Bulk student import by the university's coordinator (R15), through the site's importer."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Invitation
from accounts.roles import Role
from directory.models import Person
from imports import kinds, services
from imports.models import ImportBatch
from imports.parsing import RawRow
from outbox.models import OutgoingMail
from practicum import student_import
from practicum.models import Programme, Student
from tests import factories
from tests.imports.files import XLSX, lines_of, xlsx_file
from tests.practicum.conftest import person_with_user

pytestmark = pytest.mark.django_db
KIND = student_import.KEY
UPLOAD = "/imports/"


def student_row(world, **changes) -> dict:
    """A valid row for 湖南师范大学's BSW programme, with `changes` (keyed by header) applied."""
    number = factories.make_id_number(area="430102")
    row = {
        "姓名": "新学生",
        "身份证号": number,
        "学历": "本科",
        "电子邮箱": f"s{number[-6:]}@example.com",
        "学号": f"2024{number[-4:]}",
        "年级": "2024级",
        "专业": world.programme.name,
        "校内导师": world.tutor.user.email,
    }
    return {**row, **changes}


def upload_file(rows: list[dict]) -> SimpleUploadedFile:
    return xlsx_file(lines_of(KIND, rows))


def preview(client, user, rows):
    client.force_login(user)
    response = client.post(UPLOAD, {"kind": KIND, "file": upload_file(rows)})
    return response, ImportBatch.objects.filter(created_by=user).latest("pk")


def errors_of(batch) -> dict[int, list[tuple[str, str]]]:
    return {entry["line"]: entry["errors"] for entry in batch.entries}


def test_the_site_importer_is_its_own_mount():
    assert reverse("imports_site:upload") == UPLOAD
    assert reverse("imports:upload") == "/admin/imports/"


def test_the_template_downloads_and_previews_without_errors(client, practicum):
    user = practicum.coordinator.user
    client.force_login(user)
    response = client.get(reverse("imports_site:template", args=[KIND]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == kinds.kind_of(KIND).headers
    uploaded = SimpleUploadedFile("模板.xlsx", response.content, content_type=XLSX)
    client.post(UPLOAD, {"kind": KIND, "file": uploaded})
    batch = ImportBatch.objects.get(created_by=user)
    assert (batch.row_count, batch.error_count) == (1, 0), batch.entries


def test_a_good_file_is_previewed_masked_then_committed(client, practicum):
    w = practicum
    rows = [
        student_row(w, 手机号=factories.make_mobile()),
        student_row(w, 姓名="林学生", 校内导师="孙导师", 年级=""),
    ]
    response, batch = preview(client, w.coordinator.user, rows)
    assert response.status_code == 302
    assert response["Location"] == reverse("imports_site:preview", args=[batch.pk])
    assert (batch.row_count, batch.error_count) == (2, 0), batch.entries

    html = client.get(response["Location"]).content.decode()
    assert rows[0]["身份证号"] not in html
    assert rows[0]["身份证号"][-4:] in html
    assert reverse("imports_site:commit", args=[batch.pk]) in html
    assert "/admin/" not in html

    response = client.post(reverse("imports_site:commit", args=[batch.pk]))
    assert response["Location"] == reverse("imports_site:result", args=[batch.pk])
    for row in rows:
        student = Student.objects.select_related("person").get(student_number=row["学号"])
        assert (student.programme, student.tutor) == (w.programme, w.tutor)
        assert student.person.name == row["姓名"]
        invitation = Invitation.objects.get(email=row["电子邮箱"])
        assert (invitation.role, invitation.university) == (Role.PRACTICUM_STUDENT, w.university)
        assert OutgoingMail.objects.filter(to=row["电子邮箱"]).exists()
    assert Person.objects.with_mobile(rows[0]["手机号"]).get().name == "新学生"
    result = client.get(response["Location"]).content.decode()
    assert reverse("practicum:coord_home") in result


def test_a_file_with_every_kind_of_error_saves_nothing(client, practicum):
    w = practicum
    twice = factories.make_id_number()
    valid = factories.make_id_number()
    bad_check_digit = valid[:-1] + ("1" if valid.endswith("0") else "0")  # never the right one
    rows = [
        student_row(w, 姓名=""),  # 2
        student_row(w, 身份证号="4.30102199001e+17"),  # 3
        student_row(w, 身份证号=bad_check_digit),  # 4
        student_row(w, 身份证号=twice),  # 5
        student_row(w, 身份证号=twice),  # 6
        student_row(w, 专业="心理学"),  # 7
        student_row(w, 校内导师=w.other_tutor.user.email),  # 8
        student_row(w, 学号=w.student.student_number),  # 9
        student_row(w, 学号="2024X"),  # 10
        student_row(w, 学号="2024X"),  # 11
        student_row(w, 电子邮箱="not-an-email"),  # 12
        student_row(w, 电子邮箱=w.student.person.user.email),  # 13
        student_row(w, 手机号="12345"),  # 14
        student_row(w, 学历="小学"),  # 15
        student_row(w, 姓名="钱学生", 身份证号=w.student.person.id_number),  # 16
        student_row(w, 所属高校="中南大学"),  # 17
    ]
    students, people = Student.objects.count(), Person.objects.count()
    _response, batch = preview(client, w.coordinator.user, rows)
    errors = errors_of(batch)
    expected = {
        2: ("姓名", "此项必填"),
        3: ("身份证号", "科学计数法"),
        4: ("身份证号", "校验码"),
        5: ("身份证号", "第 5、6 行"),
        6: ("身份证号", "第 5、6 行"),
        7: ("专业", "本校没有名为“心理学”的专业"),
        8: ("校内导师", "未找到该校内导师"),
        9: ("学号", "此专业已有相同学号的学生"),
        10: ("学号", "第 10、11 行"),
        12: ("电子邮箱", "格式不正确"),
        13: ("电子邮箱", "本校已有其他学生使用该电子邮箱"),
        14: ("手机号", "手机号应为 11 位"),
        15: ("学历", "请填写以下之一"),
        16: ("身份证号", "该学生已在此专业登记"),
        17: ("所属高校", "未找到该高校"),
    }
    for line, (column, text) in expected.items():
        assert any(c == column and text in m for c, m in errors[line]), (line, errors[line])
    assert batch.error_count == len(rows)
    assert batch.status == ImportBatch.Status.FAILED

    html = client.get(reverse("imports_site:preview", args=[batch.pk])).content.decode()
    assert "本校没有名为“心理学”的专业" in html
    response = client.post(reverse("imports_site:commit", args=[batch.pk]), follow=True)
    assert "不能导入" in response.content.decode()
    assert (Student.objects.count(), Person.objects.count()) == (students, people)
    assert not Invitation.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_an_id_number_held_outside_the_university_is_not_leaked(client, practicum):
    w = practicum
    stranger = factories.PersonFactory(name="外人甲", region=w.tree.county_b)
    rows = [student_row(w, 姓名="外人甲", 身份证号=stranger.id_number)]
    _response, batch = preview(client, w.coordinator.user, rows)
    assert errors_of(batch)[2] == [["身份证号", "该身份证号无法使用，请核对或联系上级管理员。"]]
    html = client.get(reverse("imports_site:preview", args=[batch.pk])).content.decode()
    assert stranger.id_number not in html
    assert w.tree.county_b.name not in html


def test_another_universitys_student_reads_the_same(practicum):
    w = practicum
    row = student_row(
        w, 姓名=w.other_student.person.name, 身份证号=w.other_student.person.id_number
    )
    results = student_import.validate(rows=_raw([row]), user=w.coordinator.user)
    assert results[0].errors == [("身份证号", "该身份证号无法使用，请核对或联系上级管理员。")]


def test_the_universitys_own_tutor_may_be_imported_as_a_student(practicum):
    w = practicum
    row = student_row(w, 姓名=w.tutor.name, 身份证号=w.tutor.id_number, 校内导师="")
    results = student_import.validate(rows=_raw([row]), user=w.coordinator.user)
    assert results[0].errors == []
    student_import.save(results=results, user=w.coordinator.user)
    assert Student.objects.get(student_number=row["学号"]).person == w.tutor


def test_a_coordinator_of_several_universities_names_the_university(practicum):
    w = practicum
    factories.RoleGrantFactory(
        user=w.coordinator.user, role=Role.UNIVERSITY_COORDINATOR, university=w.other_university
    )
    rows = [
        student_row(w),
        student_row(w, 所属高校=w.other_university.name, 校内导师=w.other_tutor.name),
    ]
    results = student_import.validate(rows=_raw(rows), user=w.coordinator.user)
    assert results[0].errors == [("所属高校", "您负责多所高校的实习，请填写所属高校。")]
    assert results[1].errors == []
    assert results[1].student.programme == w.other_programme


def test_a_tutor_named_twice_must_be_named_by_email(practicum):
    w = practicum
    namesake = person_with_user(
        "孙导师", w.tree.city, role=Role.PRACTICUM_TUTOR, university=w.university
    )
    results = student_import.validate(
        rows=_raw(
            [student_row(w, 校内导师="孙导师"), student_row(w, 校内导师=namesake.user.email)]
        ),
        user=w.coordinator.user,
    )
    assert results[0].errors == [("校内导师", "本校有多位同名的实习导师，请改填导师的电子邮箱。")]
    assert results[1].student.tutor == namesake


def test_checking_a_file_costs_the_same_queries_whatever_its_length(
    practicum, django_assert_max_num_queries
):
    w = practicum
    Programme.objects.create(
        university=w.university, name="社会政策", degree=Programme.Degree.MSW, required_hours=600
    )
    rows = [student_row(w, 手机号=factories.make_mobile()) for _ in range(25)]
    with django_assert_max_num_queries(14):
        results = student_import.validate(rows=_raw(rows), user=w.coordinator.user)
    assert not any(result.errors for result in results)


def test_a_change_between_preview_and_commit_refuses_the_whole_file(client, practicum):
    w = practicum
    rows = [student_row(w), student_row(w)]
    _response, batch = preview(client, w.coordinator.user, rows)
    Student.objects.create(
        person=w.tutor, programme=w.programme, student_number=rows[1]["学号"], cohort=""
    )
    batch = services.import_commit(batch=batch, user=w.coordinator.user)
    assert batch.status == ImportBatch.Status.FAILED
    assert not Student.objects.filter(student_number=rows[0]["学号"]).exists()
    assert not Invitation.objects.exists()


def test_another_universitys_coordinator_cannot_see_or_commit_the_batch(client, practicum):
    w = practicum
    _response, batch = preview(client, w.coordinator.user, [student_row(w)])
    client.force_login(w.other_coordinator.user)
    assert client.get(reverse("imports_site:preview", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports_site:commit", args=[batch.pk])).status_code == 404
    assert client.get(reverse("imports_site:result", args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEW
    assert not Student.objects.filter(student_number=batch.entries[0]["values"]["学号"]).exists()


@pytest.mark.parametrize(
    "who", ["worker", "head_b", "head_a", "tutor", "student", "field_supervisor"]
)
def test_people_without_an_importable_kind_get_403_on_the_site_importer(client, practicum, who):
    w = practicum
    person = getattr(w, who)
    user = person.person.user if who == "student" else person.user
    client.force_login(user)
    response = client.get(UPLOAD)
    assert response.status_code == 403
    assert "您没有可以批量导入的内容" in response.content.decode()
    assert client.get(reverse("imports_site:template", args=[KIND])).status_code == 403


def test_a_region_admin_may_not_import_students(client, practicum):
    client.force_login(practicum.county_b_admin.user)
    assert client.get(UPLOAD, {"kind": KIND}).status_code == 403
    assert client.get(reverse("imports_site:template", args=[KIND])).status_code == 403


def test_the_student_list_links_to_the_import_with_the_kind_chosen(client, practicum):
    w = practicum
    client.force_login(w.coordinator.user)
    url = reverse("practicum:coord_students", args=[w.university.pk])
    html = client.get(url).content.decode()
    assert f"{UPLOAD}?kind={KIND}" in html
    assert reverse("imports_site:template", args=[KIND]) in html
    page = client.get(UPLOAD, {"kind": KIND}).content.decode()
    assert f'<option value="{KIND}" selected>' in page


def test_the_upload_page_costs_a_fixed_number_of_queries(
    client, practicum, django_assert_max_num_queries
):
    w = practicum
    for _ in range(3):
        preview(client, w.coordinator.user, [student_row(w)])
    with django_assert_max_num_queries(12):
        assert client.get(UPLOAD).status_code == 200


def _raw(rows: list[dict]):
    headers = kinds.kind_of(KIND).headers
    return [
        RawRow(line, {header: str(row.get(header, "")) for header in headers})
        for line, row in enumerate(rows, start=2)
    ]
