"""The practicum world with 钱学生 accepted at station A's placement, and helpers to log weeks
and evaluate (R15)."""

import datetime as dt

import pytest

from practicum.models import Application, Evaluation, WeeklyLog

WEEKS = 16  # 16 weeks of 50 h meet the BSW's 800 h


def confirmed_weeks(application, *, weeks=WEEKS, minutes=3000):
    for week in range(weeks):
        WeeklyLog.objects.create(
            application=application,
            week_starts_on=application.placement.starts_on + dt.timedelta(weeks=week),
            minutes=minutes,
            activities="入户探访、小组活动",
            reflection="学会了倾听。",
            state=WeeklyLog.State.CONFIRMED,
        )


def full_scores(form, score=8):
    return {c["name"]: (score, "表现良好") for c in form.criteria}


def evaluation_row(application, *, stage, party, form, by):
    return Evaluation.objects.create(
        application=application,
        stage=stage,
        party=party,
        form=form,
        criteria=form.criteria,
        scores={c["name"]: {"score": 8, "comment": "好"} for c in form.criteria},
        overall_comment="认真负责。",
        evaluator=by,
    )


@pytest.fixture
def accepted(practicum):
    return Application.objects.create(
        placement=practicum.placement,
        student=practicum.student,
        statement="我希望在社区养老服务中学习。",
        state=Application.State.ACCEPTED,
        station_decision=Application.Decision.ACCEPTED,
        coordinator_decision=Application.Decision.ACCEPTED,
    )


@pytest.fixture
def pending(practicum):
    return Application.objects.create(
        placement=practicum.placement,
        student=practicum.second_student,
        statement="申请实习。",
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
