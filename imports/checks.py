"""Helpers for checking one row of an import file, for every kind: reading cells, recording
problems by column, repeated keys within a file and model validation by column."""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from imports import cells
from imports.kinds import Column, RowResult, header_for_field
from imports.parsing import RawRow


class RowCheck:
    """Collects one row's problems, by column, while its cells are read into `result`."""

    def __init__(self, *, result: RowResult, columns: Sequence[Column]):
        self.result = result
        self.columns = columns

    def text(self, header: str) -> str:
        return self.result.values.get(header, "").strip()

    def error(self, header: str, message: str) -> None:
        self.result.errors.append((header, str(message)))

    def has_error(self, header: str) -> bool:
        return any(column == header for column, _message in self.result.errors)

    def require(self, headers: Iterable[str], message: str | None = None) -> None:
        for header in headers:
            if not self.text(header):
                self.error(header, message or _("此项必填。"))

    def read(self, header: str, convert: Callable, **options):
        """The converted cell, or None after recording why it cannot be read."""
        try:
            return convert(self.text(header), **options)
        except cells.CellError as error:
            self.error(header, error.message)
            return None

    def lookup(self, header: str, found: dict, message: str):
        """The object a code names, or None after recording `message` for a code not found."""
        code = self.text(header)
        if code and code not in found:
            self.error(header, message % {"code": code})
        return found.get(code)

    def check_repeated(self, header: str, lines: list[int] | None) -> None:
        """Record that other lines of the file repeat this row's `header` (`lines`: all of them)."""
        if lines:
            self.error(
                header,
                _("文件中有多行的%(column)s相同（第 %(lines)s 行）。")
                % {"column": header, "lines": "、".join(str(line) for line in lines)},
            )

    def add_field_errors(self, errors: Iterable[tuple[str, str]]) -> None:
        """Record (model field, message) problems under their columns, skipping columns that
        already had one (the cell's own problem says more)."""
        errored = {column for column, _message in self.result.errors if column}
        for name, message in errors:
            header = header_for_field(self.columns, name)
            if header not in errored:
                self.error(header, message)

    def full_clean(self, record: Model, *, exclude: set[str]) -> None:
        """Run model validation, skipping fields whose column already has an error."""
        errored = {column.field for column in self.columns if self.has_error(column.header)}
        try:
            record.full_clean(
                exclude=exclude | errored, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            self.add_field_errors(
                (name, message)
                for name, messages in error.message_dict.items()
                for message in messages
            )


def repeated(rows: Iterable[tuple[Hashable, int]]) -> dict[Hashable, list[int]]:
    """Key → lines, for the keys that more than one line uses; blank keys are ignored."""
    lines = defaultdict(list)
    for key, line in rows:
        if key:
            lines[key].append(line)
    return {key: found for key, found in lines.items() if len(found) > 1}


def repeated_in_column(
    rows: Sequence[RawRow], *, header: str, key: Callable[[str], str] = str
) -> dict[Hashable, list[int]]:
    """Normalised cell → lines, for the cells of `header` that more than one row repeats."""
    return repeated((key(raw.values.get(header, "").strip()), raw.line) for raw in rows)


def column_values(rows: Sequence[RawRow], header: str) -> set[str]:
    """The distinct non-blank cells of a column, to look them all up at once."""
    return {value for raw in rows if (value := raw.values.get(header, "").strip())}
