"""The sign-in sheet import: read an Excel/CSV sheet of 姓名 and 身份证号, match each row to an
enrolled person and show every unmatched or ambiguous row before anything is saved.

Rows are matched by the keyed hash of the ID number (directory.identity, core.crypto); the name
must agree. A row without an ID number is matched by name among the enrolled, and is ambiguous
when several enrolled people share it. Nothing is saved unless every row matches.

ID numbers are looked up only among the run's enrolled people and the people in the uploader's
own scope: any other number reads exactly like one nobody holds ("unusable"), so a sheet cannot
tell the uploader whether, or where, someone outside their scope is registered.
"""

from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from directory.identity import mask_id_number, normalise_id_number
from directory.models import Person, id_number_digest
from imports.parsing import read_rows
from lms import selectors
from lms.models import CourseRun

NAME, ID_NUMBER = "姓名", "身份证号"


@dataclass(frozen=True)
class SheetRow:
    line: int
    name: str
    id_masked: str
    # "" when matched; else unusable, unknown, ambiguous, name_mismatch, not_enrolled, twice
    problem: str
    person: Person | None = None


@dataclass(frozen=True)
class SheetPreview:
    rows: list[SheetRow]

    @property
    def problems(self) -> list[SheetRow]:
        return [row for row in self.rows if row.problem]

    @property
    def people(self) -> list[Person]:
        return [row.person for row in self.rows if row.person is not None]


def sheet_preview(*, run: CourseRun, user: User, uploaded_file: UploadedFile) -> SheetPreview:
    """Match every row of the sheet; raises ValidationError for an unreadable file."""
    raw = read_rows(uploaded_file=uploaded_file, columns=[NAME, ID_NUMBER], required=[NAME])
    enrolled = list(selectors.people_enrolled_in(run_id=run.pk))
    by_hash = {p.id_number_hash: p for p in enrolled}
    numbers = {row.line: normalise_id_number(row.values[ID_NUMBER]) for row in raw}
    hashes = {line: id_number_digest(number) for line, number in numbers.items() if number}
    in_scope = scope.people_visible_to(user, Action.MANAGE_COURSES).filter(
        id_number_hash__in=set(hashes.values())
    )
    known = {**{p.id_number_hash: p for p in in_scope}, **by_hash}
    rows, seen = [], set()
    for row in raw:
        name, number = row.values[NAME].strip(), numbers[row.line]
        masked = mask_id_number(number) if len(number) >= 8 else number
        person, problem = _match(name, number, hashes.get(row.line), by_hash, known, enrolled)
        if person is not None and person.pk in seen:
            person, problem = None, "twice"
        if person is not None:
            seen.add(person.pk)
        rows.append(SheetRow(row.line, name, masked, problem, person))
    return SheetPreview(rows)


def _match(name, number, digest, by_hash, known, enrolled) -> tuple[Person | None, str]:
    if number:
        if digest not in known:
            return None, "unusable"
        person = known[digest]
        if person.name != name:
            return None, "name_mismatch"
        if digest not in by_hash:
            return None, "not_enrolled"
        return person, ""
    named = [p for p in enrolled if p.name == name]
    if not named:
        return None, "unknown"
    if len(named) > 1:
        return None, "ambiguous"
    return named[0], ""


CONFIRM_SALT = "lms.sheet-confirm"
CONFIRM_MAX_AGE = 3600  # seconds between the preview and the confirmation


def confirmation_token(*, preview: SheetPreview, session) -> str:
    """A signed list of the matched people, so that the confirmation saves what was shown."""
    return signing.dumps(
        {"session": session.pk, "people": [p.pk for p in preview.people]}, salt=CONFIRM_SALT
    )


def confirmation_ids(*, token: str, session) -> list[int]:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(_("预览已过期，请重新上传签到表。"), code="expired") from None
    if data.get("session") != session.pk:
        raise ValidationError(_("预览与课次不符，请重新上传签到表。"), code="session")
    return [int(pk) for pk in data["people"]]
