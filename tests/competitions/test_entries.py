"""Entries (R14): eligibility, limits, co-authors, files, de-identification, submit, freeze."""

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEvent
from competitions import permissions, rules
from competitions.models import Competition, Entry, EntryFile
from competitions.services import contests, entries
from competitions.tasks import deadlines_apply
from tests import factories
from tests.competitions.conftest import CASE_TEXT, CLOSE, DURING, OPEN, make_competition


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _draft(case, wang_fang, **text):
    entry = entries.entry_create(
        competition=case, author=wang_fang, title="独居老人个案", by=wang_fang.user, now=DURING
    )
    entry, warnings = entries.entry_update(
        entry=entry,
        by=wang_fang.user,
        title="独居老人个案",
        sections=CASE_TEXT,
        now=DURING,
        **text,
    )
    return entry


def test_an_eligible_author_drafts_an_entry_with_a_short_code(case, wang_fang):
    entry = _draft(case, wang_fang)
    assert entry.service_point_id == wang_fang.positions.get().service_point_id
    assert len(entry.code) == 7 and entry.code[3] == "-"
    assert not set(entry.code.replace("-", "")) - set(entries.CODE_ALPHABET)


def test_an_entry_after_the_deadline_is_refused_and_nothing_saved(case, wang_fang):
    with pytest.raises(ValidationError, match="报送已截止"):
        entries.entry_create(
            competition=case, author=wang_fang, title="迟到", by=wang_fang.user, now=CLOSE
        )
    assert not Entry.objects.exists()


def test_a_person_outside_the_eligible_regions_may_not_enter(case, tree):
    stranger = factories.PersonFactory(region=tree.county_b)
    factories.PositionFactory(person=stranger, service_point=tree.station_b)
    with pytest.raises(ValidationError, match="参赛范围"):
        entries.entry_create(competition=case, author=stranger, title="x", by=None, now=DURING)


def test_eligible_roles_are_checked_over_current_positions(tree, zhang_min, wang_fang):
    competition = make_competition(zhang_min.user, tree.county_a, eligible_roles=["station_head"])
    contests.competition_publish(competition=competition, by=zhang_min.user, now=OPEN)
    with pytest.raises(ValidationError, match="参赛范围"):
        entries.entry_create(
            competition=competition, author=wang_fang, title="x", by=None, now=DURING
        )


def test_an_author_enters_at_most_entries_per_author(case, wang_fang):
    _draft(case, wang_fang)
    with pytest.raises(ValidationError, match="最多报送 1 件"):
        entries.entry_create(competition=case, author=wang_fang, title="二", by=None, now=DURING)
    assert Entry.objects.count() == 1


def test_a_co_author_is_added_only_by_name_and_number(case, wang_fang, tree):
    entry = _draft(case, wang_fang)
    other = factories.PersonFactory(name="赵六", region=tree.county_b)
    with pytest.raises(ValidationError) as refused:
        entries.entry_coauthor_add(
            entry=entry, by=wang_fang.user, name="钱七", number=other.mobile, now=DURING
        )
    assert "赵六" not in str(refused.value) and "无法添加" in str(refused.value)
    entries.entry_coauthor_add(
        entry=entry, by=wang_fang.user, name="赵六", number=other.id_number, now=DURING
    )
    assert list(entry.coauthors.all()) == [other]


def test_personal_data_in_text_comes_back_as_warnings(case, wang_fang):
    entry = entries.entry_create(competition=case, author=wang_fang, title="t", by=None, now=DURING)
    _entry, warnings = entries.entry_update(
        entry=entry,
        by=None,
        title="t",
        sections={**CASE_TEXT, "background": "服务对象张阿婆，电话13912345678。"},
        client_names="张阿婆",
        now=DURING,
    )
    assert {w.what for w in warnings} == {"mobile", "client_name"}
    assert all("13912345678" not in w.message for w in warnings)


def _docx(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document><w:t>{text}</w:t></w:document>")
    return buffer.getvalue()


def test_a_document_is_read_for_personal_data(case, wang_fang):
    entry = _draft(case, wang_fang, client_names="李大爷")
    upload = SimpleUploadedFile("案例.docx", _docx("李大爷住在三楼"))
    attachment, warnings = entries.entry_file_add(
        entry=entry, by=wang_fang.user, upload=upload, now=DURING
    )
    assert [w.what for w in warnings] == ["client_name"]
    assert attachment.sha256 == hashlib.sha256(_docx("李大爷住在三楼")).hexdigest()


@pytest.fixture
def video_contest(tree, zhang_min):
    competition = make_competition(zhang_min.user, tree.county_a, kind=Competition.Kind.VIDEO)
    return contests.competition_publish(competition=competition, by=zhang_min.user, now=OPEN)


MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("片子.mp4", MP4 + b"\x00" * 200, "不能超过"),
        ("片子.pdf", b"%PDF-1.4 x", "只接受以下格式的视频"),
        ("片子.mp4", b"%PDF-1.4 not a video", "内容与文件类型不符"),
    ],
)
def test_a_video_over_the_limit_or_not_a_video_is_refused(
    settings, video_contest, wang_fang, name, content, message
):
    settings.COMPETITION_VIDEO_MAX_BYTES = 100
    entry = entries.entry_create(
        competition=video_contest, author=wang_fang, title="v", by=None, now=DURING
    )
    with pytest.raises(ValidationError, match=message):
        entries.entry_file_add(
            entry=entry, by=None, upload=SimpleUploadedFile(name, content), now=DURING
        )
    assert not EntryFile.objects.exists()


def test_submit_requires_the_de_identification_checklist(case, wang_fang):
    entry = _draft(case, wang_fang)
    with pytest.raises(ValidationError, match="脱敏"):
        entries.entry_submit(entry=entry, by=None, deidentified=False, now=DURING)
    entry.refresh_from_db()
    assert entry.submitted_at is None
    entries.entry_submit(entry=entry, by=None, deidentified=True, now=DURING)
    assert entry.submitted_at == DURING


def test_a_case_entry_needs_every_section(case, wang_fang):
    entry = entries.entry_create(competition=case, author=wang_fang, title="t", by=None, now=DURING)
    with pytest.raises(ValidationError, match="每个栏目"):
        entries.entry_submit(entry=entry, by=None, deidentified=True, now=DURING)


def test_entries_freeze_at_the_deadline_with_their_hash(case, wang_fang):
    entry = _draft(case, wang_fang)
    upload = SimpleUploadedFile("附件.pdf", b"%PDF-1.4 attachment")
    attachment, _w = entries.entry_file_add(entry=entry, by=None, upload=upload, now=DURING)
    entries.entry_submit(entry=entry, by=None, deidentified=True, now=DURING)
    assert entries.competition_entries_freeze(competition=case, now=DURING) == 0
    after = CLOSE + dt.timedelta(minutes=1)
    assert entries.competition_entries_freeze(competition=case, now=after) == 1
    entry.refresh_from_db()
    assert entry.frozen_at == after
    assert entry.content_sha256 == rules.content_digest(
        title=entry.title, sections=CASE_TEXT, body="", file_hashes=[attachment.sha256]
    )
    assert AuditEvent.objects.filter(verb="competition_entry.freeze").count() == 1


def test_the_task_freezes_entries_past_their_deadline(case, wang_fang, monkeypatch):
    _draft(case, wang_fang)
    monkeypatch.setattr(timezone, "now", lambda: CLOSE + dt.timedelta(minutes=5))
    assert deadlines_apply() == (1, 0)
    assert Entry.objects.get().is_frozen


def test_an_entry_opened_after_the_deadline_is_frozen_and_cannot_change(case, wang_fang):
    entry = _draft(case, wang_fang)
    later = CLOSE + dt.timedelta(hours=1)
    loaded = permissions.entry_for_author(user=wang_fang.user, entry_id=entry.pk, now=later)
    assert loaded.is_frozen and loaded.content_sha256
    with pytest.raises(ValidationError, match="封存"):
        entries.entry_update(entry=loaded, by=None, title="改标题", sections=CASE_TEXT, now=later)
    assert Entry.objects.get().title == "独居老人个案"


def test_a_submitted_entry_is_withdrawn_before_it_changes(case, wang_fang):
    entry = _draft(case, wang_fang)
    entries.entry_submit(entry=entry, by=None, deidentified=True, now=DURING)
    with pytest.raises(ValidationError, match="先撤回"):
        entries.entry_update(entry=entry, by=None, title="新", sections=CASE_TEXT, now=DURING)
    entries.entry_withdraw(entry=entry, by=None, now=DURING)
    entry, _w = entries.entry_update(
        entry=entry, by=None, title="新", sections=CASE_TEXT, now=DURING
    )
    assert entry.title == "新" and not entry.deidentified
