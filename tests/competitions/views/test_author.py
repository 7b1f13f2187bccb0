"""Authors' pages (R14): my entries, a new entry, its text, co-authors, files, the
de-identification checklist and warnings, submitting, and a frozen entry read-only."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from competitions.models import Competition, Entry, EntryFile
from competitions.services import contests, entries
from tests import factories
from tests.competitions.conftest import CASE_TEXT, CLOSE, DURING, OPEN, make_competition

CHECKLIST = {"names": "on", "numbers": "on", "files": "on", "consent": "on"}
SECTIONS = {f"section_{key}": text for key, text in CASE_TEXT.items()}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft(case, wang_fang):
    entry = entries.entry_create(
        competition=case, author=wang_fang, title="独居老人个案", by=None, now=DURING
    )
    entries.entry_update(entry=entry, by=None, title=entry.title, sections=CASE_TEXT, now=DURING)
    return entry


def _entry_url(entry, name="competitions:entry"):
    return reverse(name, args=[entry.pk])


def test_my_entries_lists_own_and_open_competitions(client, draft, wang_fang, clock):
    clock(DURING)
    client.force_login(wang_fang.user)
    response = client.get(reverse("competitions:my_entries"))
    assert response.status_code == 200
    assert "独居老人个案" in response.text and "草稿" in response.text
    assert reverse("competitions:entry_new", args=[draft.competition_id]) in response.text


def test_my_entries_reads_a_fixed_number_of_queries(
    client, wang_fang, zhang_min, tree, clock, django_assert_max_num_queries
):
    for number in range(8):
        competition = make_competition(zhang_min.user, tree.county_a, title=f"评选{number}")
        contests.competition_publish(competition=competition, by=zhang_min.user, now=OPEN)
        entries.entry_create(
            competition=competition, author=wang_fang, title=f"作品{number}", by=None, now=DURING
        )
    clock(DURING)
    client.force_login(wang_fang.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("competitions:my_entries"))
    assert response.text.count("作品") >= 8


def test_my_entries_needs_a_person_and_a_sign_in(client, db):
    assert client.get(reverse("competitions:my_entries")).status_code == 302
    client.force_login(factories.UserFactory())
    assert client.get(reverse("competitions:my_entries")).status_code == 403


def test_an_author_starts_an_entry(client, case, wang_fang, clock):
    clock(DURING)
    client.force_login(wang_fang.user)
    url = reverse("competitions:entry_new", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "社区营造案例"})
    entry = Entry.objects.get()
    assert response["Location"] == _entry_url(entry)
    assert entry.author == wang_fang and entry.title == "社区营造案例"


def test_an_entry_after_the_deadline_is_refused(client, case, wang_fang, clock):
    clock(CLOSE)
    client.force_login(wang_fang.user)
    response = client.post(reverse("competitions:entry_new", args=[case.pk]), {"title": "迟到"})
    assert "报送已截止" in response.text
    assert not Entry.objects.exists()


def test_only_its_authors_see_an_entry(client, draft, chen_jing, zhang_min, clock):
    clock(DURING)
    for stranger in (chen_jing, zhang_min):
        client.force_login(stranger.user)
        assert client.get(_entry_url(draft)).status_code == 404
        assert client.post(_entry_url(draft, "competitions:entry_submit")).status_code == 404


def test_a_co_author_reads_but_does_not_edit(client, draft, tree, clock):
    clock(DURING)
    user = factories.UserFactory()
    coauthor = factories.PersonFactory(name="孙合作", region=tree.county_b, user=user)
    draft.coauthors.add(coauthor)
    client.force_login(user)
    page = client.get(_entry_url(draft))
    assert page.status_code == 200 and "只有第一作者" in page.text
    assert 'name="section_background"' not in page.text
    assert client.post(_entry_url(draft), {"title": "改"}).status_code == 403


def test_saving_text_with_personal_data_warns_with_masked_numbers(client, draft, wang_fang, clock):
    clock(DURING)
    client.force_login(wang_fang.user)
    data = {
        "title": "独居老人个案",
        "client_names": "张阿婆",
        **SECTIONS,
        "section_background": "张阿婆，电话13912345678。",
    }
    response = client.post(_entry_url(draft), data, follow=True)
    assert "已保存" in response.text and "疑似手机号" in response.text
    assert "服务对象姓名" in response.text and "脱敏提醒" in response.text
    shown = [str(message) for message in response.context["messages"]]
    assert shown and not any("13912345678" in message for message in shown)
    warnings = response.text.split('class="comp-warnings"')[1].split("</section>")[0]
    assert "139…78" in warnings and "13912345678" not in warnings
    draft.refresh_from_db()
    assert draft.sections["background"] == "张阿婆，电话13912345678。"


def test_a_missing_title_keeps_the_typed_text(client, draft, wang_fang, clock):
    clock(DURING)
    client.force_login(wang_fang.user)
    response = client.post(_entry_url(draft), {"title": "", **SECTIONS, "section_plan": "新计划"})
    assert response.status_code == 400
    assert "请填写作品标题" in response.text and "新计划" in response.text


def test_a_co_author_is_added_by_exact_name_and_number(client, draft, wang_fang, tree, clock):
    clock(DURING)
    other = factories.PersonFactory(name="赵六", region=tree.county_b)
    client.force_login(wang_fang.user)
    url = _entry_url(draft, "competitions:coauthor_add")
    response = client.post(url, {"name": "钱七", "number": other.id_number}, follow=True)
    assert "无法添加" in response.text and "赵六" not in response.text
    response = client.post(url, {"name": "赵六", "number": other.id_number}, follow=True)
    assert "合作者已添加" in response.text and "赵六" in response.text
    assert list(draft.coauthors.all()) == [other]
    remove = reverse("competitions:coauthor_remove", args=[draft.pk, other.pk])
    client.post(remove)
    assert not draft.coauthors.exists()


def test_a_file_is_attached_and_removed(client, draft, wang_fang, clock):
    clock(DURING)
    client.force_login(wang_fang.user)
    upload = SimpleUploadedFile("附件.pdf", b"%PDF-1.4 attachment")
    response = client.post(_entry_url(draft, "competitions:file_add"), {"upload": upload})
    assert response.status_code == 302
    attachment = EntryFile.objects.get()
    assert "附件.pdf" in client.get(_entry_url(draft)).text
    client.post(reverse("competitions:file_remove", args=[draft.pk, attachment.pk]))
    assert not EntryFile.objects.exists()


def test_a_video_contest_refuses_what_is_not_a_video(client, wang_fang, zhang_min, tree, clock):
    competition = make_competition(zhang_min.user, tree.county_a, kind=Competition.Kind.VIDEO)
    contests.competition_publish(competition=competition, by=zhang_min.user, now=OPEN)
    entry = entries.entry_create(
        competition=competition, author=wang_fang, title="v", by=None, now=DURING
    )
    clock(DURING)
    client.force_login(wang_fang.user)
    upload = SimpleUploadedFile("片子.pdf", b"%PDF-1.4 x")
    response = client.post(
        _entry_url(entry, "competitions:file_add"), {"upload": upload}, follow=True
    )
    assert "只接受以下格式的视频" in response.text
    assert not EntryFile.objects.exists()


def test_submitting_needs_every_line_of_the_checklist(client, draft, wang_fang, clock):
    clock(DURING)
    client.force_login(wang_fang.user)
    url = _entry_url(draft, "competitions:entry_submit")
    response = client.post(url, {**CHECKLIST, "consent": ""}, follow=True)
    assert "脱敏" in response.text
    draft.refresh_from_db()
    assert draft.submitted_at is None
    response = client.post(url, CHECKLIST, follow=True)
    assert "作品已提交" in response.text
    draft.refresh_from_db()
    assert draft.submitted_at == DURING and draft.deidentified
    client.post(_entry_url(draft, "competitions:entry_withdraw"))
    draft.refresh_from_db()
    assert draft.submitted_at is None


def test_a_frozen_entry_is_read_only(client, draft, wang_fang, clock):
    entries.entry_submit(entry=draft, by=None, deidentified=True, now=DURING)
    clock(CLOSE + dt.timedelta(hours=1))
    client.force_login(wang_fang.user)
    page = client.get(_entry_url(draft))
    assert "已封存" in page.text and 'name="section_background"' not in page.text
    draft.refresh_from_db()
    assert draft.content_sha256 in page.text
    response = client.post(_entry_url(draft), {"title": "改标题", **SECTIONS})
    assert "封存" in response.text
    draft.refresh_from_db()
    assert draft.title == "独居老人个案"
