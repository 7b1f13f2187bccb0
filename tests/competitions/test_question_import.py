"""Importing questions into regions' banks (R14), checked without HTTP: each row's problems by
column, repeats within the file and against the bank, regions only within the user's scope."""

import pytest
from django.core.exceptions import ValidationError

from competitions import question_import, question_rules
from competitions.models import Question
from competitions.services import quiz as quiz_services
from imports.parsing import RawRow
from tests import factories
from tests.competitions.question_rows import question_row

pytestmark = pytest.mark.django_db
HEADERS = [column.header for column in question_import.COLUMNS]


def check(user, *rows: dict) -> list[question_import.QuestionRow]:
    raw = [
        RawRow(line, {header: row.get(header, "") for header in HEADERS})
        for line, row in enumerate(rows, start=2)
    ]
    return question_import.validate(rows=raw, user=user)


def errors_of(result) -> dict[str, str]:
    found: dict[str, str] = {}
    for column, message in result.errors:
        found[column] = found.get(column, "") + message
    return found


def test_good_rows_carry_their_questions(tree, zhang_min):
    results = check(
        zhang_min.user,
        question_row(tree),
        question_row(
            tree,
            {"题干": "哪些属于个案工作的阶段？", "题型": "多选题", "选项D": "结案"}
            | {"正确答案": "a，C、d", "难度": "较难", "所属区域": tree.county_a.name},
        ),
        question_row(
            tree,
            {"题干": "社工站应当建立督导记录。", "题型": "判断", "正确答案": "对"}
            | {"选项A": "", "选项B": "", "选项C": "", "难度": "中", "所属区域": tree.town_a.code},
        ),
    )
    assert [result.errors for result in results] == [[], [], []]
    single, multiple, true_false = (result.question for result in results)
    assert (single.kind, single.options, single.key) == (
        "single",
        ["助人自助", "完成指标", "维持秩序"],
        [0],
    )
    assert (single.region, single.topic, single.difficulty) == (tree.county_a, "专业伦理", 1)
    assert (multiple.kind, multiple.key, multiple.difficulty) == ("multiple", [0, 2, 3], 3)
    assert multiple.region == tree.county_a  # named by its name
    assert (true_false.kind, true_false.options, true_false.key) == ("true_false", [], [0])
    assert true_false.region == tree.town_a


@pytest.mark.parametrize(
    ("answer", "key"), [("对", [0]), ("√", [0]), ("是", [0]), ("错误", [1]), ("false", [1])]
)
def test_true_false_answers_as_sheets_write_them(tree, zhang_min, answer, key):
    """是/否 is how the parser reads Excel's TRUE/FALSE cells; a difficulty may be 1, 2 or 3."""
    tf = {"题型": "判断题", "正确答案": answer, "选项A": "", "选项B": "", "选项C": "", "难度": "2"}
    [result] = check(zhang_min.user, question_row(tree, tf))
    assert result.errors == []
    assert (result.question.key, result.question.difficulty) == (key, 2)


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"题干": ""}, "题干", "此项必填。"),
        ({"题型": "填空"}, "题型", "题型请填写“单选”“多选”或“判断”。"),
        ({"难度": "超难"}, "难度", "难度请填写“易”“中”或“难”。"),
        ({"选项B": "", "选项C": ""}, "选项A", "至少需要两个互不相同的选项。"),
        ({"选项B": "助人自助"}, "选项A", "至少需要两个互不相同的选项。"),
        ({"选项B": "", "选项D": "结案"}, "选项B", "选项须从选项A起依次填写，中间不能空。"),
        ({"正确答案": "A,B"}, "正确答案", "单选题和判断题只有一个答案，多选题至少两个答案。"),
        (
            {"题型": "多选", "正确答案": "B"},
            "正确答案",
            "单选题和判断题只有一个答案，多选题至少两个答案。",
        ),
        ({"正确答案": "E"}, "正确答案", "正确答案中的 E 没有对应的选项。"),
        ({"正确答案": "对"}, "正确答案", "正确答案请填写选项字母 A 至 F，多个答案用逗号隔开"),
        (
            {"题型": "判断", "正确答案": "对"},
            "选项A",
            "判断题不填选项（固定为“正确”“错误”），请将选项列留空。",
        ),
        (
            {"题型": "判断", "正确答案": "A", "选项A": "", "选项B": "", "选项C": ""},
            "正确答案",
            "判断题的正确答案请填写“对”或“错”。",
        ),
        ({"主题": "长" * 51}, "主题", "主题不能超过 50 个字。"),
        ({"所属区域": "999999"}, "所属区域", "区域不存在或不在您的管理范围内。"),
    ],
)
def test_each_problem_is_named_in_its_column(tree, zhang_min, changes, column, message):
    [result] = check(zhang_min.user, question_row(tree, changes))
    assert message in errors_of(result).get(column, ""), result.errors
    assert result.question is None


def test_one_problem_gives_one_message(tree, zhang_min):
    """A cell's own problem is not repeated by the question rule behind it."""
    [result] = check(zhang_min.user, question_row(tree, {"正确答案": "E", "选项C": ""}))
    assert result.errors == [("正确答案", "正确答案中的 E 没有对应的选项。")]


def test_the_same_stem_twice_in_one_bank_is_refused_on_every_line(tree, zhang_min):
    results = check(
        zhang_min.user,
        question_row(tree),
        question_row(tree, {"题干": "另一道题"}),
        question_row(tree, {"题干": " 社会工作者的首要使命是什么？ ", "所属区域": "芙蓉区"}),
        question_row(tree, {"所属区域": tree.town_a.code}),  # another bank: allowed
    )
    expected = "文件中有多行的题干相同（第 2、4 行）。"
    assert [errors_of(result).get("题干") for result in results] == [
        expected,
        None,
        expected,
        None,
    ]


def test_a_stem_already_in_the_bank_is_refused(tree, zhang_min):
    row = question_row(tree)
    quiz_services.question_create(
        region=tree.county_a,
        by=zhang_min.user,
        kind="single",
        text=row["题干"],
        options=["甲", "乙"],
        key=[0],
        topic="其他",
        difficulty=2,
    )
    [in_bank, elsewhere] = check(
        zhang_min.user, row, question_row(tree, {"所属区域": tree.city.code})
    )
    assert errors_of(in_bank) == {"题干": "该区域的题库中已有相同题干的试题。"}
    assert errors_of(elsewhere) == {"所属区域": "区域不存在或不在您的管理范围内。"}


@pytest.mark.parametrize("cell", ["430103", "天心区", "430100", "长沙市", "不存在区"])
def test_a_region_outside_scope_reads_like_an_unknown_one(tree, zhang_min, chen_jing, cell):
    [result] = check(zhang_min.user, question_row(tree, {"所属区域": cell}))
    assert result.errors == [("所属区域", "区域不存在或不在您的管理范围内。")]


def test_a_name_borne_by_two_of_the_users_regions_asks_for_the_code(tree, zhang_min):
    factories.region("定王台街道", "430102002", "township", tree.county_a)
    [result] = check(zhang_min.user, question_row(tree, {"所属区域": "定王台街道"}))
    assert result.errors == [
        ("所属区域", "您管理的区域中有多个名为“定王台街道”，请改填行政区划代码。")
    ]


def test_the_import_saves_through_the_service(tree, zhang_min):
    results = check(zhang_min.user, question_row(tree))
    question_import.save(results=results, user=zhang_min.user)
    question = Question.objects.get(text="社会工作者的首要使命是什么？")
    assert (question.region, question.kind, question.options, question.key) == (
        tree.county_a,
        "single",
        ["助人自助", "完成指标", "维持秩序"],
        [0],
    )
    assert (question.topic, question.difficulty, question.active) == ("专业伦理", 1, True)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({}, []),
        ({"kind": "true_false", "options": ["正确", "错误"], "key": [1]}, []),
        ({"kind": "essay"}, [("kind", "题型须为单选题、多选题或判断题。")]),
        ({"key": [0, 1]}, [("key", "单选题和判断题只有一个答案，多选题至少两个答案。")]),
        ({"kind": "multiple"}, [("key", "单选题和判断题只有一个答案，多选题至少两个答案。")]),
        ({"key": [2]}, [("key", "答案须为已有的选项。")]),
        ({"options": ["甲"]}, [("options", "至少需要两个互不相同的选项。")]),
        ({"topic": "长" * 51}, [("topic", "主题不能超过 50 个字。")]),
        ({"difficulty": 4}, [("difficulty", "难度须为 1（容易）、2（中等）或 3（较难）。")]),
        ({"text": ""}, [("text", "题干和主题不能为空。")]),
    ],
)
def test_r14_what_a_question_must_hold(changes, errors):
    question = {
        "kind": "single",
        "text": "题干",
        "options": ["甲", "乙"],
        "key": [0],
        "topic": "主题",
        "difficulty": 1,
        **changes,
    }
    assert question_rules.question_errors(**question) == errors


def test_r14_the_service_refuses_with_every_problem(tree, zhang_min):
    with pytest.raises(ValidationError) as refused:
        quiz_services.question_create(
            region=tree.county_a,
            by=zhang_min.user,
            kind="single",
            text="题干",
            options=["甲"],
            key=[3],
            topic="长" * 51,
            difficulty=1,
        )
    assert refused.value.messages == [
        "主题不能超过 50 个字。",
        "至少需要两个互不相同的选项。",
        "答案须为已有的选项。",
    ]
    assert not Question.objects.exists()
