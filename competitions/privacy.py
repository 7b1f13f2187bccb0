"""The de-identification check on an entry (R14): what in its text looks like a national ID
number, a mobile number, or the name of a client the author listed. Pure functions on plain
values. A finding is a warning for the author, never shown to anyone else, and what was found
is given masked, so the warning itself does not repeat the number.

Blind review (R14) also lives here: a Word document loses its authors' names before a judge
downloads it, and lists that others read name people by surname only.
"""

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from competitions.file_metadata import MetadataNotRemovable
from directory import identity

ID_LIKE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
MOBILE_LIKE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
WORD_TEXT = re.compile(r"<w:t[^>]*>([^<]*)</w:t>")
NAME_SEPARATORS = re.compile(r"[,，、;；\s]+")
DOCX_TEXT_LIMIT = 5 * 1024 * 1024  # characters read out of one document


@dataclass(frozen=True)
class Finding:
    what: str  # "id_number", "mobile", "client_name"
    masked: str
    where: str  # the section or file it was found in

    @property
    def message(self) -> str:
        label = {
            "id_number": _("疑似身份证号"),
            "mobile": _("疑似手机号"),
            "client_name": _("服务对象姓名"),
        }[self.what]
        return _("%(where)s中出现%(label)s（%(masked)s），请删除或替换为化名。") % {
            "where": self.where,
            "label": label,
            "masked": self.masked,
        }


def name_masked(name: str) -> str:
    """A person's name as lists that others read show it: the surname and 某 (王芳 → 王某)."""
    return f"{name[:1]}{'某' * (len(name) - 1)}" if name else ""


def client_names(listed: str) -> list[str]:
    """The names an author listed, split on commas, 、 and spaces; single characters ignored."""
    return [name for name in NAME_SEPARATORS.split(listed or "") if len(name) >= 2]


def findings(*, text: str, where: str, names: list[str]) -> list[Finding]:
    """What in `text` looks like an ID number (its check character right), a mobile number, or
    one of `names`."""
    folded = unicodedata.normalize("NFKC", text or "")
    found = []
    for match in ID_LIKE.finditer(folded):
        number = match.group().upper()
        if identity.id_check_char(number[:17]) == number[17]:
            found.append(Finding("id_number", f"{number[:3]}…{number[-2:]}", where))
    for match in MOBILE_LIKE.finditer(folded):
        found.append(Finding("mobile", f"{match.group()[:3]}…{match.group()[-2:]}", where))
    for name in names:
        if name in folded:
            found.append(Finding("client_name", f"{name[0]}{'某' * (len(name) - 1)}", where))
    return found


def document_text(*, name: str, content: bytes) -> str | None:
    """The text of a .txt or .docx file to check, or None when its kind cannot be read here
    (the author is then asked to check it themselves)."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == "txt":
        return content.decode("utf-8", errors="replace")
    if suffix == "docx":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                xml = archive.read("word/document.xml")[:DOCX_TEXT_LIMIT].decode("utf-8", "replace")
        except (zipfile.BadZipFile, KeyError):
            return None
        return "".join(WORD_TEXT.findall(xml))
    return None


# Who wrote or last saved a Word document, in its metadata (docProps) and in the comments,
# tracked changes and list of reviewers of its parts: emptied before a judge downloads it (R14,
# blind review).
DOCX_PEOPLE = (
    re.compile(r"(<dc:creator\b[^>]*>)[^<]*(</dc:creator>)"),
    re.compile(r"(<cp:lastModifiedBy\b[^>]*>)[^<]*(</cp:lastModifiedBy>)"),
    re.compile(r"(<Company\b[^>]*>)[^<]*(</Company>)"),
    re.compile(r"(<Manager\b[^>]*>)[^<]*(</Manager>)"),
    re.compile(r"(<vt:lpwstr\b[^>]*>)[^<]*(</vt:lpwstr>)"),  # custom properties (Owner …)
)
DOCX_AUTHOR_ATTRIBUTES = re.compile(r'(\bw(?:15)?:(?:author|initials|userId)=")[^"]*(")')
DOCX_FAILURES = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,  # a compression method zipfile does not know
    RuntimeError,  # an encrypted part
    ValueError,
)


def docx_without_authors(content: bytes) -> bytes:
    """A copy of a .docx with the author, last editor, company, manager and custom properties
    of its metadata emptied, and the authors of its comments and tracked changes too; the text
    is untouched. Bytes that cannot be read as a Word document raise MetadataNotRemovable."""
    output = io.BytesIO()
    try:
        with (
            zipfile.ZipFile(io.BytesIO(content)) as source,
            zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for item in source.infolist():
                data = source.read(item)
                if item.filename.endswith(".xml"):
                    data = _without_people(item.filename, data)
                target.writestr(item, data)
    except DOCX_FAILURES as error:
        raise MetadataNotRemovable(f"unreadable Word document: {type(error).__name__}") from error
    return output.getvalue()


def _without_people(name: str, data: bytes) -> bytes:
    if not name.startswith(("docProps/", "word/")):
        return data
    try:
        xml = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MetadataNotRemovable(f"{name} is not UTF-8") from error
    if name.startswith("docProps/"):
        for pattern in DOCX_PEOPLE:
            xml = pattern.sub(r"\1\2", xml)
    elif name.startswith("word/"):
        xml = DOCX_AUTHOR_ATTRIBUTES.sub(r"\1\2", xml)
    return xml.encode("utf-8")
