"""A person's own data, gathered from every app (PIPL: the right to a copy of one's data).

Each app contributes through a selector named in `PERSONAL_DATA_SECTIONS`: a function of
`person=` returning `{section title: rows}`, each row a dict of plain values, and reading only
rows about that person. `personal_data_rows` turns a queryset's `values()` into such rows.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string


def _plain(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def personal_data_rows(queryset: QuerySet, fields: dict[str, str]) -> list[dict]:
    """Rows of `queryset` as {label: value}; `fields` maps each lookup to its label."""
    return [
        {label: _plain(row[lookup]) for lookup, label in fields.items()}
        for row in queryset.values(*fields)
    ]


def personal_data_collect(*, person) -> dict[str, list[dict]]:
    """Every section every app holds about `person`, in the order of the setting."""
    sections = {}
    for path in settings.PERSONAL_DATA_SECTIONS:
        sections.update(import_string(path)(person=person))
    return sections
