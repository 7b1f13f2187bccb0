"""A county A case competition organised by 张敏, entered by 王芳 (station A), judged by experts
holding the judge role over the city; fixed times so that every phase is a parameter."""

import datetime as dt
from types import SimpleNamespace

import pytest

from accounts.roles import Role
from competitions.models import Competition
from competitions.services import contests
from tests import factories

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
OPEN = dt.datetime(2026, 3, 1, 9, tzinfo=SHANGHAI)
CLOSE = OPEN + dt.timedelta(days=10)
REVIEW_CLOSES = OPEN + dt.timedelta(days=20)
DURING = OPEN + dt.timedelta(days=1)
IN_REVIEW = CLOSE + dt.timedelta(days=1)
AFTER_REVIEW = REVIEW_CLOSES + dt.timedelta(hours=1)

RUBRIC = [
    {
        "name": "专业性",
        "weight": 60,
        "min_score": 0,
        "max_score": 10,
        "comment_at_or_below": 2,
        "comment_at_or_above": 10,
    },
    {"name": "创新性", "weight": 40, "min_score": 0, "max_score": 10},
]
CASE_TEXT = {
    "background": "社区独居老人服务背景。",
    "assessment": "需求评估。",
    "plan": "服务计划。",
    "intervention": "介入过程。",
    "evaluation": "成效评估。",
    "reflection": "专业反思。",
}


def judge_person(name, tree, *, station=None, region=None):
    """A person with the judge role over the city (and a position at `station` if given)."""
    user = factories.UserFactory(last_name=name)
    person = factories.PersonFactory(name=name, region=region or tree.city, user=user)
    if station is not None:
        factories.PositionFactory(person=person, service_point=station)
    factories.RoleGrantFactory(user=user, role=Role.JUDGE, region=tree.city)
    return person


def make_competition(organiser_user, organiser, *, kind=Competition.Kind.CASE, **extra):
    fields = {
        "title": "2026年优秀案例评选",
        "kind": kind,
        "rules": "评选规则全文。",
        "award_levels": [{"name": "一等奖", "count": 1}, {"name": "二等奖", "count": 1}],
        "method": Competition.Method.MEAN,
        "tie_rule": Competition.TieRule.SHARED,
        "submissions_open_at": OPEN,
        "submissions_close_at": CLOSE,
        "review_closes_at": REVIEW_CLOSES,
        "judges_per_entry": 2,
        **extra,
    }
    competition = contests.competition_create(by=organiser_user, organiser=organiser, **fields)
    if kind != Competition.Kind.QUIZ:
        contests.rubric_set(competition=competition, by=organiser_user, criteria=RUBRIC)
    return competition


@pytest.fixture
def judges(tree):
    return SimpleNamespace(
        expert=judge_person("专家甲", tree),
        county_b=judge_person("专家乙", tree, station=tree.station_b, region=tree.county_b),
        colleague=judge_person("专家丙", tree, station=tree.station_a, region=tree.county_a),
    )


@pytest.fixture
def case(tree, zhang_min):
    """A published case competition of county A."""
    competition = make_competition(zhang_min.user, tree.county_a)
    return contests.competition_publish(
        competition=competition, by=zhang_min.user, now=OPEN - dt.timedelta(days=1)
    )


@pytest.fixture
def clock(monkeypatch):
    """`clock(when)` sets the time the pages (and the services they call) see."""
    from django.utils import timezone

    def set_to(when):
        monkeypatch.setattr(timezone, "now", lambda: when)

    return set_to


def station_head(name, station):
    """A person heading `station`: a position there and the station head's grant over it."""
    user = factories.UserFactory(last_name=name)
    person = factories.PersonFactory(name=name, region=station.region, user=user)
    factories.PositionFactory(person=person, service_point=station, role="station_head")
    factories.RoleGrantFactory(user=user, role=Role.STATION_HEAD, service_point=station)
    return person


@pytest.fixture
def heads(tree):
    """The heads of station A (定王台) and station B (坡子街)."""
    return SimpleNamespace(
        a=station_head("站长甲", tree.station_a), b=station_head("站长乙", tree.station_b)
    )
