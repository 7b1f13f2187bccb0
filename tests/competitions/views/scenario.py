"""A county A case competition carried through its phases for the page tests: entries by 王芳
and two colleagues of other counties, scored by two judges of the city, then on notice."""

import datetime as dt

from competitions.services import entries, results, review
from tests import factories
from tests.competitions.conftest import AFTER_REVIEW, CASE_TEXT, DURING, IN_REVIEW

NOTICE_START = AFTER_REVIEW
NOTICE_END = AFTER_REVIEW + dt.timedelta(days=7)


def submitted(competition, author, title="独居老人个案"):
    entry = entries.entry_create(
        competition=competition, author=author, title=title, by=None, now=DURING
    )
    entries.entry_update(entry=entry, by=None, title=title, sections=CASE_TEXT, now=DURING)
    return entries.entry_submit(entry=entry, by=None, deidentified=True, now=DURING)


def author_in(tree, name, station):
    person = factories.PersonFactory(name=name, region=station.region)
    factories.PositionFactory(person=person, service_point=station)
    return person


def scored(competition, wang_fang, judges, tree):
    """Three entries, each scored and handed in by 专家甲 and 专家乙 (the ranking 甲, 乙, 丙)."""
    other = author_in(tree, "赵作者", tree.station_a)
    made = [submitted(competition, wang_fang, "甲"), submitted(competition, other, "乙")]
    made.append(submitted(competition, author_in(tree, "钱作者", tree.station_a), "丙"))
    first, second = competition.criteria.order_by("position")
    marks = {0: [(9, 8), (8, 8)], 1: [(7, 7), (8, 6)], 2: [(6, 5), (5, 5)]}
    for index, entry in enumerate(made):
        for judge, (a, b) in zip((judges.expert, judges.county_b), marks[index], strict=True):
            if review.selectors.conflict_reasons_for(entry=entry, judge=judge):
                continue
            assignment = review.assignment_create(entry=entry, judge=judge, by=None, now=IN_REVIEW)
            review.scores_save(
                assignment=assignment,
                by=None,
                values={first.pk: (a, "好"), second.pk: (b, "")},
                now=IN_REVIEW,
            )
            review.assignment_submit(assignment=assignment, by=None, now=IN_REVIEW)
    return made


def on_notice(competition, organiser):
    results.notice_publish(
        competition=competition,
        by=organiser.user,
        starts_at=NOTICE_START,
        ends_at=NOTICE_END,
        now=AFTER_REVIEW,
    )
