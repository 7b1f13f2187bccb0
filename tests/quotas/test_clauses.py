import pytest

from quotas.clauses import ClauseNotFound, clause_text, normalised

OPINIONS = """\
关于全面推进某某工作的实施意见
（征求意见稿）
一、总体目标
（一）到2023年实现全覆盖。
二、主要任务
（一）建立服务场所。
（二）工作任务：
1、持证者占比逐年提高，2021年不低于30%。
2、专业服务时长占比逐年提高，2021年不低于30%。
（三）配强服务力量。应配备专职的持证社会
工作者不少于3人。
三、组织保障
（一）加强组织领导。
"""

REPORT = """\
某市：“三步法”推动社工站建设

高标准建标立制，打造示范点

着眼建设标准化，制定发布建设规范。统一对外名称。

高标准立标扩面，全市域抓落实促推广

清单化推进，加大建设力度。6名专职人员(4名持证社工)。
"""


def test_normalised_folds_widths_and_drops_whitespace():
    assert normalised("三、（二） 每年10个案例，\n60小时") == normalised(
        "三、(二)每年10个案例,60小时"
    )


def test_a_clause_runs_from_its_heading_to_the_next_heading_of_its_rank():
    text = clause_text(document=OPINIONS, clause="二、（三）")
    assert text.startswith("（三）配强服务力量")
    assert "三、组织保障" not in text
    assert normalised("持证社会工作者不少于3人") in normalised(text)


def test_a_numbered_item_is_found_under_its_parents_in_either_bracket_width():
    text = clause_text(document=OPINIONS, clause="二、(二)2")
    assert text == "2、专业服务时长占比逐年提高，2021年不低于30%。"


def test_a_top_level_clause_holds_its_sub_clauses():
    text = clause_text(document=OPINIONS, clause="二、")
    assert "（三）配强服务力量" in text
    assert "一、总体目标" not in text


@pytest.mark.parametrize(
    "clause",
    [
        "二、4",  # exists only under 二、（二）
        "二、2",  # an item of 二、（二）, not of 二、
        "一、（二）",
        "四、",
        "二、（三）配强服务力量",  # a citation is numbers only
        "",
    ],
)
def test_a_clause_not_in_the_document_is_not_found(clause):
    with pytest.raises(ClauseNotFound):
        clause_text(document=OPINIONS, clause=clause)


def test_a_report_is_cited_by_its_section_headings():
    clause = "高标准立标扩面，全市域抓落实促推广 › 清单化推进，加大建设力度"
    text = clause_text(document=REPORT, clause=clause)
    assert text.startswith("清单化推进")
    assert "6名专职人员(4名持证社工)" in text


def test_a_section_heading_is_looked_for_after_the_section_above_it():
    with pytest.raises(ClauseNotFound):
        clause_text(
            document=REPORT,
            clause="高标准立标扩面，全市域抓落实促推广 › 着眼建设标准化，制定发布建设规范",
        )
