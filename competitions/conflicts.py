"""Conflicts of interest between a judge and an entry (R14: results that HR can trust). Pure
functions on plain values.

A judge may not review an entry when they share a station, an agency or a county with one of its
authors, wrote it with them, stand in a recorded supervisor–supervisee pair with one of them, or
declared a conflict themselves. Places count over the positions each person holds or held.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SAME_STATION, SAME_AGENCY, SAME_COUNTY = "same_station", "same_agency", "same_county"
CO_AUTHOR, SUPERVISION, DECLARED = "co_author", "supervision", "declared"

REASONS = {
    SAME_STATION: _("与作者同一站点"),
    SAME_AGENCY: _("与作者同一运营机构"),
    SAME_COUNTY: _("与作者同一县（市、区）"),
    CO_AUTHOR: _("是该作品的作者或合作者"),
    SUPERVISION: _("与作者有督导关系"),
    DECLARED: _("本人申报回避"),
}


@dataclass(frozen=True)
class Party:
    """Where a person works or worked, for conflict checks."""

    person: int
    stations: frozenset[int] = frozenset()
    agencies: frozenset[int] = frozenset()
    counties: frozenset[int] = frozenset()


def conflict_reasons(
    *,
    judge: Party,
    authors: Iterable[Party],
    supervision_pairs: frozenset[frozenset[int]] = frozenset(),
    declared: bool = False,
) -> list[str]:
    """Why `judge` may not review an entry by `authors` (empty: no conflict), in the order of
    REASONS. `supervision_pairs` holds {supervisor, supervisee} person ids."""
    found = set()
    for author in authors:
        if author.person == judge.person:
            found.add(CO_AUTHOR)
        if judge.stations & author.stations:
            found.add(SAME_STATION)
        if judge.agencies & author.agencies:
            found.add(SAME_AGENCY)
        if judge.counties & author.counties:
            found.add(SAME_COUNTY)
        if frozenset({judge.person, author.person}) in supervision_pairs:
            found.add(SUPERVISION)
    if declared:
        found.add(DECLARED)
    return [reason for reason in REASONS if reason in found]
