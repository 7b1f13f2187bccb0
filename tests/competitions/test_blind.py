"""R14, blind review: a judge's copy of a PDF, a photo or a video names nobody in its metadata,
keeps what the judge reads or watches, and is made once, whole or not at all."""

import io
import stat
import struct
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from mutagen.mp4 import MP4
from PIL import Image
from pypdf import PdfReader, PdfWriter

from competitions import file_metadata
from competitions.file_metadata import MetadataNotRemovable
from competitions.models import EntryFile
from competitions.services import blind_copies, entries
from tests.competitions.blind_files import (
    SAMPLE,
    found,
    jpeg_naming,
    mp4_naming,
    mp4_sample,
    pdf_naming,
    png_naming,
)
from tests.competitions.conftest import DURING

NAME = "王芳"


@pytest.mark.parametrize("make", [pdf_naming, jpeg_naming, png_naming, mp4_naming])
def test_each_test_file_names_its_author(make):
    assert found(NAME, make(NAME))


def test_a_pdf_keeps_its_pages_and_comments_but_not_who_made_it():
    original = pdf_naming(NAME, pages=3)
    cleaned = file_metadata.pdf_without_metadata(original)
    assert found(NAME, cleaned) == []
    reader = PdfReader(io.BytesIO(cleaned))
    assert len(reader.pages) == 3 and reader.pages[0].mediabox.width == 200
    assert reader.metadata is None and reader.xmp_metadata is None
    assert "/Metadata" not in reader.pages[0]
    comment = reader.pages[0]["/Annots"][0].get_object()
    assert comment["/Contents"] == "check" and "/T" not in comment


@pytest.mark.parametrize(
    "content", [b"%PDF-1.7\nnot a document", b"%PDF-1.7\n" + b"\x00" * 64, b""]
)
def test_a_pdf_that_cannot_be_parsed_is_refused(content):
    with pytest.raises(MetadataNotRemovable):
        file_metadata.pdf_without_metadata(content)


def test_a_pdf_locked_with_a_password_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({"/Author": NAME})
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(MetadataNotRemovable):
        file_metadata.pdf_without_metadata(locked.getvalue())


def test_a_jpeg_loses_exif_xmp_and_comment_is_turned_upright_and_keeps_its_quality():
    original = jpeg_naming(NAME)
    cleaned = file_metadata.image_without_metadata(original)
    assert found(NAME, cleaned) == []
    with Image.open(io.BytesIO(cleaned)) as image, Image.open(io.BytesIO(original)) as source:
        assert image.format == "JPEG" and image.size == (20, 40)
        assert not {"exif", "xmp", "comment"} & set(image.info)
        assert image.quantization == source.quantization


def test_a_png_loses_its_text_and_exif_and_keeps_its_pixels_and_transparency():
    original = png_naming(NAME)
    cleaned = file_metadata.image_without_metadata(original)
    assert found(NAME, cleaned) == []
    with Image.open(io.BytesIO(cleaned)) as image, Image.open(io.BytesIO(original)) as source:
        assert image.info == {} and image.tobytes() == source.tobytes()
    palette = Image.new("P", (4, 4))
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", transparency=0)
    with Image.open(io.BytesIO(file_metadata.image_without_metadata(buffer.getvalue()))) as image:
        assert image.info == {"transparency": 0}


@pytest.mark.parametrize("content", [b"GIF89a" + b"\x00" * 32, b"\xff\xd8\xff garbage"])
def test_an_image_that_is_not_a_readable_jpeg_or_png_is_refused(content):
    with pytest.raises(MetadataNotRemovable):
        file_metadata.image_without_metadata(content)


def test_an_mp4_loses_every_tag_in_place_and_its_samples_stay_where_they_were():
    original = mp4_naming(NAME)
    assert set(MP4(io.BytesIO(original)).tags) == {"©ART", "©nam", "©cmt"}
    video = io.BytesIO(original)
    file_metadata.mp4_blank_metadata(video)
    cleaned = video.getvalue()
    assert found(NAME, cleaned) == []
    assert len(cleaned) == len(original) and mp4_sample(cleaned) == SAMPLE
    assert not MP4(io.BytesIO(cleaned)).tags


def test_an_mp4_box_with_a_64_bit_size_is_blanked_too():
    payload = NAME.encode() * 4
    udta = struct.pack(">I4sQ", 1, b"udta", 16 + len(payload)) + payload
    moov = struct.pack(">I4s", 8 + len(udta), b"moov") + udta
    video = io.BytesIO(b"\x00\x00\x00\x10ftypisom\x00\x00\x02\x00" + moov)
    file_metadata.mp4_blank_metadata(video)
    assert found(NAME, video.getvalue()) == [] and b"free" in video.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x00\x00\x10ftypisom\x00\x00\x02\x00\x00\x00\x10\x00moov",  # longer than the file
        b"\x00\x00\x00\x10ftypisom\x00\x00\x02\x00\x00\x00\x00\x04udta",  # shorter than a header
        b"\x00\x00\x00\x10ftypisom\x00\x00\x02\x00\x00\x00",  # a truncated header
    ],
)
def test_an_mp4_whose_boxes_do_not_add_up_is_refused(content):
    with pytest.raises(MetadataNotRemovable):
        file_metadata.mp4_blank_metadata(io.BytesIO(content))


# The blind copy kept beside the original.


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def entry(case, wang_fang, media):
    return entries.entry_create(
        competition=case, author=wang_fang, title="个案", by=None, now=DURING
    )


def _attach(entry, name: str, content: bytes) -> EntryFile:
    return EntryFile.objects.create(
        entry=entry,
        file=ContentFile(content, name=name),
        original_name=name,
        size=len(content),
        sha256="0" * 64,
    )


def test_the_copy_is_made_once_beside_the_original_and_readable_by_the_proxy(
    entry, media, monkeypatch
):
    attachment = _attach(entry, "王芳.pdf", pdf_naming(NAME))
    calls = []

    def counted(content):
        calls.append(1)
        return file_metadata.pdf_without_metadata(content)

    monkeypatch.setitem(blind_copies.STRIPPED_IN_MEMORY, ".pdf", counted)
    first = blind_copies.blind_copy_ensure(attachment=attachment)
    second = blind_copies.blind_copy_ensure(attachment=attachment)
    assert first.name == second.name == attachment.file.name.replace(".pdf", ".blind.pdf")
    assert len(calls) == 1
    copy = Path(first.path)
    assert found(NAME, copy.read_bytes()) == []
    assert found(NAME, Path(attachment.file.path).read_bytes())
    assert stat.S_IMODE(copy.stat().st_mode) == 0o644
    assert sorted(p.name for p in copy.parent.iterdir()) == sorted(
        [copy.name, Path(attachment.file.name).name]
    )


def test_a_video_is_copied_in_chunks_and_blanked(entry):
    attachment = _attach(entry, "作品.mp4", mp4_naming(NAME))
    copy = blind_copies.blind_copy_ensure(attachment=attachment)
    content = Path(copy.path).read_bytes()
    assert found(NAME, content) == [] and mp4_sample(content) == SAMPLE


def test_a_file_that_cannot_be_stripped_leaves_nothing_behind(entry):
    attachment = _attach(entry, "坏文件.pdf", b"%PDF-1.7\nbroken")
    with pytest.raises(MetadataNotRemovable):
        blind_copies.blind_copy_ensure(attachment=attachment)
    folder = Path(attachment.file.path).parent
    assert [p.name for p in folder.iterdir()] == [Path(attachment.file.name).name]


def test_plain_text_is_sent_as_stored_and_unknown_kinds_are_refused(entry):
    text = _attach(entry, "正文.txt", "正文".encode())
    assert blind_copies.blind_copy_ensure(attachment=text).name == text.file.name
    sheet = _attach(entry, "表格.xlsx", b"PK\x03\x04")
    with pytest.raises(MetadataNotRemovable):
        blind_copies.blind_copy_ensure(attachment=sheet)


def test_removing_a_file_removes_its_blind_copy(entry):
    attachment = _attach(entry, "王芳.pdf", pdf_naming(NAME))
    original = Path(attachment.file.path)
    copy = Path(blind_copies.blind_copy_ensure(attachment=attachment).path)
    entries.entry_file_remove(attachment=attachment, by=None, now=DURING)
    assert not copy.exists() and not original.exists()
