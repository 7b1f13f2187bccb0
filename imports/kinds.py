"""What can be imported: a registry of import kinds, each owned by the app whose records it makes.

The importer (upload, preview, commit, template) knows nothing of any app's models. An app
describes its file in an `ImportKind` (the columns, how rows are checked and saved, who may
import) and registers it from its `AppConfig.ready()`; `imports` registers its own two kinds
(service points and people) the same way.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Column:
    """One column: its header, the model field its errors belong to, and its explanation.

    Headers are the file format itself, the way counties keep their sheets, so they are fixed
    Chinese strings rather than translated ones: a file must parse whatever the interface
    language. The explanations shown in the template's "说明" sheet are translated as usual.
    """

    header: str
    field: str
    required: bool
    help: Promise
    text_format: bool = False  # digits that Excel must keep as text (codes, ID numbers)
    allowed: Callable[[], list[str]] | None = None  # the template's drop-down list
    mask: Callable[[str], str] | None = None  # how the preview shows the cell
    also_fields: tuple[str, ...] = ()  # further model fields whose errors belong here


@dataclass
class RowResult:
    """A checked row: its line and cells, and every problem as (column header or "", message).
    A kind subclasses it to carry what its `save` needs."""

    line: int
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ImportKind:
    """One kind of import file.

    `validate(rows=, user=)` checks every row against the database without saving anything;
    `save(results=, user=)` saves rows that all passed, inside the commit's transaction (a
    `ValidationError` there rolls the whole file back); `may_import(user=)` says who may use
    the kind at all (scope within the kind is for `validate`); `example(user=)` is the
    template's example row, valid for that user; `result_url()` is where the imported records
    are listed.
    """

    key: str  # stored on ImportBatch.kind and used in URLs: a slug of at most 20 characters
    label: Promise
    columns: tuple[Column, ...]
    validate: Callable[..., list[RowResult]]
    save: Callable[..., None]
    may_import: Callable[..., bool]
    example: Callable[..., dict[str, object]]
    result_url: Callable[[], str]
    result_label: Promise
    hint: Promise | str = ""  # shown on the upload page beside the template
    commit_note: Promise | str = ""  # what else happens on commit, shown before it

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def required_headers(self) -> list[str]:
        return [column.header for column in self.columns if column.required]

    def header_for_field(self, name: str) -> str:
        """The column a model field's error belongs to; "" for errors of the whole row."""
        return header_for_field(self.columns, name)


def header_for_field(columns: Sequence[Column], name: str) -> str:
    """The first of `columns` that a model field's error belongs to; "" when none does."""
    return next(
        (column.header for column in columns if name in (column.field, *column.also_fields)), ""
    )


_registry: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> None:
    """Make `kind` importable; called from an `AppConfig.ready()`. A key is registered once."""
    if len(kind.key) > 20 or not kind.key.replace("_", "").isalnum():
        raise ValueError(f"import kind key {kind.key!r} must be a slug of at most 20 characters")
    if _registry.get(kind.key, kind) is not kind:
        raise ValueError(f"import kind {kind.key!r} is already registered")
    _registry[kind.key] = kind


def kind_of(key: str) -> ImportKind | None:
    return _registry.get(key)


def importable_by(user: "User") -> list[ImportKind]:
    """The kinds `user` may import, in the order registered."""
    return [kind for kind in _registry.values() if kind.may_import(user=user)]


def label_of(key: str) -> str:
    """The kind's label, or the key itself for a kind no longer registered."""
    kind = _registry.get(key)
    return str(kind.label) if kind else key
