"""Importing questions into regions' banks from Excel (R14: knowledge and skills contests), as a
kind of the importer (`imports.kinds`): preview with every row's problems, then all or nothing.

Each row is checked fully before anything is saved: the type against the answer (one letter for
a single choice, two or more for a multiple choice, 对/错 for true/false), options filled from
选项A on without gaps, answer letters among the options given, the same stem twice in one
region's bank (within the file or against the bank). What a question must hold is the rule the
service applies (`question_rules.question_errors`), and rows are saved through the service.

A region is named by its code or its name and looked up only among the regions whose banks the
user may manage, so a region outside their scope reads exactly like an unknown one.
"""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from competitions import question_rules, selectors
from competitions.models import Question
from competitions.services import quiz as quiz_services
from directory.models import Region
from imports import kinds
from imports.cells import CellError
from imports.checks import RowCheck, column_values, repeated
from imports.parsing import RawRow

KEY = "quiz_questions"
LETTERS = "ABCDEF"
OPTION_HEADERS = tuple(f"选项{letter}" for letter in LETTERS)
KINDS = {
    "单选": Question.Kind.SINGLE,
    "单选题": Question.Kind.SINGLE,
    "多选": Question.Kind.MULTIPLE,
    "多选题": Question.Kind.MULTIPLE,
    "判断": Question.Kind.TRUE_FALSE,
    "判断题": Question.Kind.TRUE_FALSE,
}
DIFFICULTIES = {
    **{str(value): value for value in Question.Difficulty.values},
    "易": Question.Difficulty.EASY,
    "容易": Question.Difficulty.EASY,
    "中": Question.Difficulty.MEDIUM,
    "中等": Question.Difficulty.MEDIUM,
    "难": Question.Difficulty.HARD,
    "较难": Question.Difficulty.HARD,
}
# Excel turns TRUE/FALSE into booleans, which the parser reads as 是/否.
TRUE_FALSE_ANSWERS = {
    **dict.fromkeys(("对", "正确", "√", "是", "T", "TRUE"), 0),
    **dict.fromkeys(("错", "错误", "×", "否", "F", "FALSE"), 1),
}
ANSWER_SEPARATORS = re.compile(r"[\s,，、;；]+")
AMBIGUOUS = object()  # a name that more than one of the user's regions bears

COLUMNS = (
    kinds.Column("题干", "text", True, gettext_lazy("题目正文；同一区域的题库中题干不能重复。")),
    kinds.Column(
        "题型",
        "kind",
        True,
        gettext_lazy("单选、多选或判断（也可写单选题、多选题、判断题）。"),
        allowed=lambda: ["单选", "多选", "判断"],
    ),
    *(
        kinds.Column(
            header,
            "options",
            False,
            gettext_lazy("单选题和多选题至少填写选项A、选项B；判断题不填选项。")
            if header in OPTION_HEADERS[:2]
            else gettext_lazy("选填；选项须从选项A起依次填写，中间不能空。"),
        )
        for header in OPTION_HEADERS
    ),
    kinds.Column(
        "正确答案",
        "key",
        True,
        gettext_lazy(
            "单选题填一个字母，如 A；多选题填两个或以上，用逗号隔开，如 A,C；判断题填“对”或“错”。"
        ),
    ),
    kinds.Column(
        "主题",
        "topic",
        True,
        gettext_lazy("组卷时按主题和难度抽题，同一主题请用同一写法；不超过 50 个字。"),
    ),
    kinds.Column(
        "难度",
        "difficulty",
        True,
        gettext_lazy("易、中或难（也可写容易、中等、较难，或 1、2、3）。"),
        allowed=lambda: ["易", "中", "难"],
    ),
    kinds.Column(
        "所属区域",
        "region",
        True,
        gettext_lazy("题库所属区域的行政区划代码或名称，须是您可以组织竞赛的区域。"),
        text_format=True,
    ),
)


@dataclass(frozen=True)
class NewQuestion:
    """What `question_create` is given for one row."""

    region: Region
    kind: str
    text: str
    options: list[str]
    key: list[int]
    topic: str
    difficulty: int


@dataclass
class QuestionRow(kinds.RowResult):
    """A checked row of the question file, with the question to create when it has no problem."""

    question: NewQuestion | None = None


def may_import(*, user: User) -> bool:
    """Whoever keeps a region's question bank (a station head runs contests but has no bank)."""
    return selectors.bank_regions_for_user(user=user).exists()


def validate(*, rows: list[RawRow], user: User) -> list[QuestionRow]:
    """Check every row of a question file; nothing is saved."""
    regions = _regions_by_cell(rows=rows, user=user)
    checked = [_checked_row(raw=raw, regions=regions) for raw in rows]
    repeats = repeated((row.bank_key, row.check.result.line) for row in checked)
    in_bank = selectors.stems_in_banks(
        region_ids=[row.region.pk for row in checked if row.region],
        stems=[row.stem for row in checked],
    )
    for row in checked:
        row.check.check_repeated("题干", repeats.get(row.bank_key))
        if row.bank_key in in_bank:
            row.check.error("题干", _("该区域的题库中已有相同题干的试题。"))
        if not row.check.result.errors:
            row.check.result.question = row.question
    return [row.check.result for row in checked]


def save(*, results: list[QuestionRow], user: User) -> None:
    """Create each question through the service, whose rules the rows were checked against."""
    for result in results:
        question = result.question
        quiz_services.question_create(
            region=question.region,
            by=user,
            kind=question.kind,
            text=question.text,
            options=question.options,
            key=question.key,
            topic=question.topic,
            difficulty=question.difficulty,
        )


@dataclass(frozen=True)
class _Checked:
    """A row checked on its own, before the checks across rows and against the banks."""

    check: RowCheck
    stem: str
    region: Region | None
    question: NewQuestion | None

    @property
    def bank_key(self) -> tuple[int, str] | None:
        return (self.region.pk, self.stem) if self.region and self.stem else None


def _checked_row(*, raw: RawRow, regions: dict) -> _Checked:
    row = RowCheck(result=QuestionRow(line=raw.line, values=raw.values), columns=COLUMNS)
    row.require(column.header for column in COLUMNS if column.required)
    stem, topic = row.text("题干"), row.text("主题")
    kind = row.read("题型", _kind)
    difficulty = row.read("难度", _difficulty)
    options = _options(row=row, kind=kind)
    key = _answer(row=row, kind=kind, options=options)
    region = _region(row=row, regions=regions)
    question = None
    if kind is not None and options is not None:
        true_false = kind == Question.Kind.TRUE_FALSE
        stored = list(question_rules.TRUE_FALSE_OPTIONS) if true_false else options
        row.add_field_errors(
            question_rules.question_errors(
                kind=kind, text=stem, options=stored, key=key, topic=topic, difficulty=difficulty
            )
        )
        if region is not None:
            question = NewQuestion(
                region=region,
                kind=kind,
                text=stem,
                options=options,
                key=key,
                topic=topic,
                difficulty=difficulty,
            )
    return _Checked(check=row, stem=stem, region=region, question=question)


def _kind(text: str) -> str | None:
    if not text:
        return None
    if text in KINDS:
        return KINDS[text]
    raise CellError(_("题型请填写“单选”“多选”或“判断”。"))


def _difficulty(text: str) -> int | None:
    if not text:
        return None
    if text in DIFFICULTIES:
        return DIFFICULTIES[text]
    raise CellError(_("难度请填写“易”“中”或“难”。"))


def _options(*, row: RowCheck, kind: str | None) -> list[str] | None:
    """The options in order, or None after recording why they cannot be read."""
    filled = [header for header in OPTION_HEADERS if row.text(header)]
    if kind == Question.Kind.TRUE_FALSE and filled:
        row.error(filled[0], _("判断题不填选项（固定为“正确”“错误”），请将选项列留空。"))
        return None
    if filled and len(filled) != OPTION_HEADERS.index(filled[-1]) + 1:
        gap = next(header for header in OPTION_HEADERS if not row.text(header))
        row.error(gap, _("选项须从选项A起依次填写，中间不能空。"))
        return None
    return [row.text(header) for header in filled]


def _answer(*, row: RowCheck, kind: str | None, options: list[str] | None) -> list[int]:
    """The indexes of the right options, or [] after recording why the answer cannot be read."""
    text = row.text("正确答案")
    if not text or kind is None:
        return []
    if kind == Question.Kind.TRUE_FALSE:
        if text.upper() not in TRUE_FALSE_ANSWERS:
            row.error("正确答案", _("判断题的正确答案请填写“对”或“错”。"))
            return []
        return [TRUE_FALSE_ANSWERS[text.upper()]]
    letters = ANSWER_SEPARATORS.sub("", text).upper()
    if not letters or any(letter not in LETTERS for letter in letters):
        row.error("正确答案", _("正确答案请填写选项字母 A 至 F，多个答案用逗号隔开，如 A,C。"))
        return []
    key = sorted({LETTERS.index(letter) for letter in letters})
    if options is not None and (missing := [LETTERS[k] for k in key if k >= len(options)]):
        row.error(
            "正确答案",
            _("正确答案中的 %(letters)s 没有对应的选项。") % {"letters": "、".join(missing)},
        )
    return key


def _region(*, row: RowCheck, regions: dict) -> Region | None:
    cell = row.text("所属区域")
    if not cell:
        return None
    found = regions.get(cell)
    if found is None:
        row.error("所属区域", _("区域不存在或不在您的管理范围内。"))
        return None
    if found is AMBIGUOUS:
        row.error(
            "所属区域",
            _("您管理的区域中有多个名为“%(name)s”，请改填行政区划代码。") % {"name": cell},
        )
        return None
    return found


def _regions_by_cell(*, rows: list[RawRow], user: User) -> dict:
    """Code or name → the user's bank region (AMBIGUOUS for a name several of them bear)."""
    regions = list(selectors.bank_regions_named(user=user, names=column_values(rows, "所属区域")))
    found: dict = {}
    for region in regions:
        found[region.name] = AMBIGUOUS if region.name in found else region
    found.update({region.code: region for region in regions})
    return found


def example(*, user: User) -> dict[str, object]:
    """A single choice question for the top bank the user manages, with a stem not yet in it."""
    region = selectors.bank_regions_for_user(user=user).first()
    stem = _("以下哪一项是社会工作“助人自助”理念的体现？（示例）")
    if region is not None:
        candidates = [stem, *(f"{stem}{number}" for number in range(2, 100))]
        in_bank = selectors.stems_in_banks(region_ids=[region.pk], stems=candidates)
        taken = {text for _region_id, text in in_bank}
        stem = next((text for text in candidates if text not in taken), stem)
    return {
        "题干": stem,
        "题型": "单选",
        "选项A": _("协助服务对象发掘自身能力、解决自身问题"),
        "选项B": _("替服务对象做出所有决定"),
        "选项C": _("只提供物质帮助"),
        "选项D": _("以管理代替服务"),
        "正确答案": "A",
        "主题": _("专业伦理"),
        "难度": "易",
        "所属区域": region.code if region else "",
    }


def register() -> None:
    kinds.register(
        kinds.ImportKind(
            key=KEY,
            label=gettext_lazy("题库试题"),
            columns=COLUMNS,
            validate=validate,
            save=save,
            may_import=may_import,
            example=example,
            result_url=lambda: reverse("competitions:question_bank"),
            result_label=gettext_lazy("查看题库"),
            hint=gettext_lazy("试题导入所填区域的题库；组卷时按主题和难度从题库中抽题。"),
        )
    )
