"""Demo competitions for `manage.py seed_demo` (directory/demo/extensions.py), R14.

Changsha's civil-affairs office (changsha.admin@example.cn) runs one competition of each kind,
each at another phase, dated from today: a case selection in review (entries assigned to judges
with the load balanced, some scored), an essay contest on public notice (公示) with an objection
answered, a video contest whose results are final with award certificates, and a knowledge
contest open now with a question bank and a blueprint. The head of the 星沙 station
(head.xingsha@example.cn) runs a local case selection of the station, open now to its workers
and the community rooms below it. The authors are the first workers of Changsha's stations
(worker1.xingsha@example.cn among them); the judges are the demo judge (judge@example.cn, given
a person record here) and two more experts with the judge role over Hunan. Each step goes through
the services with the time it would have happened at. A second run adds nothing; `reset()`
removes every competition row.
"""

import dataclasses
import datetime as dt

from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from competitions import selectors
from competitions.models import (
    Answer,
    Assignment,
    Attempt,
    Competition,
    ConflictDeclaration,
    Criterion,
    Entry,
    EntryFile,
    Objection,
    Question,
    Result,
    Score,
)
from competitions.services import blind_copies, contests, entries, quiz, results, review
from credentials import services as credential_services
from credentials.models import Certificate
from directory.demo.base import DOMAIN, PASSWORD
from directory.demo.build import plan_write
from directory.demo.people import PeopleMaker
from directory.demo.plan import AccountRow, GrantRow, Plan, RegionRow
from directory.models import Person, Region

SEED = 20260301
ORGANISER = f"changsha.admin@{DOMAIN}"
AUTHOR = f"worker1.xingsha@{DOMAIN}"
JUDGE = f"judge@{DOMAIN}"
JUDGES = (JUDGE, f"judge2@{DOMAIN}", f"judge3@{DOMAIN}")
AUTHORS = tuple(
    f"worker1.{slug}@{DOMAIN}"
    for slug in ("xingsha", "quantang", "huanghua", "liuyang", "huaichuan")
)
CITY, PROVINCE = "430100", "430000"
JUDGES_FILED_IN = "430121"  # 长沙县 keeps the judges' files; they hold no position anywhere
DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)

CASE, ESSAY, VIDEO, QUIZ = (
    "2026年长沙市社会工作优秀案例评选",
    "“我在社工站的一天”征文（演示）",
    "“社工站的故事”短视频大赛（演示）",
    "长沙市社会工作知识和技能竞赛（演示）",
)
LOCAL = "星沙街道社工站服务案例分享会（演示）"
TITLES = (CASE, ESSAY, VIDEO, QUIZ, LOCAL)
STATION_HEAD = f"head.xingsha@{DOMAIN}"
LOCAL_AUTHOR = f"worker2.xingsha@{DOMAIN}"
RUBRIC = [
    {
        "name": "专业性",
        "weight": 40,
        "max_score": 10,
        "comment_at_or_below": 3,
        "comment_at_or_above": 10,
    },
    {"name": "成效", "weight": 30, "max_score": 10},
    {"name": "创新性", "weight": 20, "max_score": 10},
    {"name": "规范与伦理", "weight": 10, "max_score": 10},
]
AWARDS = [
    {"name": "一等奖", "count": 1},
    {"name": "二等奖", "count": 1},
    {"name": "三等奖", "count": 2},
]
CASE_TEXT = {
    "background": "服务对象为社区独居老人（化名：陈阿姨），子女在外地工作。",
    "assessment": "运用生态系统视角评估其社会支持与日常照料需求。",
    "plan": "链接邻里互助与社区志愿者，建立每周探访机制。",
    "intervention": "开展 8 次个案面谈与 2 次邻里小组活动。",
    "evaluation": "服务对象孤独感量表得分下降，邻里支持网络建立。",
    "reflection": "关注服务对象自决，避免替代其做决定。",
}
ESSAY_TEXT = "清晨走进社工站，先翻看昨天的探访记录，再和同事商量今天的入户安排……（演示文本）"
# A few bytes that start as an MP4 file does: enough for the type check, not a real video.
FAKE_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
QUESTIONS = [
    ("政策法规", 1, "single", "社会工作站一般设在哪一级？", ["乡镇（街道）", "省", "市"], [0]),
    ("政策法规", 1, "true_false", "社工站工作人员可以行使行政审批职能。", [], [1]),
    ("政策法规", 1, "single", "助理社会工作师属于哪一级职业水平？", ["初级", "中级", "高级"], [0]),
    ("政策法规", 1, "true_false", "社会工作者职业资格证书须定期登记。", [], [0]),
    (
        "政策法规",
        2,
        "multiple",
        "下列属于社工站专业服务的有：",
        ["个案服务", "小组活动", "行政审批"],
        [0, 1],
    ),
    (
        "政策法规",
        2,
        "single",
        "湖南省社工站三年行动计划覆盖哪几年？",
        ["2021—2023年", "2019—2020年", "2024—2026年"],
        [0],
    ),
    ("政策法规", 2, "true_false", "继续教育学时按登记有效期累计。", [], [0]),
    (
        "专业伦理",
        1,
        "single",
        "服务对象自决原则指：",
        ["尊重服务对象的选择", "社工替其决定", "家属决定"],
        [0],
    ),
    ("专业伦理", 1, "true_false", "案例材料公开前须隐去服务对象的身份信息。", [], [0]),
    (
        "专业伦理",
        1,
        "multiple",
        "保密原则的例外包括：",
        ["危及生命安全", "法律要求", "同事好奇"],
        [0, 1],
    ),
    (
        "专业伦理",
        1,
        "single",
        "发现利益冲突时，评审专家应当：",
        ["申报回避", "照常评审", "私下告知作者"],
        [0],
    ),
    ("实务", 2, "single", "个案工作的第一个阶段通常是：", ["接案", "结案", "评估成效"], [0]),
    ("实务", 2, "multiple", "小组工作的常见类型有：", ["支持小组", "教育小组", "审批小组"], [0, 1]),
    ("实务", 2, "true_false", "督导记录可作为督导本人晋升的参考。", [], [0]),
]
BLUEPRINT = [
    {"topic": "政策法规", "difficulty": 1, "count": 3},
    {"topic": "政策法规", "difficulty": 2, "count": 2},
    {"topic": "专业伦理", "difficulty": 1, "count": 3},
    {"topic": "实务", "difficulty": 2, "count": 2},
]


def seed(*, scale: str, figures) -> None:
    if Competition.objects.filter(title__in=TITLES).exists():
        return
    if not User.objects.filter(email=ORGANISER).exists():
        return  # a directory without the Changsha demo accounts
    _judges(figures)
    now = timezone.now()
    organiser = User.objects.get(email=ORGANISER)
    city = Region.objects.get(code=CITY)
    by_email = {
        person.user.email: person
        for person in Person.objects.filter(user__email__in=AUTHORS + JUDGES).select_related("user")
    }
    authors = [by_email[email] for email in AUTHORS if email in by_email]
    judges = [by_email[email] for email in JUDGES]
    figures.run("competitions: case selection", _case, organiser, city, authors, judges, now)
    figures.run("competitions: essay contest", _essay, organiser, city, authors, judges, now)
    figures.run("competitions: video contest", _video, organiser, city, authors, judges, now)
    figures.run("competitions: knowledge contest", _quiz, organiser, city, authors, now)
    figures.run("competitions: local contest", _local, now)


def reset() -> None:
    """Delete every competition row (before the credentials and the directory)."""
    for model in (Score, Assignment, ConflictDeclaration, Objection, Result, Answer, Attempt):
        model.objects.all()._raw_delete(connection.alias)
    Question.objects.all().delete()
    for attachment in EntryFile.objects.all():
        blind_copies.blind_copy_delete(attachment=attachment)
        attachment.file.delete(save=False)
    EntryFile.objects.all().delete()
    Entry.coauthors.through.objects.all().delete()
    Entry.objects.all().delete()
    Criterion.objects.all().delete()
    Competition.eligible_regions.through.objects.all().delete()
    Competition.objects.all().delete()


def _judges(figures) -> None:
    """The demo judge gets a person record (judges are people: conflicts are checked on their
    positions); two more experts with the judge role over Hunan. No positions: no conflicts."""
    people = PeopleMaker(seed=SEED, mobile_prefixes=("198",))
    named = dict(User.objects.filter(email__in=JUDGES).values_list("email", "last_name"))
    plan = Plan()
    plan.regions = [
        RegionRow(PROVINCE, "湖南省", "province", None),
        RegionRow(JUDGES_FILED_IN, "长沙县", "county", CITY),
    ]
    for email in JUDGES:
        row = people.person(
            area=JUDGES_FILED_IN, born_from=1965, born_to=1980, floor="master", email=email
        )
        row = dataclasses.replace(row, name=named.get(email, row.name))
        plan.people.append(row)
        plan.accounts.append(AccountRow(email, row.name, featured=email == JUDGE))
        plan.grants.append(GrantRow(email, Role.JUDGE, region_code=PROVINCE))
    plan_write(plan, password=PASSWORD, figures=figures, label="competitions judges")


def _competition(organiser, city, *, title, kind, opens_at, closes_at, review_closes_at, **extra):
    competition = contests.competition_create(
        by=organiser,
        organiser=city,
        title=title,
        kind=kind,
        rules=f"{title}：面向长沙市各社工站的驻站社工，作品须原创并已按要求脱敏。（演示数据）",
        award_levels=AWARDS,
        method=extra.pop("method", Competition.Method.MEAN),
        tie_rule=Competition.TieRule.BY_CRITERION,
        submissions_open_at=opens_at,
        submissions_close_at=closes_at,
        review_closes_at=review_closes_at,
        judges_per_entry=2,
        entries_per_judge=10,
        **extra,
    )
    if kind != Competition.Kind.QUIZ:
        contests.rubric_set(competition=competition, by=organiser, criteria=RUBRIC)
    return contests.competition_publish(competition=competition, by=organiser, now=opens_at - DAY)


def _entries(competition, authors, *, at, upload=None) -> list[Entry]:
    made = []
    for n, author in enumerate(authors, 1):
        title = f"{competition.get_kind_display()}作品 {n}（演示）"
        entry = entries.entry_create(
            competition=competition, author=author, title=title, by=author.user, now=at
        )
        is_case = competition.kind == Competition.Kind.CASE
        entries.entry_update(
            entry=entry,
            by=author.user,
            title=title,
            sections=CASE_TEXT if is_case else None,
            body="" if is_case else ESSAY_TEXT,
            now=at,
        )
        if upload:
            entries.entry_file_add(
                entry=entry, by=author.user, upload=ContentFile(upload, name=f"作品{n}.mp4"), now=at
            )
        made.append(
            entries.entry_submit(entry=entry, by=author.user, deidentified=True, now=at + HOUR)
        )
    return made


def _score(assignment, *, points: int, at, submit: bool = True) -> None:
    """Scores from `points` (higher for the earlier entries), a comment where one is needed."""
    criteria = assignment.entry.competition.criteria.all()
    values = {c.pk: (max(4, min(9, points - c.position)), "结构完整，过程清晰。") for c in criteria}
    review.scores_save(assignment=assignment, by=assignment.judge.user, values=values, now=at)
    if submit:
        review.assignment_submit(assignment=assignment, by=assignment.judge.user, now=at)


def _assign_and_score(competition, organiser, judges, made, *, at, scored=None) -> list:
    review.assignments_balance(competition=competition, judges=judges, by=organiser, now=at)
    assignments = list(
        Assignment.objects.filter(entry__competition=competition)
        .select_related("entry__competition", "judge__user")
        .order_by("entry__code", "judge_id")
    )
    rank = {entry.pk: n for n, entry in enumerate(made)}
    for assignment in assignments[: scored if scored is not None else len(assignments)]:
        _score(assignment, points=9 - rank[assignment.entry_id], at=at + HOUR)
    return assignments


def _case(organiser, city, authors, judges, now) -> int:
    """In review: entries assigned, some scored; the demo judge has entries left to score."""
    competition = _competition(
        organiser,
        city,
        title=CASE,
        kind=Competition.Kind.CASE,
        opens_at=now - 40 * DAY,
        closes_at=now - 5 * DAY,
        review_closes_at=now + 14 * DAY,
        method=Competition.Method.TRIMMED_MEAN,
    )
    made = _entries(competition, authors, at=now - 30 * DAY)
    assignments = _assign_and_score(
        competition, organiser, judges[1:], made, at=now - 4 * DAY, scored=3
    )
    mine = [
        review.assignment_create(entry=entry, judge=judges[0], by=organiser, now=now - 3 * DAY)
        for entry in made[:3]
    ]
    _score(mine[0], points=8, at=now - 2 * DAY, submit=False)
    return len(made) + len(assignments) + len(mine)


def _essay(organiser, city, authors, judges, now) -> int:
    """On notice: every score in, the ranking on notice for a week, an objection answered."""
    competition = _competition(
        organiser,
        city,
        title=ESSAY,
        kind=Competition.Kind.ESSAY,
        opens_at=now - 60 * DAY,
        closes_at=now - 40 * DAY,
        review_closes_at=now - 10 * DAY,
    )
    made = _entries(competition, authors[1:], at=now - 50 * DAY)
    _assign_and_score(competition, organiser, judges, made, at=now - 35 * DAY)
    competition.refresh_from_db()
    results.notice_publish(
        competition=competition,
        by=organiser,
        starts_at=now - 3 * DAY,
        ends_at=now + 4 * DAY,
        now=now - 9 * DAY,
    )
    objector = authors[-1]
    objection = results.objection_raise(
        competition=competition,
        by=objector.user,
        entry=made[0],
        reason="该作品所述活动时间与本站记录不一致，请核实。",
        now=now - 2 * DAY,
    )
    results.objection_answer(
        objection=objection,
        by=organiser,
        answer="经核实，作品所述为 2025 年的活动，与记录一致，维持评审结果。",
        now=now - DAY,
    )
    return len(made) + 1


def _video(organiser, city, authors, judges, now) -> int:
    """Final: results published, award certificates issued (the demo author's entry first)."""
    competition = _competition(
        organiser,
        city,
        title=VIDEO,
        kind=Competition.Kind.VIDEO,
        opens_at=now - 120 * DAY,
        closes_at=now - 90 * DAY,
        review_closes_at=now - 60 * DAY,
        method=Competition.Method.STANDARDISED,
    )
    made = _entries(competition, authors[:4], at=now - 100 * DAY, upload=FAKE_MP4)
    _assign_and_score(competition, organiser, judges, made, at=now - 85 * DAY)
    competition.refresh_from_db()
    results.notice_publish(
        competition=competition,
        by=organiser,
        starts_at=now - 55 * DAY,
        ends_at=now - 48 * DAY,
        now=now - 59 * DAY,
    )
    awarded = results.results_finalise(competition=competition, by=organiser, now=now - 45 * DAY)
    certificates = Certificate.objects.filter(
        subject__in=[f"competition-entry:{entry.pk}" for entry in made], pdf=""
    )
    for certificate_id in certificates.values_list("pk", flat=True):
        credential_services.certificate_render(certificate_id=certificate_id)
    return len(made) + len(awarded)


def _quiz(organiser, city, authors, now) -> int:
    """Open now: the city's question bank, a blueprint, three papers already handed in (the
    demo author has not started hers)."""
    for topic, difficulty, kind, text, options, key in QUESTIONS:
        quiz.question_create(
            region=city,
            by=organiser,
            kind=kind,
            text=text,
            options=options,
            key=key,
            topic=topic,
            difficulty=difficulty,
        )
    competition = _competition(
        organiser,
        city,
        title=QUIZ,
        kind=Competition.Kind.QUIZ,
        opens_at=now - DAY,
        closes_at=now + 14 * DAY,
        review_closes_at=now + 14 * DAY,
        quiz_minutes=20,
        blueprint=BLUEPRINT,
    )
    started = now - 20 * HOUR
    for n, person in enumerate(authors[1:4]):
        attempt = quiz.attempt_start(
            competition=competition, person=person, by=person.user, now=started, seed=SEED + n
        )
        for position, answer in enumerate(attempt.answers.select_related("question")):
            right = answer.question.key
            chosen = right if (position + n) % 3 else [len(answer.question.options) - 1]
            quiz.answer_save(
                attempt=attempt,
                by=person.user,
                question_id=answer.question_id,
                chosen=chosen,
                now=started + position * dt.timedelta(minutes=1),
            )
        quiz.attempt_finish(
            attempt=attempt, by=person.user, now=started + 15 * dt.timedelta(minutes=1)
        )
    return len(QUESTIONS) + 3


def _local(now) -> int:
    """Open now: the 星沙 station's own case selection (R14), organised by its head, open to the
    station and the community rooms below it; one entry is in, the demo author's is not."""
    head = User.objects.filter(email=STATION_HEAD).first()
    author = Person.objects.filter(user__email=LOCAL_AUTHOR).select_related("user").first()
    if head is None or author is None:
        return 0
    opens_at = now - 3 * DAY
    competition = contests.competition_create(
        by=head,
        organiser=selectors.stations_run_by(user=head).get(),
        title=LOCAL,
        kind=Competition.Kind.CASE,
        rules=f"{LOCAL}：面向本站驻站社工和辖区社区社工室社工，每人限报一件。（演示数据）",
        award_levels=[{"name": "优秀案例", "count": 2}],
        method=Competition.Method.MEAN,
        tie_rule=Competition.TieRule.SHARED,
        submissions_open_at=opens_at,
        submissions_close_at=now + 11 * DAY,
        review_closes_at=now + 25 * DAY,
        judges_per_entry=1,
        entries_per_judge=10,
    )
    contests.rubric_set(competition=competition, by=head, criteria=RUBRIC)
    competition = contests.competition_publish(competition=competition, by=head, now=opens_at - DAY)
    return 1 + len(_entries(competition, [author], at=now - DAY))


def report() -> list[str]:
    """How to walk through each competition as organiser, author and judge."""
    found = {c.title: c for c in Competition.objects.filter(title__in=TITLES)}
    if not {CASE, ESSAY, VIDEO, QUIZ} <= set(found):
        return []
    case, essay, video, knowledge = (found[t] for t in (CASE, ESSAY, VIDEO, QUIZ))
    award = (
        Result.objects.filter(entry__competition=video, certificate__isnull=False)
        .select_related("certificate")
        .order_by("rank")
        .first()
    )
    return [
        f"Demo competitions (R14), organised by {ORGANISER}; author {AUTHOR}; judge {JUDGE}"
        f" (password {PASSWORD}). All are listed at /competitions/ (竞赛评选).",
        f"  {case.title} — in review: as {JUDGE} open /competitions/judge/, score the entries"
        " by code (blind) and submit; as the organiser follow the review progress and download"
        f" /competitions/{case.pk}/export/scores.xlsx and"
        f" /competitions/{case.pk}/export/results.pdf.",
        f"  {essay.title} — on public notice: as {AUTHOR} read the notice and raise an objection;"
        " as the organiser answer it (one is answered already) and finalise after the notice.",
        f"  {video.title} — final: results published; {AUTHOR}'s award certificate verifies at"
        f" /verify/{award.certificate.code}/"
        if award
        else f"  {video.title} — final.",
        f"  {knowledge.title} — open: as {AUTHOR} start at /competitions/{knowledge.pk}/quiz/"
        " (one attempt, answers saved as you go); the organiser's item analysis is at"
        f" /competitions/{knowledge.pk}/quiz/items/, the leaderboard after the close.",
        *(
            [
                f"  {LOCAL} — open, run by the station head {STATION_HEAD} at /competitions/manage/"
                f"{found[LOCAL].pk}/; {AUTHOR} may enter it, workers of other stations may not."
            ]
            if LOCAL in found
            else []
        ),
    ]
