"""Competitions at a phase relative to the real clock (pages read `timezone.now()`): a county A
case selection in review with 王芳's entry (a .docx attached whose metadata names her) assigned
to 专家甲, and a county A quiz round open now."""

import datetime as dt
import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from competitions.models import Competition
from competitions.services import contests, entries, review
from competitions.services import quiz as quiz_services
from tests.competitions.conftest import CASE_TEXT, make_competition

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
ORIGINAL_NAME = "王芳-定王台街道社工站-个案.docx"
# What the judge must never see of 王芳's entry (R14): her name, station, township, county and
# the original file name.
IDENTITY = ("王芳", "定王台街道社工站", "定王台街道", "芙蓉区", "王芳-定王台")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docx_bytes(*, text: str, creator: str, company: str) -> bytes:
    """A small Word document whose metadata names its author and company."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:dc="d" xmlns:cp="c"><dc:title>个案</dc:title>'
            f"<dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{creator}</cp:lastModifiedBy>"
            "</cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml",
            f"<Properties><Company>{company}</Company><Manager>{creator}</Manager></Properties>",
        )
        archive.writestr(
            "word/document.xml",
            f'<w:document><w:ins w:author="{creator}" w:initials="WF"><w:t>{text}</w:t>'
            "</w:ins></w:document>",
        )
    return buffer.getvalue()


@pytest.fixture
def times():
    now = timezone.now()
    return SimpleNamespace(
        open=now - 10 * DAY, close=now - DAY, review_closes=now + 10 * DAY, during=now - 5 * DAY
    )


def publish(competition, by, times):
    return contests.competition_publish(competition=competition, by=by, now=times.open - DAY)


@pytest.fixture
def in_review(tree, zhang_min, times):
    """A county A case selection whose review runs now."""
    competition = make_competition(
        zhang_min.user,
        tree.county_a,
        submissions_open_at=times.open,
        submissions_close_at=times.close,
        review_closes_at=times.review_closes,
    )
    return publish(competition, zhang_min.user, times)


def submitted_entry(competition, author, *, times, title="独居老人的社区支持个案", files=()):
    entry = entries.entry_create(
        competition=competition, author=author, title=title, by=None, now=times.during
    )
    entries.entry_update(entry=entry, by=None, title=title, sections=CASE_TEXT, now=times.during)
    for name, content in files:
        entries.entry_file_add(
            entry=entry, by=None, upload=SimpleUploadedFile(name, content), now=times.during
        )
    return entries.entry_submit(entry=entry, by=None, deidentified=True, now=times.during)


@pytest.fixture
def assignment(in_review, wang_fang, judges, zhang_min, times):
    """王芳's entry, with a Word document naming her, assigned to 专家甲."""
    document = docx_bytes(text="案例正文", creator="王芳", company="定王台街道社工站")
    entry = submitted_entry(in_review, wang_fang, times=times, files=[(ORIGINAL_NAME, document)])
    return review.assignment_create(
        entry=entry, judge=judges.expert, by=zhang_min.user, now=times.close + HOUR
    )


def _bank(region, by):
    for n in range(4):
        quiz_services.question_create(
            region=region,
            by=by,
            kind="single",
            text=f"政策题{n}",
            options=["甲", "乙", "丙"],
            key=[0],
            topic="政策",
            difficulty=1,
        )
    for n in range(3):
        quiz_services.question_create(
            region=region,
            by=by,
            kind="multiple",
            text=f"伦理题{n}",
            options=["甲", "乙", "丙"],
            key=[0, 1],
            topic="伦理",
            difficulty=1,
        )


@pytest.fixture
def quiz_round(tree, zhang_min):
    """A county A quiz open now for a day: two single-choice questions and one multiple."""
    _bank(tree.city, zhang_min.user)
    now = timezone.now()
    competition = make_competition(
        zhang_min.user,
        tree.county_a,
        kind=Competition.Kind.QUIZ,
        title="社会工作知识竞赛",
        quiz_minutes=30,
        blueprint=[
            {"topic": "政策", "difficulty": 1, "count": 2},
            {"topic": "伦理", "difficulty": 1, "count": 1},
        ],
        submissions_open_at=now - HOUR,
        submissions_close_at=now + DAY,
        review_closes_at=now + DAY,
    )
    return contests.competition_publish(
        competition=competition, by=zhang_min.user, now=now - 2 * HOUR
    )
