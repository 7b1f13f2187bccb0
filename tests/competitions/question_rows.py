"""Rows of a question import file, as dicts keyed by header."""


def question_row(tree, changes: dict | None = None) -> dict:
    """A valid single choice question for county A's bank, with `changes` (by header)."""
    row = {
        "题干": "社会工作者的首要使命是什么？",
        "题型": "单选",
        "选项A": "助人自助",
        "选项B": "完成指标",
        "选项C": "维持秩序",
        "正确答案": "A",
        "主题": "专业伦理",
        "难度": "易",
        "所属区域": tree.county_a.code,
    }
    return {**row, **(changes or {})}
