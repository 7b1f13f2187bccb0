"""R14: the de-identification warning finds ID numbers, mobile numbers and listed client names,
and repeats none of them in full (no database)."""

import io
import zipfile

import pytest

from competitions import privacy
from competitions.file_metadata import MetadataNotRemovable
from tests.factories import make_id_number


def _docx(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document><w:t>{text}</w:t></w:document>")
    return buffer.getvalue()


def test_an_id_number_a_mobile_and_a_listed_name_are_found_and_masked():
    number = make_id_number()
    text = f"案主张小红（身份证 {number}，电话 13800138000）由社工跟进。"
    names = privacy.client_names("张小红、李四")
    found = privacy.findings(text=text, where="案例背景", names=names)
    assert [f.what for f in found] == ["id_number", "mobile", "client_name"]
    messages = " ".join(f.message for f in found)
    assert number not in messages and "13800138000" not in messages and "张小红" not in messages
    assert "张某某" in messages and "138…00" in messages


def test_a_number_with_a_wrong_check_character_or_too_long_is_not_an_id_number():
    number = make_id_number()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert privacy.findings(text=f"编号{wrong}", where="正文", names=[]) == []
    assert privacy.findings(text=f"编号{number}1", where="正文", names=[]) == []


def test_full_width_digits_are_found_too():
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "13912345678")
    assert [f.what for f in privacy.findings(text=full_width, where="正文", names=[])] == ["mobile"]


def test_single_characters_are_not_names():
    assert privacy.client_names("王, 李明 ,，") == ["李明"]


def test_text_of_word_and_plain_documents_is_read_and_others_are_not():
    assert privacy.document_text(name="案例.docx", content=_docx("联系电话13800138000")) == (
        "联系电话13800138000"
    )
    assert privacy.document_text(name="a.txt", content="正文".encode()) == "正文"
    assert privacy.document_text(name="a.pdf", content=b"%PDF-1.7") is None
    assert privacy.document_text(name="bad.docx", content=b"not a zip") is None


def test_a_word_document_loses_its_authors_but_keeps_its_text():
    """R14, blind review: metadata, comment and tracked-change authors are emptied."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "docProps/core.xml",
            '<cp:coreProperties><dc:creator>王芳</dc:creator><cp:lastModifiedBy lang="zh">王芳'
            "</cp:lastModifiedBy><dc:title>个案</dc:title></cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml", "<Properties><Company>定王台社工站</Company></Properties>"
        )
        archive.writestr(
            "word/comments.xml", '<w:comments><w:comment w:author="王芳" w:initials="WF"/>'
        )
        archive.writestr("word/document.xml", "<w:document><w:t>正文</w:t></w:document>")
    cleaned = privacy.docx_without_authors(buffer.getvalue())
    assert "王芳".encode() not in cleaned and "定王台".encode() not in cleaned
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        assert archive.read("word/document.xml").decode() == (
            "<w:document><w:t>正文</w:t></w:document>"
        )
        assert "<dc:title>个案</dc:title>" in archive.read("docProps/core.xml").decode()
        assert (
            '<cp:lastModifiedBy lang="zh"></cp:lastModifiedBy>'
            in archive.read("docProps/core.xml").decode()
        )


def test_reviewers_and_custom_properties_lose_their_names_too():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/people.xml",
            '<w15:people><w15:person w15:author="王芳"><w15:presenceInfo w15:providerId="AD"'
            ' w15:userId="wangfang@example.cn"/></w15:person></w15:people>',
        )
        archive.writestr(
            "docProps/custom.xml",
            '<Properties><property name="Owner"><vt:lpwstr>王芳</vt:lpwstr></property>'
            "</Properties>",
        )
    cleaned = privacy.docx_without_authors(buffer.getvalue())
    assert "王芳".encode() not in cleaned and b"wangfang" not in cleaned


@pytest.mark.parametrize("content", [b"%PDF-1.7 ...", b"PK\x03\x04 truncated"])
def test_bytes_that_are_not_a_word_document_are_refused(content):
    """Sending them as they are could name the author: the judge's download is refused."""
    with pytest.raises(MetadataNotRemovable):
        privacy.docx_without_authors(content)


def test_a_part_not_in_utf8_is_refused_rather_than_left_as_it_is():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("docProps/core.xml", "<dc:creator>王芳</dc:creator>".encode("utf-16"))
    with pytest.raises(MetadataNotRemovable):
        privacy.docx_without_authors(buffer.getvalue())


def test_others_on_a_list_are_named_by_surname():
    assert privacy.name_masked("王芳") == "王某"
    assert privacy.name_masked("欧阳娜娜") == "欧某某某"
