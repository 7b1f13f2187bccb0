"""The policy library: importing documents, their pages, and links from rules to clauses."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Revision

from cms.demo_seed import report
from cms.models import PolicyClause, PolicyDocumentPage, PolicyLibraryPage
from cms.models.policies import clause_anchor
from cms.services import policy_library
from quotas.models import PolicyRule
from quotas.services import policy_packs
from tests import factories

pytestmark = pytest.mark.django_db

PLAN = """\
某省民政厅关于印发
《某省社工站三年行动方案
（2021-2023年）》的通知

某省民政厅
2021年8月18日

某省社工站三年行动方案（2021-2023年）

{opening}
二、目标任务
（二）工作任务：
4、持证者占比逐年提高，2021年不低于30%，每年新增10%。
三、重点工作
（八）加强队伍建设，完善激励机制。市县两级分别确保驻站社工每年接受专业督导不少于12、24小时。
"""
OPENING = "为推动项目提质增效，特制定本方案。" * 6
HUNAN_FILE = "hunan-2021-2023-station-action-plan.txt"


def write_plan(folder: Path, name: str = HUNAN_FILE, opening: str = OPENING) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(PLAN.format(opening=opening), encoding="utf-8")
    return path


def run(folder: Path) -> str:
    out = StringIO()
    call_command("import_policy_documents", str(folder), stdout=out)
    return out.getvalue()


def revisions() -> int:
    return Revision.page_revisions.count()


def test_import_creates_the_library_and_a_published_document(tmp_path):
    output = run(write_plan(tmp_path / "docs").parent)
    library = PolicyLibraryPage.objects.get()
    assert (library.slug, library.url) == ("policies", "/policies/")
    page = PolicyDocumentPage.objects.get()
    assert page.live and page.get_parent().specific == library
    assert (page.title, page.issuer, str(page.issued_on)) == (
        "某省社工站三年行动方案（2021-2023年）",
        "某省民政厅",
        "2021-08-18",
    )
    assert page.status == PolicyDocumentPage.Status.IN_FORCE
    assert page.preamble == OPENING
    assert [c.citation for c in page.clauses.all()] == [
        "二、", "二、（二）", "二、（二）4", "三、", "三、（八）",
    ]  # fmt: skip
    assert page.clauses.get(citation="三、（八）").heading == "加强队伍建设，完善激励机制"
    assert "新建：《某省社工站三年行动方案（2021-2023年）》" in output


def test_import_twice_changes_nothing_and_an_edit_makes_one_revision(tmp_path):
    folder = write_plan(tmp_path / "docs").parent
    run(folder)
    pages, count = PolicyDocumentPage.objects.count(), revisions()
    clause_ids = set(PolicyClause.objects.values_list("pk", flat=True))
    assert "未变：" in run(folder)
    assert (PolicyDocumentPage.objects.count(), revisions()) == (pages, count)
    assert set(PolicyClause.objects.values_list("pk", flat=True)) == clause_ids

    write_plan(folder, opening="为推动项目提质增效，特制定本方案（修订）。" * 6)
    assert "更新：" in run(folder)
    assert (PolicyDocumentPage.objects.count(), revisions()) == (pages, count + 1)
    page = PolicyDocumentPage.objects.get()
    assert "修订" in page.preamble
    assert page.clauses.get(citation="二、（二）4").anchor == clause_anchor("二、(二)4")


def test_an_issuer_entered_by_an_editor_stays_when_the_text_names_none(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "report.txt").write_text(f"某地经验\n{OPENING}\n一、做法\n正文。\n", encoding="utf-8")
    run(folder)
    page = PolicyDocumentPage.objects.get()
    page.issuer = "某市民政局"
    page.save_revision().publish()
    run(folder)
    assert PolicyDocumentPage.objects.get().issuer == "某市民政局"


@pytest.mark.parametrize("problem", ["missing", "empty", "not-utf8", "no-title"])
def test_a_bad_folder_or_file_is_refused_in_chinese_and_nothing_is_written(tmp_path, problem):
    folder = tmp_path / "docs"
    if problem != "missing":
        folder.mkdir()
    write_plan(folder) if problem in ("not-utf8", "no-title") else None
    if problem == "not-utf8":
        (folder / "zz.txt").write_bytes("某省方案".encode("gb18030"))
    if problem == "no-title":
        (folder / "zz.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(CommandError, match="文件"):
        run(folder)
    assert not PolicyDocumentPage.objects.exists()


@pytest.fixture
def hunan(tree):
    """Hunan's 2021–2023 plan (R4, R8, R12 …) for the conftest's province."""
    pack, _, _ = policy_packs.policy_pack_load(name="hunan")
    return pack


@pytest.fixture
def seeds() -> Path:
    folder = Path(settings.POLICY_SEEDS_DIR)
    if not folder.is_dir():
        pytest.skip(f"policy documents folder not found: {folder}")
    return folder


@pytest.fixture
def every_pack(tree, zhejiang, beijing):
    """Every pack of quotas/packs.py, as `load_policy_pack --all` writes them."""
    yunnan = factories.region("云南省", "530000", "province")
    dali = factories.region("大理白族自治州", "532900", "city", yunnan)
    factories.region("云龙县", "532929", "county", dali)
    call_command("load_policy_pack", "--all", stdout=StringIO())


def test_every_rule_of_every_pack_links_to_a_clause_of_its_imported_document(seeds, every_pack):
    run(seeds)
    assert PolicyDocumentPage.objects.count() == len(list(seeds.glob("*.txt")))
    from cms.selectors.policy_library import clause_links

    links = clause_links(request=None)
    rules = PolicyRule.objects.select_related("pack").exclude(pack__name="national")
    assert rules.count() > 20
    for rule in rules:
        url = links.url_for(rule)
        assert url, (rule.pack.name, rule.code, rule.source_clause)
        page = PolicyDocumentPage.objects.get(source_file=rule.pack.source_document)
        assert page.clauses.filter(anchor=clause_anchor(rule.source_clause)).exists()
    national = PolicyRule.objects.filter(pack__name="national").select_related("pack").first()
    assert links.url_for(national) is None


def test_worker_progress_links_each_rule_to_its_clause(client, hunan, wang_fang, tmp_path):
    run(write_plan(tmp_path / "docs").parent)
    client.force_login(wang_fang.user)
    page = client.get(reverse("quotas:mine"), {"year": "2023"}).content.decode()
    anchor = "%E4%B8%89%E3%80%81%28%E5%85%AB%29"  # 三、(八), percent-encoded
    href = f'<a href="/policies/hunan-2021-2023-station-action-plan/#{anchor}">三、（八）</a>'
    assert href in page


def test_yearly_score_sheet_links_each_rule_to_its_clause(
    client, tree, hunan, wang_fang, zhang_min, tmp_path
):
    policy_packs.policy_pack_load(name="national")  # the score sheet's default weights
    run(write_plan(tmp_path / "docs").parent)
    client.force_login(zhang_min.user)
    url = reverse("quotas:station_evaluation", args=[tree.station_a.pk, 2023])
    page = client.get(url).content.decode()
    anchor = "%E4%BA%8C%E3%80%81%28%E4%BA%8C%29"  # 二、(二), percent-encoded
    assert f'<a href="/policies/hunan-2021-2023-station-action-plan/#{anchor}4">' in page


def test_a_rule_whose_document_is_not_imported_shows_its_citation_unlinked(
    client, hunan, wang_fang
):
    client.force_login(wang_fang.user)
    page = client.get(reverse("quotas:mine"), {"year": "2023"}).content.decode()
    assert "三、（八）" in page and "/policies/" not in page


def test_document_page_lists_the_rules_citing_each_clause(client, hunan, tmp_path):
    run(write_plan(tmp_path / "docs").parent)
    response = client.get("/policies/hunan-2021-2023-station-action-plan/")
    assert response.status_code == 200  # public: no sign-in
    page = response.content.decode()
    assert 'id="三、(八)"' in page and 'id="二、(二)4"' in page
    citing = page[page.index('id="三、(八)"') :]
    assert "R8 县级督导" in citing and "湖南省" in citing and "2021-01-01 至 2023-12-31" in citing
    staff_share = page[page.index('id="二、(二)4"') : page.index('id="三、"')]
    assert "R4" in staff_share and "R8" not in staff_share


def test_library_page_lists_documents_in_few_queries(
    client, tmp_path, django_assert_max_num_queries
):
    folder = tmp_path / "docs"
    for n in range(6):
        write_plan(folder, name=f"plan-{n}.txt")
    run(folder)
    client.get("/policies/")  # warm the site's root paths
    with django_assert_max_num_queries(10):  # Wagtail's routing, then one for the documents
        response = client.get("/policies/")
    page = response.content.decode()
    assert page.count("某省社工站三年行动方案") == 6
    assert "某省民政厅" in page and "2021-08-18" in page


def test_document_page_queries_do_not_grow_with_clauses_or_rules(
    client, hunan, tmp_path, django_assert_max_num_queries
):
    run(write_plan(tmp_path / "docs").parent)
    client.get("/policies/hunan-2021-2023-station-action-plan/")
    with django_assert_max_num_queries(12):  # routing 8, trail, clauses, rules, site paths
        assert client.get("/policies/hunan-2021-2023-station-action-plan/").status_code == 200


def test_demo_report_says_how_to_fill_an_empty_library(settings, tmp_path):
    settings.POLICY_SEEDS_DIR = tmp_path / "absent"
    lines = report()
    assert "政策文件库为空" in lines[0] and "import_policy_documents" in lines[1]
    run(write_plan(tmp_path / "docs").parent)
    assert report() == ["政策文件库：1 份文件，见 /policies/"]


def _document_form(title: str, clauses: list[tuple[str, str]], action: str) -> dict:
    data = {
        "title": title,
        "slug": "local-plan",
        "issuer": "某县民政局",
        "issued_on": "2026-03-01",
        "source_file": "local-plan.txt",
        "status": "in_force",
        "preamble": "",
        "clauses-TOTAL_FORMS": str(len(clauses)),
        "clauses-INITIAL_FORMS": "0",
        "clauses-MIN_NUM_FORMS": "0",
        "clauses-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        action: action.removeprefix("action-"),
    }
    for n, (citation, text) in enumerate(clauses):
        data |= {
            f"clauses-{n}-citation": citation,
            f"clauses-{n}-depth": "1",
            f"clauses-{n}-heading": "",
            f"clauses-{n}-text": text,
            f"clauses-{n}-ORDER": str(n + 1),
            f"clauses-{n}-DELETE": "",
        }
    return data


def test_an_editor_creates_and_edits_a_policy_document_in_the_admin(client, admin_user, home):
    library = policy_library.policy_library_ensure()
    client.force_login(admin_user)
    add = reverse("wagtailadmin_pages:add", args=["cms", "policydocumentpage", library.pk])
    form = _document_form(
        "某县社工站实施方案", [("一、", "总体要求。"), ("二、", "督导安排。")], "action-publish"
    )
    assert client.post(add, form).status_code == 302
    document = PolicyDocumentPage.objects.get(source_file="local-plan.txt")
    assert document.live and list(document.clauses.values_list("citation", "anchor")) == [
        ("一、", "一、"),
        ("二、", "二、"),
    ]
    twice = _document_form("重复条款", [("一、", "甲"), ("一、", "乙")], "action-publish")
    edit = reverse("wagtailadmin_pages:edit", args=[document.pk])
    refused = client.post(edit, twice)  # one citation twice: they would share an anchor
    assert refused.status_code == 200 and "本文件中已有同一编号的条款。" in refused.content.decode()
    document.refresh_from_db()
    assert document.title == "某县社工站实施方案"
    page = client.get("/policies/local-plan/").content.decode()
    assert "督导安排。" in page
