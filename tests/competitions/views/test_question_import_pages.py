"""The question bank page and the Excel import of questions through the importer's pages (R14):
template, preview, commit, result; who may do what."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEvent
from competitions import question_import
from competitions.models import Question
from competitions.services import quiz as quiz_services
from imports.models import ImportBatch
from tests import factories
from tests.competitions.question_rows import question_row
from tests.imports.files import XLSX, lines_of, xlsx_file

pytestmark = pytest.mark.django_db
KIND = question_import.KEY
BANK = "/competitions/manage/questions/"


@pytest.fixture
def editor(tree):
    """A content editor: reaches the Wagtail admin but may not run competitions."""
    user = factories.UserFactory(email="editor@example.cn", last_name="刘编")
    factories.RoleGrantFactory(user=user, role=Role.EDITOR, region=tree.city)
    return user


def upload(client, rows: list[dict]):
    uploaded = xlsx_file(lines_of(KIND, rows), name="题库.xlsx")
    return client.post(reverse("imports:upload"), {"kind": KIND, "file": uploaded}, follow=True)


def bank_question(region, by, text):
    return quiz_services.question_create(
        region=region,
        by=by,
        kind="single",
        text=text,
        options=["甲", "乙"],
        key=[0],
        topic="政策",
        difficulty=2,
    )


def test_url():
    assert reverse("competitions:question_bank") == BANK


def test_bank_page_leads_to_the_import_and_its_template(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    html = client.get(BANK).content.decode()
    assert f'href="{reverse("imports:upload")}?kind={KIND}"' in html
    assert "从 Excel 导入" in html
    assert reverse("imports:template", args=[KIND]) in html
    organiser_list = client.get(reverse("competitions:organiser_list")).content.decode()
    assert BANK in organiser_list


def test_the_import_page_preselects_the_kind(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    html = client.get(reverse("imports:upload"), {"kind": KIND}).content.decode()
    assert f'<option value="{KIND}" selected>题库试题</option>' in html
    assert reverse("imports:template", args=[KIND]) in html


def test_bank_page_lists_the_users_banks_only(
    client, tree, zhang_min, chen_jing, django_assert_max_num_queries
):
    bank_question(tree.county_a, zhang_min.user, "芙蓉区的题")
    bank_question(tree.town_a, zhang_min.user, "定王台街道的题")
    bank_question(tree.county_b, chen_jing.user, "天心区的题")
    client.force_login(zhang_min.user)
    html = client.get(BANK).content.decode()
    assert "芙蓉区的题" in html and "定王台街道的题" in html
    assert "天心区的题" not in html

    with django_assert_max_num_queries(20) as captured:
        client.get(BANK)
    for n in range(25):
        bank_question(tree.county_a, zhang_min.user, f"更多的题{n}")
    with django_assert_max_num_queries(len(captured)):
        response = client.get(BANK)
    assert response.content.decode().count("更多的题") == 25


@pytest.mark.parametrize("who", ["wang_fang", "li_qiang"])
def test_bank_page_refuses_who_runs_no_competitions(client, request, who):
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(BANK).status_code == 403


def test_template_download_previews_and_commits_untouched(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(reverse("imports:template", args=[KIND]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    data, notes = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets
    headers = [column.header for column in question_import.COLUMNS]
    assert [cell.value for cell in data[1]] == headers
    assert "选项F" in headers and notes.title == "说明"
    assert [cell.value for cell in notes["A"]][1 : len(headers) + 1] == headers
    region_cell = data.cell(row=2, column=headers.index("所属区域") + 1)
    assert region_cell.value == tree.county_a.code  # the top bank she manages

    for round_number in (1, 2):  # the second template's stem is not the one just imported
        template = client.get(reverse("imports:template", args=[KIND])).content
        uploaded = SimpleUploadedFile("模板.xlsx", template, content_type=XLSX)
        client.post(reverse("imports:upload"), {"kind": KIND, "file": uploaded})
        batch = ImportBatch.objects.latest("pk")
        assert (batch.row_count, batch.error_count) == (1, 0), batch.entries
        client.post(reverse("imports:commit", args=[batch.pk]))
        assert Question.objects.filter(region=tree.county_a).count() == round_number


def test_a_good_file_is_previewed_then_committed(client, tree, zhang_min):
    rows = [
        question_row(tree),
        question_row(
            tree,
            {"题干": "哪些属于个案工作的阶段？", "题型": "多选", "选项D": "结案"}
            | {"正确答案": "A,C,D", "主题": "个案工作", "难度": "难"},
        ),
        question_row(
            tree,
            {"题干": "社工站应当建立督导记录。", "题型": "判断", "正确答案": "错"}
            | {"选项A": "", "选项B": "", "选项C": "", "所属区域": tree.town_a.name},
        ),
    ]
    client.force_login(zhang_min.user)
    preview = upload(client, rows)
    html = preview.content.decode()
    assert "导入内容：题库试题；共 3 行，其中 0 行有错误。" in html
    assert "确认导入" in html
    assert not Question.objects.exists()

    batch = ImportBatch.objects.get(created_by=zhang_min.user)
    result = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
    html = result.content.decode()
    assert "导入成功，共 3 行" in html
    assert f'href="{BANK}"' in html and "查看题库" in html
    saved = {
        question.text: (question.region, question.kind, question.options, question.key)
        for question in Question.objects.all()
    }
    assert saved == {
        "社会工作者的首要使命是什么？": (
            tree.county_a,
            "single",
            ["助人自助", "完成指标", "维持秩序"],
            [0],
        ),
        "哪些属于个案工作的阶段？": (
            tree.county_a,
            "multiple",
            ["助人自助", "完成指标", "维持秩序", "结案"],
            [0, 2, 3],
        ),
        "社工站应当建立督导记录。": (tree.town_a, "true_false", ["正确", "错误"], [1]),
    }
    multiple = Question.objects.get(kind="multiple")
    assert (multiple.topic, multiple.difficulty) == ("个案工作", 3)
    assert AuditEvent.objects.filter(verb="competition_question.create").count() == 3
    assert AuditEvent.objects.filter(verb="import.commit").count() == 1

    again = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
    assert "不能" in again.content.decode()
    assert Question.objects.count() == 3


def test_a_file_with_errors_lists_each_and_saves_nothing(client, tree, zhang_min):
    rows = [
        question_row(tree),
        question_row(tree, {"题型": "填空"}),
        question_row(tree, {"题干": "第二题", "选项B": "", "选项C": ""}),
        question_row(tree, {"题干": "第三题", "正确答案": "A,B"}),
        question_row(tree, {"题干": "第四题", "正确答案": "E"}),
        question_row(tree, {"题干": "第五题", "题型": "判断", "正确答案": "A"}),
        question_row(tree, {"题干": "第六题", "难度": "超难", "所属区域": "999999"}),
    ]
    client.force_login(zhang_min.user)
    html = upload(client, rows).content.decode()
    assert "有 7 行存在错误，本文件的任何数据都不会保存" in html
    assert "确认导入" not in html
    for message in (
        "文件中有多行的题干相同（第 2、3 行）。",
        "题型请填写“单选”“多选”或“判断”。",
        "至少需要两个互不相同的选项。",
        "单选题和判断题只有一个答案，多选题至少两个答案。",
        "正确答案中的 E 没有对应的选项。",
        "判断题不填选项（固定为“正确”“错误”），请将选项列留空。",
        "判断题的正确答案请填写“对”或“错”。",
        "难度请填写“易”“中”或“难”。",
        "区域不存在或不在您的管理范围内。",
    ):
        assert message in html, message
    assert html.count('class="import-error-row"') == 7

    batch = ImportBatch.objects.get(created_by=zhang_min.user)
    refused = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
    assert "该批次已经导入过或存在错误，不能导入。" in refused.content.decode()
    assert not Question.objects.exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == "failed"


def test_a_region_outside_scope_is_not_named(client, tree, zhang_min, chen_jing):
    client.force_login(zhang_min.user)
    html = upload(client, [question_row(tree, {"所属区域": tree.county_b.code})]).content.decode()
    assert "区域不存在或不在您的管理范围内。" in html
    assert tree.county_b.name not in html
    assert not Question.objects.exists()


def test_a_stem_added_to_the_bank_after_the_preview_fails_the_commit(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    upload(client, [question_row(tree), question_row(tree, {"题干": "另一题"})])
    batch = ImportBatch.objects.get(created_by=zhang_min.user)
    bank_question(tree.county_a, zhang_min.user, question_row(tree)["题干"])
    html = client.post(reverse("imports:commit", args=[batch.pk]), follow=True).content.decode()
    assert "未保存任何数据" in html
    assert "该区域的题库中已有相同题干的试题。" in html
    assert list(Question.objects.values_list("text", flat=True)) == ["社会工作者的首要使命是什么？"]


def test_who_may_not_run_competitions_gets_403_for_this_kind(client, tree, editor):
    client.force_login(editor)
    assert client.get(reverse("imports:template", args=[KIND])).status_code == 403
    assert client.get(reverse("imports:upload"), {"kind": KIND}).status_code == 403
    uploaded = xlsx_file(lines_of(KIND, [question_row(tree)]))
    response = client.post(reverse("imports:upload"), {"kind": KIND, "file": uploaded})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_another_users_batch_is_404(client, tree, zhang_min, chen_jing):
    client.force_login(zhang_min.user)
    upload(client, [question_row(tree)])
    batch = ImportBatch.objects.get(created_by=zhang_min.user)
    client.force_login(chen_jing.user)
    for name in ("imports:preview", "imports:result"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:commit", args=[batch.pk])).status_code == 404
    assert not Question.objects.exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == "preview"
