"""R14, blind review, in file downloads: for each kind of file whose metadata names 王芳, the
judge's download holds none of her name's bytes; she and the organiser still get the original.
A file that cannot be stripped is refused to the judge, never sent as it is."""

import logging
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from competitions.models import Competition, EntryFile
from competitions.services import entries, review
from tests import factories
from tests.competitions.blind_files import (
    found,
    jpeg_naming,
    mp4_naming,
    pdf_naming,
    png_naming,
)
from tests.competitions.conftest import make_competition
from tests.competitions.views.conftest import HOUR, docx_bytes, publish, submitted_entry
from tests.downloads import body, download_name

NAME = "王芳"
REFUSED = "该文件无法去除作者信息，请联系主办方"
FILES = {
    "pdf": ("王芳-个案.pdf", lambda: pdf_naming(NAME)),
    "docx": ("王芳-个案.docx", lambda: docx_bytes(text="正文", creator=NAME, company="定王台")),
    "jpg": ("王芳-照片.jpg", lambda: jpeg_naming(NAME)),
    "png": ("王芳-照片.png", lambda: png_naming(NAME)),
    "mp4": ("王芳-视频.mp4", lambda: mp4_naming(NAME)),
}


def _video_entry(competition, author, *, times, name, content):
    entry = entries.entry_create(
        competition=competition, author=author, title="社工站的一天", by=None, now=times.during
    )
    entries.entry_update(entry=entry, by=None, title="社工站的一天", now=times.during)
    entries.entry_file_add(
        entry=entry, by=None, upload=ContentFile(content, name=name), now=times.during
    )
    return entries.entry_submit(entry=entry, by=None, deidentified=True, now=times.during)


def _photo_entry(competition, author, *, times, name, content):
    """Photos are not among the types an author may upload today; the file is attached as an
    organiser's import would, so that its download is covered all the same."""
    entry = submitted_entry(competition, author, times=times)
    EntryFile.objects.create(
        entry=entry,
        file=ContentFile(content, name=name),
        original_name=name,
        size=len(content),
        sha256="0" * 64,
    )
    return entry


@pytest.fixture
def entry_with(tree, zhang_min, wang_fang, judges, times, in_review):
    """`entry_with(kind)`: 王芳's entry carrying a file of that kind, assigned to 专家甲."""

    def make(kind: str, content: bytes | None = None):
        name, build = FILES[kind]
        content = build() if content is None else content
        if kind == "mp4":
            video = make_competition(
                zhang_min.user,
                tree.county_a,
                kind=Competition.Kind.VIDEO,
                title="短视频大赛",
                submissions_open_at=times.open,
                submissions_close_at=times.close,
                review_closes_at=times.review_closes,
            )
            publish(video, zhang_min.user, times)
            entry = _video_entry(video, wang_fang, times=times, name=name, content=content)
        elif kind in ("jpg", "png"):
            entry = _photo_entry(in_review, wang_fang, times=times, name=name, content=content)
        else:
            entry = submitted_entry(in_review, wang_fang, times=times, files=[(name, content)])
        review.assignment_create(
            entry=entry, judge=judges.expert, by=zhang_min.user, now=times.close + HOUR
        )
        return entry.files.get()

    return make


@pytest.mark.parametrize("kind", FILES)
def test_the_judge_gets_no_byte_of_the_authors_name(client, entry_with, judges, kind):
    attachment = entry_with(kind)
    client.force_login(judges.expert.user)
    response = client.get(reverse("competitions:judge_file", args=[attachment.pk]))
    assert response.status_code == 200
    assert download_name(response) == f"{attachment.entry.code}-1.{kind}"
    assert found(NAME, body(response)) == []


@pytest.mark.parametrize("kind", FILES)
def test_the_author_and_the_organiser_get_the_original(
    client, entry_with, wang_fang, zhang_min, kind
):
    attachment = entry_with(kind)
    stored = Path(attachment.file.path).read_bytes()
    for user in (wang_fang.user, zhang_min.user):
        client.force_login(user)
        response = client.get(reverse("competitions:file_download", args=[attachment.pk]))
        assert response.status_code == 200
        assert download_name(response) == attachment.original_name
        content = body(response)
        assert content == stored and found(NAME, content)


def test_behind_the_proxy_the_judge_is_sent_the_blind_copy(client, entry_with, judges, settings):
    settings.PRIVATE_FILES_ACCEL_PREFIX = "/protected/"
    attachment = entry_with("pdf")
    client.force_login(judges.expert.user)
    response = client.get(reverse("competitions:judge_file", args=[attachment.pk]))
    stem = Path(attachment.file.name).stem
    assert response["X-Accel-Redirect"].endswith(f"/{stem}.blind.pdf")
    copy = Path(attachment.file.path).with_name(f"{stem}.blind.pdf")
    assert found(NAME, copy.read_bytes()) == []


def test_a_pdf_that_cannot_be_stripped_is_refused_to_the_judge_and_logged(
    client, entry_with, judges, wang_fang, caplog
):
    attachment = entry_with("pdf", content=b"%PDF-1.7\n/Author (" + NAME.encode() + b")")
    assignment = attachment.entry.assignments.get()
    client.force_login(judges.expert.user)
    url = reverse("competitions:judge_file", args=[attachment.pk])
    with caplog.at_level(logging.WARNING, logger="competitions.views.judge"):
        response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("competitions:judge_entry", args=[assignment.pk])
    assert f"Entry file {attachment.pk} not sent to a judge" in caplog.text
    assert NAME not in caplog.text
    page = client.get(response["Location"]).content.decode()
    assert REFUSED in page
    client.force_login(wang_fang.user)
    response = client.get(reverse("competitions:file_download", args=[attachment.pk]))
    assert response.status_code == 200 and found(NAME, body(response))


def test_files_are_looked_up_only_among_those_the_user_may_see(
    client, entry_with, judges, chen_jing, tree
):
    """Another county's admin, a colleague at the author's station and a judge of another entry
    get the same 404 as for a file that does not exist; a judge now in conflict, a 403."""
    attachment = entry_with("pdf")
    colleague = factories.PersonFactory(
        name="同事", region=tree.county_a, user=factories.UserFactory()
    )
    factories.PositionFactory(person=colleague, service_point=tree.station_a)
    url = reverse("competitions:file_download", args=[attachment.pk])
    missing = reverse("competitions:file_download", args=[attachment.pk + 1000])
    for user in (chen_jing.user, colleague.user, judges.county_b.user):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(missing).status_code == 404
    factories.PositionFactory(person=judges.expert, service_point=tree.station_a)
    client.force_login(judges.expert.user)
    assert client.get(url).status_code == 403
