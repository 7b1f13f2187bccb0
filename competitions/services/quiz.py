"""Knowledge and skills rounds: the question bank, one timed attempt per person, answers saved
as the person goes, automatic scoring (R14)."""

import datetime as dt
import random
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from competitions import question_rules, quiz, rules, selectors
from competitions.models import Answer, Attempt, Competition, Question
from core.conflicts import refused_on_conflict
from directory.models import Person, Region

ONE_ATTEMPT = _("每人只能答题一次。")


@transaction.atomic
def question_create(
    *,
    region: Region,
    by,
    kind: str,
    text: str,
    options: list[str],
    key: list[int],
    topic: str,
    difficulty: int,
) -> Question:
    """A question of a region's bank: single choice (one key), multiple choice (two keys or
    more), true/false (options 正确, 错误); the caller has checked the user may manage it."""
    text, topic = (text or "").strip(), (topic or "").strip()
    options = [str(option).strip() for option in options if str(option).strip()]
    if kind == Question.Kind.TRUE_FALSE:
        options = list(question_rules.TRUE_FALSE_OPTIONS)
    key = sorted(set(key))
    errors = question_rules.question_errors(
        kind=kind, text=text, options=options, key=key, topic=topic, difficulty=difficulty
    )
    if errors:
        raise ValidationError([message for _field, message in errors])
    question = Question.objects.create(
        region=region,
        kind=kind,
        text=text,
        options=options,
        key=key,
        topic=topic,
        difficulty=difficulty,
    )
    audit_record(actor=by, verb="competition_question.create", target=question)
    return question


@transaction.atomic
def attempt_start(
    *,
    competition: Competition,
    person: Person,
    by,
    now: dt.datetime | None = None,
    seed: int | None = None,
) -> Attempt:
    """Start a person's one attempt while the round is open: a paper drawn by the blueprint from
    the bank of the organiser's region and the regions above it (the seed kept, so the draw can
    be repeated), due `quiz_minutes` later but never after the round closes (R14)."""
    now = now or timezone.now()
    if competition.kind != Competition.Kind.QUIZ:
        raise ValidationError(_("只有知识和技能竞赛可以在线答题。"))
    if competition.published_at is None or now < competition.submissions_open_at:
        raise ValidationError(_("答题尚未开始。"))
    if now >= competition.submissions_close_at:
        raise ValidationError(_("答题已结束。"))
    if selectors.eligible_station(competition=competition, person=person, now=now) is None:
        raise ValidationError(_("您当前的任职不在本次竞赛的参赛范围内。"))
    if selectors.attempt_of(competition=competition, person=person) is not None:
        raise ValidationError(ONE_ATTEMPT)
    seed = secrets.randbits(62) if seed is None else seed
    try:
        paper = quiz.draw(
            blueprint=rules.blueprint_lines(competition.blueprint),
            bank=selectors.question_bank(competition=competition),
            rng=random.Random(seed),  # noqa: S311 - a reproducible draw, not a secret
        )
    except quiz.BankTooSmall as error:
        raise ValidationError(_("题库题目不足，暂时无法组卷，请联系主办方。")) from error
    with refused_on_conflict(ONE_ATTEMPT):
        attempt = Attempt.objects.create(
            competition=competition,
            person=person,
            seed=seed,
            started_at=now,
            due_at=rules.attempt_due_at(
                started_at=now,
                minutes=competition.quiz_minutes,
                closes_at=competition.submissions_close_at,
            ),
        )
    Answer.objects.bulk_create(
        Answer(attempt=attempt, question_id=question, position=position)
        for position, question in enumerate(paper, 1)
    )
    audit_record(
        actor=by,
        verb="competition_attempt.start",
        target=attempt,
        after={"seed": seed, "questions": len(paper)},
    )
    return attempt


def _refuse_unless_answering(attempt: Attempt, now: dt.datetime) -> None:
    """No answer after hand-in; once the time is up the attempt is handed in as it stands."""
    if attempt.finished_at is not None:
        raise ValidationError(_("已交卷，不能再作答。"))
    if now >= attempt.due_at:
        attempt_finish(attempt=attempt, by=None, now=now)
        raise ValidationError(_("答题时间已到，本次作答未保存。"))


def answer_save(
    *,
    attempt: Attempt,
    by,
    question_id: int,
    chosen: list[int],
    now: dt.datetime | None = None,
) -> Answer:
    """Save one answer of the paper while time is left (a lost connection loses nothing saved).
    After the time is up the attempt is handed in as it stands and the answer refused."""
    now = now or timezone.now()
    _refuse_unless_answering(attempt, now)
    answer = attempt.answers.select_related("question").filter(question_id=question_id).first()
    if answer is None:
        raise ValidationError(_("该题不在您的试卷中。"))
    chosen = sorted(set(chosen))
    if any(not 0 <= c < len(answer.question.options) for c in chosen):
        raise ValidationError(_("所选答案不是该题的选项。"))
    if answer.question.kind != Question.Kind.MULTIPLE and len(chosen) > 1:
        raise ValidationError(_("单选题和判断题只能选一个答案。"))
    answer.chosen, answer.answered_at = chosen, now
    answer.save(update_fields=["chosen", "answered_at"])  # one statement: atomic by itself
    return answer


def answers_save(
    *,
    attempt: Attempt,
    by,
    answers: dict[int, list[int]],
    now: dt.datetime | None = None,
) -> int:
    """Save the answers of a paper that differ from those saved, question id → chosen options
    (the page posts the whole paper, its script after every click); how many changed. Each
    answer is saved on its own, so what was saved before a refusal stays saved (R14)."""
    now = now or timezone.now()
    _refuse_unless_answering(attempt, now)
    saved = dict(attempt.answers.values_list("question_id", "chosen"))
    changed = 0
    for question_id, chosen in answers.items():
        if sorted(set(chosen)) != sorted(saved.get(question_id) or []):
            answer_save(attempt=attempt, by=by, question_id=question_id, chosen=chosen, now=now)
            changed += 1
    return changed


@transaction.atomic
def attempt_finish(*, attempt: Attempt, by, now: dt.datetime | None = None) -> Attempt:
    """Hand in an attempt and score it: one point per right answer, a multiple choice right only
    with exactly the keyed options (R14). When the time is up the attempt counts as handed in
    at its due time. Idempotent."""
    now = now or timezone.now()
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.finished_at is not None:
        return locked
    answers = list(locked.answers.select_related("question"))
    for answer in answers:
        answer.correct = quiz.is_correct(
            kind=answer.question.kind, key=answer.question.key, answer=answer.chosen
        )
    Answer.objects.bulk_update(answers, ["correct"])
    locked.score = quiz.score(results=[answer.correct for answer in answers])
    locked.finished_at = min(now, locked.due_at)
    locked.save(update_fields=["score", "finished_at"])
    audit_record(
        actor=by, verb="competition_attempt.finish", target=locked, after={"score": locked.score}
    )
    attempt.score, attempt.finished_at = locked.score, locked.finished_at
    return locked


def attempt_finish_if_due(*, attempt: Attempt, now: dt.datetime) -> Attempt:
    """Hand in an attempt whose time is up (lazily, on any access, and by the task)."""
    if attempt.finished_at is None and now >= attempt.due_at:
        return attempt_finish(attempt=attempt, by=None, now=now)
    return attempt


def attempts_time_out(*, now: dt.datetime) -> int:
    """Hand in every attempt whose time is up; how many."""
    due = list(selectors.attempts_due(now=now))
    for attempt in due:
        attempt_finish(attempt=attempt, by=None, now=now)
    return len(due)
