"""R14: each conflict-of-interest rule between a judge and an entry's authors (no database)."""

from competitions.conflicts import (
    CO_AUTHOR,
    DECLARED,
    SAME_AGENCY,
    SAME_COUNTY,
    SAME_STATION,
    SUPERVISION,
    Party,
    conflict_reasons,
)

JUDGE = Party(
    person=1, stations=frozenset({10}), agencies=frozenset({20}), counties=frozenset({30})
)
STRANGER = Party(
    person=2, stations=frozenset({11}), agencies=frozenset({21}), counties=frozenset({31})
)


def test_no_conflict_with_a_stranger():
    assert conflict_reasons(judge=JUDGE, authors=[STRANGER]) == []


def test_same_station_agency_and_county_each_conflict():
    for field, reason in [
        ("stations", SAME_STATION),
        ("agencies", SAME_AGENCY),
        ("counties", SAME_COUNTY),
    ]:
        author = Party(**{**STRANGER.__dict__, field: getattr(JUDGE, field)})
        assert conflict_reasons(judge=JUDGE, authors=[author]) == [reason]


def test_a_co_author_never_judges_the_entry():
    assert conflict_reasons(judge=JUDGE, authors=[STRANGER, Party(person=1)]) == [CO_AUTHOR]


def test_a_supervision_pair_conflicts_either_way():
    pairs = frozenset({frozenset({1, 2})})
    assert conflict_reasons(judge=JUDGE, authors=[STRANGER], supervision_pairs=pairs) == [
        SUPERVISION
    ]


def test_a_declared_conflict_is_honoured():
    assert conflict_reasons(judge=JUDGE, authors=[STRANGER], declared=True) == [DECLARED]
