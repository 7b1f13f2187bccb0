"""When a competition is in which phase, who may enter, and what a score or a set-up must hold
(R14). Pure functions on plain values: no ORM, no clock (`now` is a parameter).
"""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum

from competitions.quiz import BlueprintLine


class Phase(StrEnum):
    DRAFT = "draft"  # not published: only the organiser sees it
    CALL = "call"  # published, submissions not yet open
    SUBMISSION = "submission"  # entries drafted and submitted; a quiz round is open
    REVIEW = "review"  # entries frozen, judges scoring
    REVIEW_CLOSED = "review_closed"  # scores final, the ranking not yet on notice
    NOTICE = "notice"  # the ranking on public notice (公示), objections possible
    NOTICE_CLOSED = "notice_closed"  # notice over, objections answered, results not final
    FINAL = "final"


def phase(
    *,
    now: dt.datetime,
    published_at: dt.datetime | None,
    submissions_open_at: dt.datetime,
    submissions_close_at: dt.datetime,
    review_closes_at: dt.datetime,
    notice_starts_at: dt.datetime | None,
    notice_ends_at: dt.datetime | None,
    finalised_at: dt.datetime | None,
) -> Phase:
    """The phase a competition is in at `now`, from its dates (R14: call, submission, review,
    notice, final). The notice phase needs the organiser to have put the ranking on notice."""
    if finalised_at is not None:
        return Phase.FINAL
    if published_at is None:
        return Phase.DRAFT
    if now < submissions_open_at:
        return Phase.CALL
    if now < submissions_close_at:
        return Phase.SUBMISSION
    if now < review_closes_at:
        return Phase.REVIEW
    if notice_starts_at is None or now < notice_starts_at:
        return Phase.REVIEW_CLOSED
    if notice_ends_at is not None and now < notice_ends_at:
        return Phase.NOTICE
    return Phase.NOTICE_CLOSED


def eligible_place(
    *,
    places: Iterable[tuple[int, str, str]],
    eligible_paths: Sequence[str],
    eligible_roles: Sequence[str],
) -> int | None:
    """The service point of a person's first current position, given as (service point id,
    region path of the point, role), that lies in one of the eligible region subtrees and has
    an eligible role; None when none does: the person may not enter (R14). No roles listed:
    every role is eligible. The caller passes the organiser's own path when no region is
    listed."""
    for point, path, role in places:
        in_region = any(path.startswith(eligible) for eligible in eligible_paths)
        if in_region and (not eligible_roles or role in eligible_roles):
            return point
    return None


def may_add_entry(*, entries_so_far: int, entries_per_author: int) -> bool:
    """An author enters at most `entries_per_author` entries in one competition (R14)."""
    return entries_so_far < entries_per_author


def award_levels(raw: object) -> list[tuple[str, int]]:
    """The award levels stored on a competition (`[{"name": "一等奖", "count": 3}, …]`, highest
    first) as (name, count) pairs; raises ValueError for anything else."""
    if not isinstance(raw, list):
        raise ValueError("award levels must be a list")
    levels = []
    for item in raw:
        if not isinstance(item, Mapping):
            raise ValueError("an award level is a mapping")
        name, count = str(item.get("name", "")).strip(), item.get("count")
        if not name or not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ValueError("an award level needs a name and a count of at least 1")
        levels.append((name, count))
    return levels


def blueprint_lines(raw: object) -> list[BlueprintLine]:
    """A stored blueprint (`[{"topic": "政策法规", "difficulty": 1, "count": 5}, …]`) as lines;
    raises ValueError for anything else."""
    if not isinstance(raw, list):
        raise ValueError("a blueprint must be a list")
    lines = []
    for item in raw:
        if not isinstance(item, Mapping):
            raise ValueError("a blueprint line is a mapping")
        topic = str(item.get("topic", "")).strip()
        difficulty, count = item.get("difficulty"), item.get("count")
        if not topic or not all(isinstance(v, int) and v >= 1 for v in (difficulty, count)):
            raise ValueError("a blueprint line needs a topic, a difficulty and a count")
        lines.append(BlueprintLine(topic, difficulty, count))
    return lines


# Problems that keep a competition from being published (codes; services word them).
NO_CRITERIA, NO_AWARDS, BAD_AWARDS, BAD_BLUEPRINT, NO_QUIZ_MINUTES, PHASES_OUT_OF_ORDER = (
    "no_criteria",
    "no_awards",
    "bad_awards",
    "bad_blueprint",
    "no_quiz_minutes",
    "phases_out_of_order",
)


def publish_problems(
    *,
    is_quiz: bool,
    weights: Sequence[int],
    raw_award_levels: object,
    raw_blueprint: object,
    quiz_minutes: int | None,
    dates: Sequence[dt.datetime | None],
) -> list[str]:
    """What keeps a competition from being published (R14): a scored contest needs a rubric
    whose weights are all positive; every contest needs award levels; a quiz needs a blueprint
    and a time limit; the phases' dates (call to notice end, the notice optional) must be in
    order."""
    problems = []
    if not is_quiz and (not weights or any(w <= 0 for w in weights)):
        problems.append(NO_CRITERIA)
    try:
        if not award_levels(raw_award_levels):
            problems.append(NO_AWARDS)
    except ValueError:
        problems.append(BAD_AWARDS)
    if is_quiz:
        try:
            if not blueprint_lines(raw_blueprint):
                problems.append(BAD_BLUEPRINT)
        except ValueError:
            problems.append(BAD_BLUEPRINT)
        if not quiz_minutes:
            problems.append(NO_QUIZ_MINUTES)
    if not dates_in_order(dates):
        problems.append(PHASES_OUT_OF_ORDER)
    return problems


def dates_in_order(dates: Sequence[dt.datetime | None]) -> bool:
    """Whether the given dates (None: not set, skipped) never go back in time."""
    given = [d for d in dates if d is not None]
    return all(earlier <= later for earlier, later in zip(given, given[1:], strict=False))


# Problems with one score (codes; services word them).
OUT_OF_RANGE, COMMENT_REQUIRED = "out_of_range", "comment_required"


def score_problem(
    *,
    value: Decimal,
    min_score: Decimal,
    max_score: Decimal,
    comment: str,
    comment_at_or_below: Decimal | None,
    comment_at_or_above: Decimal | None,
) -> str | None:
    """Why one criterion's score cannot be saved, or None (R14): it lies outside the
    criterion's range, or it is extreme (at or beyond a comment threshold) without a comment."""
    if not min_score <= value <= max_score:
        return OUT_OF_RANGE
    extreme = (comment_at_or_below is not None and value <= comment_at_or_below) or (
        comment_at_or_above is not None and value >= comment_at_or_above
    )
    if extreme and not (comment or "").strip():
        return COMMENT_REQUIRED
    return None


def content_digest(
    *, title: str, sections: Mapping[str, str], body: str, file_hashes: Sequence[str]
) -> str:
    """SHA-256 of an entry's frozen content: its title, sections, body and its files' own
    SHA-256s in upload order, as canonical JSON, so that any later change would show (R14)."""
    payload = json.dumps(
        {"title": title, "sections": dict(sections), "body": body, "files": list(file_hashes)},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def attempt_due_at(*, started_at: dt.datetime, minutes: int, closes_at: dt.datetime) -> dt.datetime:
    """When a quiz attempt's time is up: `minutes` after its start, never after the round
    closes (R14)."""
    return min(started_at + dt.timedelta(minutes=minutes), closes_at)


def within(*, now: dt.datetime, starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> bool:
    """Whether `now` falls in [starts_at, ends_at): a window with a missing end is closed."""
    return starts_at is not None and ends_at is not None and starts_at <= now < ends_at


def file_name_for_judge(*, code: str, index: int, original_name: str) -> str:
    """The name a judge's download carries in blind mode: the entry's code and the file's
    place, with the original file's extension only (never its name)."""
    stem, dot, suffix = original_name.rpartition(".")
    extension = (
        f".{suffix.lower()}" if dot and stem and suffix.isalnum() and len(suffix) <= 8 else ""
    )
    return f"{code}-{index}{extension}"


def results_public(*, phase: Phase) -> bool:
    """Whether the ranking is shown on the public pages: from the start of the notice (公示) on,
    and once final (R14)."""
    return phase in (Phase.NOTICE, Phase.NOTICE_CLOSED, Phase.FINAL)


class EntryStatus(StrEnum):
    DRAFT = "draft"  # the author may still change it
    SUBMITTED = "submitted"  # handed in before the deadline; withdraw to change it
    FROZEN = "frozen"  # submitted, the deadline passed: it goes to review unchanged
    NOT_SUBMITTED = "not_submitted"  # the deadline passed before it was submitted: not reviewed


def entry_status(
    *,
    submitted_at: dt.datetime | None,
    frozen_at: dt.datetime | None,
    submissions_close_at: dt.datetime,
    now: dt.datetime,
) -> EntryStatus:
    """Where an entry stands for its author (R14: drafts until the deadline, frozen after it);
    an entry counts as frozen at the deadline even before the freezing task has run."""
    closed = frozen_at is not None or now >= submissions_close_at
    if submitted_at is None:
        return EntryStatus.NOT_SUBMITTED if closed else EntryStatus.DRAFT
    return EntryStatus.FROZEN if closed else EntryStatus.SUBMITTED
