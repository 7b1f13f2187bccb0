"""An author's entry: create, edit while a draft, co-authors, files, submit, freeze (R14)."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from competitions import privacy, rules, selectors
from competitions.models import CASE_SECTIONS, Competition, Entry, EntryFile
from competitions.services import blind_copies
from core.files import check_upload, file_suffix, original_name
from directory import selectors as directory_selectors
from directory.models import Person

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read out over the phone
CODE_LENGTH = 6
DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".txt")
CASE_KEYS = tuple(key for key, _label in CASE_SECTIONS)


def _new_code() -> str:
    """A short code that looks random, shown to judges instead of the authors: "K7M-Q4P"."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    return f"{chars[:3]}-{chars[3:]}"


def _unique_code(competition: Competition) -> str:
    for _attempt in range(10):
        code = _new_code()
        if not competition.entries.filter(code=code).exists():
            return code
    raise IntegrityError("no free entry code")


def _refuse_outside_submission(competition: Competition, now: dt.datetime) -> None:
    if competition.published_at is None or now < competition.submissions_open_at:
        raise ValidationError(_("尚未开始报送作品。"))
    if now >= competition.submissions_close_at:
        raise ValidationError(_("报送已截止，不能再报送或修改作品。"))


def _refuse_unless_editable(entry: Entry, now: dt.datetime, *, draft_only: bool = True) -> None:
    """Only a draft may change, and only before the deadline (after it the entry is frozen)."""
    entry_freeze_if_due(entry=entry, now=now)
    if entry.is_frozen:
        raise ValidationError(_("作品已于报送截止时封存，不能修改。"))
    _refuse_outside_submission(entry.competition, now)
    if draft_only and entry.submitted_at is not None:
        raise ValidationError(_("作品已提交，如需修改请先撤回提交。"))


@transaction.atomic
def entry_create(
    *, competition: Competition, author: Person, title: str, by, now: dt.datetime | None = None
) -> Entry:
    """A draft entry by `author` (R14): only while submissions are open, only if eligible, and
    at most `entries_per_author` entries each."""
    now = now or timezone.now()
    if competition.kind == Competition.Kind.QUIZ:
        raise ValidationError(_("知识和技能竞赛在线答题，不报送作品。"))
    _refuse_outside_submission(competition, now)
    station = selectors.eligible_station(competition=competition, person=author, now=now)
    if station is None:
        raise ValidationError(_("您当前的任职不在本次竞赛的参赛范围内。"))
    so_far = selectors.entries_by(competition=competition, person=author).count()
    if not rules.may_add_entry(
        entries_so_far=so_far, entries_per_author=competition.entries_per_author
    ):
        raise ValidationError(
            _("本次竞赛每人最多报送 %(count)s 件作品。") % {"count": competition.entries_per_author}
        )
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("请填写作品标题。"))
    entry = Entry.objects.create(
        competition=competition,
        author=author,
        service_point_id=station,
        code=_unique_code(competition),
        title=title,
    )
    audit_record(actor=by, verb="competition_entry.create", target=entry)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: Entry,
    by,
    title: str,
    sections: dict[str, str] | None = None,
    body: str = "",
    client_names: str = "",
    now: dt.datetime | None = None,
) -> tuple[Entry, list[privacy.Finding]]:
    """Save a draft's text. A case entry has the six sections of CASE_SECTIONS, other kinds a
    body. Any change un-ticks the de-identification checklist; what looks like personal data in
    the entry comes back as warnings for the author."""
    now = now or timezone.now()
    _refuse_unless_editable(entry, now)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("请填写作品标题。"))
    sections = {key: (text or "").strip() for key, text in (sections or {}).items()}
    if entry.competition.kind == Competition.Kind.CASE:
        if set(sections) - set(CASE_KEYS):
            raise ValidationError(_("案例正文只能包含规定的栏目。"))
    elif any(sections.values()):
        raise ValidationError(_("只有案例评选的作品分栏目填写。"))
    else:
        sections = {}
    entry.title, entry.sections, entry.body = title, sections, (body or "").strip()
    entry.client_names = (client_names or "").strip()
    entry.deidentified = False
    entry.save(
        update_fields=["title", "sections", "body", "client_names", "deidentified", "updated_at"]
    )
    audit_record(actor=by, verb="competition_entry.update", target=entry)
    return entry, selectors.entry_findings(entry=entry)


@transaction.atomic
def entry_coauthor_add(
    *, entry: Entry, by, name: str, number: str, now: dt.datetime | None = None
) -> Person:
    """Add a co-author, from any station, named by the author together with their ID or mobile
    number. Without an exact match the answer says only that the person cannot be added, so
    nobody learns who holds a number."""
    _refuse_unless_editable(entry, now or timezone.now())
    person = directory_selectors.person_named_with_number(name=name, number=number)
    if person is None or person.pk == entry.author_id:
        raise ValidationError(_("无法添加该合作者，请核对姓名和身份证号（或手机号）。"))
    if entry.coauthors.filter(pk=person.pk).exists():
        raise ValidationError(_("该合作者已添加。"))
    entry.coauthors.add(person)
    audit_record(
        actor=by, verb="competition_entry.coauthor_add", target=entry, after={"coauthor": person.pk}
    )
    return person


@transaction.atomic
def entry_coauthor_remove(
    *, entry: Entry, by, person_id: int, now: dt.datetime | None = None
) -> None:
    _refuse_unless_editable(entry, now or timezone.now())
    if not entry.coauthors.filter(pk=person_id).exists():
        raise ValidationError(_("该合作者不在本作品中。"))
    entry.coauthors.remove(person_id)
    audit_record(
        actor=by,
        verb="competition_entry.coauthor_remove",
        target=entry,
        before={"coauthor": person_id},
    )


def _check_text(upload: UploadedFile, max_bytes: int) -> None:
    """A .txt attachment: within the size limit and readable as UTF-8 text."""
    if upload.size > max_bytes:
        raise ValidationError(_("文件不能超过 %(limit)s。") % {"limit": filesizeformat(max_bytes)})
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(_("文本文件须为 UTF-8 编码。")) from error
    if "\x00" in text:
        raise ValidationError(_("文件内容与文件类型不符。"))


def _check_attachment(kind: str, upload: UploadedFile) -> None:
    """Videos for video contests (types and size from settings), documents for the others."""
    suffix = file_suffix(upload.name)
    if kind == Competition.Kind.VIDEO:
        types = [t.lower() for t in settings.COMPETITION_VIDEO_TYPES]
        check_upload(
            upload,
            extensions=types,
            max_bytes=settings.COMPETITION_VIDEO_MAX_BYTES,
            type_message=_("只接受以下格式的视频：%(types)s。") % {"types": "、".join(types)},
        )
    elif suffix == ".txt":
        _check_text(upload, settings.COMPETITION_DOCUMENT_MAX_BYTES)
    else:
        check_upload(
            upload,
            extensions=DOCUMENT_EXTENSIONS,
            max_bytes=settings.COMPETITION_DOCUMENT_MAX_BYTES,
            type_message=_("只接受 PDF、DOCX 或 TXT 文件。"),
        )


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def entry_file_add(
    *, entry: Entry, by, upload: UploadedFile, now: dt.datetime | None = None
) -> tuple[EntryFile, list[privacy.Finding]]:
    """Attach a checked file, stored under a random name with its size and SHA-256; a .txt or
    .docx is read for what looks like personal data (warnings for the author)."""
    _refuse_unless_editable(entry, now or timezone.now())
    _check_attachment(entry.competition.kind, upload)
    attachment = EntryFile.objects.create(
        entry=entry,
        file=upload,
        original_name=original_name(upload),
        size=upload.size,
        sha256=_sha256(upload),
    )
    if entry.deidentified:
        entry.deidentified = False
        entry.save(update_fields=["deidentified", "updated_at"])
    audit_record(
        actor=by,
        verb="competition_entry.file_add",
        target=entry,
        after={"file": attachment.pk, "sha256": attachment.sha256},
    )
    names = privacy.client_names(entry.client_names)
    return attachment, selectors.file_findings(attachment=attachment, names=names)


@transaction.atomic
def entry_file_remove(*, attachment: EntryFile, by, now: dt.datetime | None = None) -> None:
    entry = attachment.entry
    _refuse_unless_editable(entry, now or timezone.now())
    audit_record(
        actor=by,
        verb="competition_entry.file_remove",
        target=entry,
        before={"file": attachment.pk, "sha256": attachment.sha256},
    )
    blind_copies.blind_copy_delete(attachment=attachment)
    attachment.file.delete(save=False)
    attachment.delete()


def _content_missing(entry: Entry) -> str | None:
    kind = entry.competition.kind
    if kind == Competition.Kind.CASE and not all(
        (entry.sections or {}).get(key) for key in CASE_KEYS
    ):
        return _("案例正文的每个栏目都须填写。")
    suffixes = [file_suffix(name) for name in entry.files.values_list("original_name", flat=True)]
    if kind == Competition.Kind.ESSAY and not (entry.body or suffixes):
        return _("请填写正文或上传文稿。")
    if kind == Competition.Kind.VIDEO and not any(
        s in settings.COMPETITION_VIDEO_TYPES for s in suffixes
    ):
        return _("请上传参赛视频。")
    return None


@transaction.atomic
def entry_submit(*, entry: Entry, by, deidentified: bool, now: dt.datetime | None = None) -> Entry:
    """Submit a complete draft before the deadline; the author must tick that the entry is
    de-identified (R14). Warnings do not block: the author has checked them."""
    now = now or timezone.now()
    _refuse_unless_editable(entry, now)
    if not deidentified:
        raise ValidationError(_("提交前须确认作品已按脱敏要求处理。"))
    missing = _content_missing(entry)
    if missing:
        raise ValidationError(missing)
    entry.deidentified, entry.submitted_at = True, now
    entry.save(update_fields=["deidentified", "submitted_at", "updated_at"])
    audit_record(actor=by, verb="competition_entry.submit", target=entry)
    return entry


@transaction.atomic
def entry_withdraw(*, entry: Entry, by, now: dt.datetime | None = None) -> Entry:
    """Take a submitted entry back to a draft, before the deadline, to change it."""
    _refuse_unless_editable(entry, now or timezone.now(), draft_only=False)
    if entry.submitted_at is None:
        raise ValidationError(_("作品尚未提交。"))
    entry.submitted_at = None
    entry.save(update_fields=["submitted_at", "updated_at"])
    audit_record(actor=by, verb="competition_entry.withdraw", target=entry)
    return entry


def entry_freeze_if_due(*, entry: Entry, now: dt.datetime) -> Entry:
    """Freeze the entry once its competition's deadline has passed (R14): record when and the
    SHA-256 of its text and its files' hashes. Idempotent; drafts are frozen too (they are not
    reviewed)."""
    if entry.is_frozen or now < entry.competition.submissions_close_at:
        return entry
    digest = rules.content_digest(
        title=entry.title,
        sections=entry.sections or {},
        body=entry.body,
        file_hashes=list(selectors.files_of(entry=entry).values_list("sha256", flat=True)),
    )
    with transaction.atomic():
        frozen = Entry.objects.filter(pk=entry.pk, frozen_at__isnull=True).update(
            frozen_at=now, content_sha256=digest
        )
        if frozen:
            audit_record(
                actor=None,
                verb="competition_entry.freeze",
                target=entry,
                after={"content_sha256": digest},
            )
    entry.refresh_from_db(fields=["frozen_at", "content_sha256"])
    return entry


def competition_entries_freeze(*, competition: Competition, now: dt.datetime) -> int:
    """Freeze every entry of a competition whose deadline has passed; how many were frozen."""
    if now < competition.submissions_close_at:
        return 0
    frozen = 0
    for entry in competition.entries.filter(frozen_at__isnull=True).select_related("competition"):
        entry_freeze_if_due(entry=entry, now=now)
        frozen += 1
    return frozen
