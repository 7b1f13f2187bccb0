"""Splitting a document into its clauses, and the anchors of their citations."""

from pathlib import Path

import pytest
from django.conf import settings

from cms.models.policies import clause_anchor
from quotas import packs
from quotas.clauses import HEADING_PATTERNS, clause_text, normalised, split_clauses
from tests.quotas.test_citations import CITATION, SETTING_SOURCES
from tests.quotas.test_clauses import OPINIONS, REPORT


def test_a_numbered_document_gives_every_heading_with_its_parents():
    clauses = split_clauses(OPINIONS)
    assert [c.citation for c in clauses] == [
        "一、", "一、（一）", "二、", "二、（一）", "二、（二）", "二、（二）1", "二、（二）2",
        "二、（三）", "三、", "三、（一）",
    ]  # fmt: skip
    staffing = clauses[7]
    assert (staffing.heading, staffing.depth) == ("配强服务力量", 2)
    # a line broken mid-sentence runs on
    assert staffing.text == "应配备专职的持证社会工作者不少于3人。"
    assert clauses[4].heading == "工作任务" and clauses[4].text == ""
    assert clauses[5].heading == "" and clauses[5].text.startswith("持证者占比")


def test_a_report_gives_sections_and_run_in_headings():
    clauses = split_clauses(REPORT)
    assert [c.citation for c in clauses] == [
        "高标准建标立制，打造示范点",
        "高标准建标立制，打造示范点 › 着眼建设标准化，制定发布建设规范",
        "高标准立标扩面，全市域抓落实促推广",
        "高标准立标扩面，全市域抓落实促推广 › 清单化推进，加大建设力度",
    ]
    assert clauses[3].text == "6名专职人员(4名持证社工)。"


def test_anchors_ignore_bracket_widths_and_spaces():
    assert clause_anchor("三、(二)") == clause_anchor("三、（二）") == clause_anchor(" 三、（二） ")
    assert clause_anchor("二、（二）4") != clause_anchor("二、（二）")


@pytest.fixture
def seeds() -> Path:
    folder = Path(settings.POLICY_SEEDS_DIR)
    if not folder.is_dir():
        pytest.skip(f"policy documents folder not found: {folder}")
    return folder


def _documents(seeds: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in seeds.glob("*.txt")}


def test_every_clause_of_the_split_is_found_by_clause_text(seeds):
    for name, document in _documents(seeds).items():
        clauses = split_clauses(document)
        assert clauses, name
        assert len({clause_anchor(c.citation) for c in clauses}) == len(clauses), name
        for clause in clauses:
            found = normalised(clause_text(document=document, clause=clause.citation))
            assert normalised(clause.heading) in found, (name, clause.citation)
            assert normalised(clause.text) in found, (name, clause.citation)


def test_every_citation_of_the_packs_is_a_clause_of_the_split(seeds):
    documents = _documents(seeds)
    anchors = {
        name: {clause_anchor(c.citation) for c in split_clauses(text)}
        for name, text in documents.items()
    }
    cited = [
        (pack["source_document"], rule["source_clause"])
        for pack in packs.PACKS.values()
        if not pack.get("national")
        for rule in pack["rules"]
    ]
    for name, _key, text in SETTING_SOURCES:
        match = CITATION.match(text)
        if match and not match["title"]:
            cited.append((packs.PACKS[name]["source_document"], match["clause"]))
    assert cited
    missing = [(doc, clause) for doc, clause in cited if clause_anchor(clause) not in anchors[doc]]
    assert missing == []


def test_every_numbered_heading_line_of_a_document_is_a_clause(seeds):
    for name, document in _documents(seeds).items():
        keys = [normalised(line) for line in document.splitlines()]
        headings = sum(any(p.match(key) for p in HEADING_PATTERNS) for key in keys)
        if headings:  # a report has none
            assert len(split_clauses(document)) == headings, name
