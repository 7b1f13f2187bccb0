"""The coordinator's pages (R15): the right user succeeds; another university's coordinator,
students, station B's head, county B's administrator and a plain worker get 404 outside their
scope, 403 where they may see but not act; list pages read a fixed number of queries."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Invitation
from audit.models import AuditEvent
from practicum.models import Placement, PracticeBase, Student
from tests import factories
from tests.practicum.coordinator.conftest import accept, pdf

OUTSIDERS = ["other_coordinator", "other_student", "head_b", "county_b_admin", "worker"]


def _user(world, who):
    if who in ("student", "other_student", "second_student"):
        return getattr(world, who).person.user
    return getattr(world, who).user


def _university_urls(world):
    u = world.university.pk
    names = [
        "coord_dashboard",
        "coord_export",
        "coord_bases",
        "coord_base_new",
        "coord_placements",
        "coord_students",
        "coord_student_new",
        "coord_tutor_new",
        "coord_programmes",
        "coord_programme_new",
        "coord_evaluation_form_new",
    ]
    return [reverse(f"practicum:{name}", args=[u]) for name in names]


def _object_urls(world):
    return [
        reverse("practicum:coord_base_edit", args=[world.base.pk]),
        reverse("practicum:coord_placement_new", args=[world.base.pk]),
        reverse("practicum:coord_placement_edit", args=[world.placement.pk]),
    ]


def test_the_coordinator_opens_every_page(client, practicum):
    client.force_login(practicum.coordinator.user)
    for url in [*_university_urls(practicum), *_object_urls(practicum)]:
        assert client.get(url).status_code == 200, url
    assert (
        client.get(reverse("practicum:coord_base_detail", args=[practicum.base.pk])).status_code
        == 200
    )
    response = client.get(reverse("practicum:coord_programme_edit", args=[practicum.programme.pk]))
    assert response.status_code == 200
    url = reverse("practicum:coord_evaluation_form_edit", args=[practicum.form.pk])
    assert client.get(url).status_code == 200
    home = client.get(reverse("practicum:coord_home"))
    assert home.url == reverse("practicum:coord_dashboard", args=[practicum.university.pk])


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404(client, practicum, who):
    client.force_login(_user(practicum, who))
    urls = [
        *_university_urls(practicum),
        *_object_urls(practicum),
        reverse("practicum:coord_base_detail", args=[practicum.base.pk]),
        reverse("practicum:coord_base_document", args=[practicum.base.pk]),
        reverse("practicum:coord_base_supervisors", args=[practicum.base.pk]),
        reverse("practicum:coord_programme_edit", args=[practicum.programme.pk]),
        reverse("practicum:coord_evaluation_form_edit", args=[practicum.form.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for name in ("coord_placement_publish", "coord_placement_close"):
        url = reverse(f"practicum:{name}", args=[practicum.placement.pk])
        assert client.post(url).status_code == 404


@pytest.mark.parametrize("who", ["student", "tutor"])
def test_the_universitys_students_and_tutors_get_403(client, practicum, who):
    client.force_login(_user(practicum, who))
    for url in _university_urls(practicum):
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("practicum:coord_home")).status_code == 403


@pytest.mark.parametrize("who", ["head_a", "field_supervisor"])
def test_the_host_sees_the_base_but_does_not_manage_it(client, practicum, who):
    client.force_login(_user(practicum, who))
    assert (
        client.get(reverse("practicum:coord_base_detail", args=[practicum.base.pk])).status_code
        == 200
    )
    for url in _object_urls(practicum)[:2]:
        assert client.get(url).status_code == 403, url


def test_the_signed_document_goes_to_those_who_see_the_base(client, practicum, media):
    base = practicum.base
    base.document.save("x.pdf", pdf(), save=False)
    base.document_name = "协议.pdf"
    base.save()
    url = reverse("practicum:coord_base_document", args=[base.pk])
    for who in ("coordinator", "head_a", "field_supervisor"):
        client.force_login(_user(practicum, who))
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.force_login(practicum.head_b.user)
    assert client.get(url).status_code == 404


def test_a_new_agreement_with_a_pdf(client, practicum, media):
    client.force_login(practicum.coordinator.user)
    url = reverse("practicum:coord_base_new", args=[practicum.university.pk])
    search = client.get(url, {"q": practicum.tree.station_b.name})
    assert practicum.tree.station_b.code in search.content.decode()
    data = {
        "host_code": practicum.tree.station_b.code,
        "school": "社会学系",
        "kind": "teaching",
        "starts_on": "2026-03-01",
        "ends_on": "2027-02-28",
        "signed_on": "2026-02-20",
    }
    response = client.post(url, data | {"document": pdf()})
    base = PracticeBase.objects.get(service_point=practicum.tree.station_b)
    assert response.url == reverse("practicum:coord_base_detail", args=[base.pk])


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf(name="协议.docx", content=b"PK\x03\x04rest"), "只接受 PDF"),
        (pdf(content=b"<html>not a pdf</html>"), "文件内容与文件类型不符"),
    ],
)
def test_a_document_that_is_not_a_pdf_is_refused(client, practicum, media, upload, message):
    client.force_login(practicum.coordinator.user)
    url = reverse("practicum:coord_base_new", args=[practicum.university.pk])
    data = {
        "host_code": practicum.tree.station_b.code,
        "kind": "teaching",
        "starts_on": "2026-03-01",
        "ends_on": "2027-02-28",
        "document": upload,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PracticeBase.objects.filter(service_point=practicum.tree.station_b).exists()


def test_the_host_names_field_supervisors(client, practicum):
    w = practicum
    url = reverse("practicum:coord_base_supervisors", args=[w.base.pk])
    client.force_login(w.coordinator.user)
    assert client.get(url).status_code == 403
    client.force_login(w.head_a.user)
    outsider = factories.PersonFactory(region=w.tree.county_b)
    response = client.post(url, {"people": [w.field_supervisor.pk, outsider.pk]})
    assert response.status_code == 200
    assert set(w.base.field_supervisors.all()) == {w.field_supervisor}
    response = client.post(url, {"people": [w.field_supervisor.pk, w.worker.pk]})
    assert response.status_code == 302
    assert set(w.base.field_supervisors.all()) == {w.field_supervisor, w.worker}
    assert AuditEvent.objects.filter(verb="practice_base.field_supervisors").exists()


def test_a_placement_outside_the_agreement_is_refused_on_the_page(client, practicum):
    w = practicum
    client.force_login(w.coordinator.user)
    data = {
        "title": "儿童服务实习",
        "field": "children",
        "term": "2027 春季学期",
        "places": 2,
        "starts_on": "2026-11-01",
        "ends_on": "2027-03-01",
        "weekly_schedule": "每周二",
        "field_supervisor": w.field_supervisor.pk,
        "tutor": w.tutor.pk,
    }
    url = reverse("practicum:coord_placement_new", args=[w.base.pk])
    response = client.post(url, data)
    assert "协议期限" in response.content.decode()
    assert not Placement.objects.filter(title="儿童服务实习").exists()
    response = client.post(url, data | {"ends_on": "2026-12-20"})
    placement = Placement.objects.get(title="儿童服务实习")
    assert response.url == reverse("practicum:coord_placement_edit", args=[placement.pk])
    client.post(reverse("practicum:coord_placement_publish", args=[placement.pk]))
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PUBLISHED


def test_a_student_is_added_on_the_page(client, practicum):
    w = practicum
    client.force_login(w.coordinator.user)
    url = reverse("practicum:coord_student_new", args=[w.university.pk])
    data = {
        "name": "新学生",
        "id_number": factories.make_id_number(),
        "education": "bachelor",
        "email": "new@example.com",
        "student_number": "2024100",
        "programme": w.programme.pk,
        "tutor": w.other_tutor.pk,
    }
    assert client.post(url, data).status_code == 200
    assert not Student.objects.filter(student_number="2024100").exists()
    response = client.post(url, data | {"tutor": w.tutor.pk})
    assert response.status_code == 302
    assert Student.objects.filter(student_number="2024100").exists()
    assert Invitation.objects.filter(email="new@example.com").exists()


def test_student_list_searches_and_reads_fixed_queries(
    client, practicum, django_assert_max_num_queries
):
    w = practicum
    for number in range(40):
        Student.objects.create(
            person=factories.PersonFactory(region=w.tree.city),
            programme=w.programme,
            student_number=f"2025{number:03d}",
        )
    client.force_login(w.coordinator.user)
    url = reverse("practicum:coord_students", args=[w.university.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert "冯学生" not in response.content.decode()
    response = client.get(url, {"q": "钱学"})
    assert "2023001" in response.content.decode()
    assert "2023002" not in response.content.decode()


def _many_placements(world, count):
    for index in range(count):
        placement = Placement.objects.create(
            base=world.base,
            title=f"岗位{index}",
            field="other",
            term="2026 春季学期",
            places=3,
            starts_on=dt.date(2026, 1, 5),
            ends_on=dt.date(2026, 1, 30),
            weekly_schedule="每周一",
            field_supervisor=world.field_supervisor,
            tutor=world.tutor,
            status=Placement.Status.PUBLISHED,
        )
        student = Student.objects.create(
            person=factories.PersonFactory(region=world.tree.city),
            programme=world.programme,
            student_number=f"2026{index:03d}",
        )
        accept(world, student, placement)


@pytest.mark.parametrize("name", ["coord_dashboard", "coord_placements", "coord_bases"])
def test_lists_read_a_fixed_number_of_queries(
    client, practicum, django_assert_max_num_queries, name
):
    _many_placements(practicum, 15)
    accept(practicum, practicum.student)
    client.force_login(practicum.coordinator.user)
    url = reverse(f"practicum:{name}", args=[practicum.university.pk])
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_dashboard_shows_hours_and_evaluations_due(client, practicum, monkeypatch):
    w = practicum
    accept(w, w.student)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 5, 1))
    client.force_login(w.coordinator.user)
    text = client.get(reverse("practicum:coord_dashboard", args=[w.university.pk])).content
    text = text.decode()
    assert "钱学生" in text
    assert "800.0" in text
    assert "中期评价" in text


def test_export_has_one_row_per_accepted_application_and_no_id_numbers(client, practicum):
    w = practicum
    accept(w, w.student)
    client.force_login(w.coordinator.user)
    url = reverse("practicum:coord_export", args=[w.university.pk])
    response = client.get(url, {"term": "2026 春季学期"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][:3] == ("2023001", "钱学生", "社会工作")
    assert str(rows[1][7]) == "800"
    cells = " ".join(str(cell) for row in rows for cell in row)
    assert w.student.person.id_number not in cells
    empty = client.get(url, {"term": "2030 秋季学期"})
    assert len(list(load_workbook(BytesIO(empty.content)).active.iter_rows())) == 1
