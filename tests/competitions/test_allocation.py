"""R14: balancing judges over entries without conflicts (no database)."""

from collections import Counter

from competitions import allocation


def test_each_entry_gets_its_judges_and_loads_stay_even():
    eligible = {entry: {1, 2, 3, 4} for entry in range(10, 16)}
    plan, missing = allocation.balanced(eligible=eligible, per_entry=2, per_judge=3)
    assert missing == {}
    assert all(len(judges) == 2 for judges in plan.values())
    assert set(Counter(j for judges in plan.values() for j in judges).values()) == {3}


def test_a_judge_in_conflict_is_never_chosen():
    eligible = {10: {1, 2}, 11: {2, 3}}
    plan, _ = allocation.balanced(eligible=eligible, per_entry=2, per_judge=5)
    assert {entry: set(judges) for entry, judges in plan.items()} == {10: {1, 2}, 11: {2, 3}}


def test_what_cannot_be_covered_is_reported():
    eligible = {10: {1}, 11: {1, 2}}
    plan, missing = allocation.balanced(eligible=eligible, per_entry=2, per_judge=1)
    assert missing == {10: 1, 11: 1}
    assert plan == {10: [1], 11: [2]}


def test_existing_assignments_count_towards_entries_and_loads():
    eligible = {10: {1, 2, 3}, 11: {1, 2, 3}}
    plan, missing = allocation.balanced(
        eligible=eligible, per_entry=2, per_judge=1, existing={10: {1}}
    )
    assert plan == {10: [2], 11: [3]} and missing == {11: 1}


def test_the_same_input_gives_the_same_plan():
    eligible = {e: {1, 2, 3, 4, 5} for e in range(20)}
    first = allocation.balanced(eligible=eligible, per_entry=3, per_judge=12)
    assert allocation.balanced(eligible=eligible, per_entry=3, per_judge=12) == first
