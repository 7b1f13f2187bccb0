"""Reads about entries: an author's own, the de-identification check, and what a judge sees."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from competitions import privacy, rules
from competitions.models import CASE_SECTIONS, Entry, EntryFile
from directory.models import Person

READABLE_SUFFIXES = {"txt", "docx"}  # attachments whose text the check reads


def entries_for_person(*, person: Person) -> QuerySet[Entry]:
    """Entries `person` wrote or co-wrote, newest competition first (their "my entries")."""
    return (
        Entry.objects.filter(Q(author=person) | Q(coauthors=person))
        .distinct()
        .select_related("competition")
        .order_by("-competition__submissions_open_at", "code")
    )


def files_of(*, entry: Entry) -> QuerySet[EntryFile]:
    return entry.files.order_by("pk")


def entry_findings(*, entry: Entry) -> list[privacy.Finding]:
    """What in the entry looks like an ID number, a mobile number or a listed client's name:
    its title, sections and body, and its .txt and .docx attachments (R14). Warnings for the
    author only."""
    names = privacy.client_names(entry.client_names)
    labels = dict(CASE_SECTIONS)
    found = privacy.findings(
        text=entry.title, where=str(Entry._meta.get_field("title").verbose_name), names=names
    )
    for key, text in (entry.sections or {}).items():
        found += privacy.findings(text=text, where=str(labels.get(key, key)), names=names)
    found += privacy.findings(
        text=entry.body, where=str(Entry._meta.get_field("body").verbose_name), names=names
    )
    for attachment in files_of(entry=entry):
        found += file_findings(attachment=attachment, names=names)
    return found


def file_findings(*, attachment: EntryFile, names: list[str]) -> list[privacy.Finding]:
    """The de-identification check over one attachment whose text can be read here."""
    suffix = attachment.original_name.rsplit(".", 1)[-1].lower()
    if suffix not in READABLE_SUFFIXES:
        return []
    with attachment.file.open("rb") as stored:
        text = privacy.document_text(name=attachment.original_name, content=stored.read())
    if text is None:
        return []
    return privacy.findings(text=text, where=attachment.original_name, names=names)


@dataclass(frozen=True)
class JudgeFile:
    pk: int
    name: str  # the entry's code and the file's place, never the original name
    size: int


@dataclass(frozen=True)
class JudgeView:
    """Everything a judge may see of an entry. In blind mode nothing names its authors, their
    station or region, or an original file name; otherwise `authors` and `station` are filled."""

    pk: int
    code: str
    title: str
    kind: str
    sections: tuple[tuple[str, str], ...]  # (label, text) in the order of CASE_SECTIONS
    body: str
    files: tuple[JudgeFile, ...]
    authors: tuple[str, ...] = ()
    station: str = ""


def judge_view(*, entry: Entry) -> JudgeView:
    """What a judge sees of `entry` (R14: blind review); the caller has loaded it for the judge."""
    sections = tuple(
        (str(label), entry.sections[key])
        for key, label in CASE_SECTIONS
        if (entry.sections or {}).get(key)
    )
    files = tuple(
        JudgeFile(
            pk=attachment.pk,
            name=rules.file_name_for_judge(
                code=entry.code, index=index, original_name=attachment.original_name
            ),
            size=attachment.size,
        )
        for index, attachment in enumerate(files_of(entry=entry), 1)
    )
    named = {}
    if not entry.competition.blind:
        people = [entry.author, *entry.coauthors.order_by("pk")]
        named = {
            "authors": tuple(person.name for person in people),
            "station": entry.service_point.name if entry.service_point else "",
        }
    return JudgeView(
        pk=entry.pk,
        code=entry.code,
        title=entry.title,
        kind=entry.competition.kind,
        sections=sections,
        body=entry.body,
        files=files,
        **named,
    )


def entry_identity(*, entry: Entry) -> dict:
    """Who wrote an entry and where they work, for the organiser (reveal is audited by
    `services.review.identity_reveal`)."""
    point = entry.service_point
    return {
        "author": entry.author.name,
        "coauthors": [person.name for person in entry.coauthors.order_by("pk")],
        "station": point.name if point else "",
        "region": point.region.name if point else entry.author.region.name,
    }
