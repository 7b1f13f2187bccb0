"""Each pack carries its document's title; each rule cites a clause of it and words found there.

The documents are kept beside the repository (settings.POLICY_SEEDS_DIR); without them the
tests are skipped. A `national` pack cites national regulations, not a seed document.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from quotas import packs
from quotas.clauses import ClauseNotFound, clause_text, normalised

CITING = {name: pack for name, pack in packs.PACKS.items() if not pack.get("national")}
RULES = [(name, rule) for name, pack in CITING.items() for rule in pack["rules"]]
BODY_LINE_CHARS = 80  # the first line this long opens the body; the title stands above it


@pytest.fixture
def seeds() -> Path:
    folder = Path(settings.POLICY_SEEDS_DIR)
    if not folder.is_dir():
        pytest.skip(f"policy documents folder not found: {folder}")
    return folder


def document(seeds: Path, name: str) -> str:
    return (seeds / packs.PACKS[name]["source_document"]).read_text(encoding="utf-8")


def head(text: str) -> str:
    """The normalised lines above the first body paragraph: issuer, notice, title."""
    lines = [normalised(line) for line in text.splitlines()]
    body = next(i for i, line in enumerate(lines) if len(line) >= BODY_LINE_CHARS)
    return "\n".join(line for line in lines[:body] if line)


def stands_in_head(title: str, text: str) -> bool:
    """Whether `title` is in the document's head, whole: it may wrap, and ends a line or a 《》."""
    wrapping = "\n?".join(re.escape(char) for char in normalised(title))
    return re.search(f"{wrapping}(?=\n|》|$)", head(text)) is not None


@pytest.mark.parametrize(("name", "rule"), RULES, ids=[f"{n}-{r['code']}" for n, r in RULES])
def test_rule_quotes_the_clause_it_cites(seeds, name, rule):
    try:
        text = clause_text(document=document(seeds, name), clause=rule["source_clause"])
    except ClauseNotFound:
        pytest.fail(f"{name}: {rule['source_clause']} is not a clause of its document")
    assert rule["source_quote"]
    assert normalised(rule["source_quote"]) in normalised(text)


SETTING_SOURCES = [
    (name, key, text)
    for name, pack in packs.PACKS.items()
    for key, text in pack.get("settings", {}).items()
    if key.endswith("_source")
]
CITATION = re.compile(
    r"^(?:本地做法：参照《(?P<title>[^》]+)》)?(?P<clause>[^“]+)：“(?P<quote>[^”]+)”$"
)


@pytest.mark.parametrize(
    ("name", "key", "text"), SETTING_SOURCES, ids=[f"{n}-{k}" for n, k, _ in SETTING_SOURCES]
)
def test_setting_quotes_the_clause_it_cites_or_says_none_does(seeds, name, key, text):
    """R3, R6, R17: a region setting cites a clause of its pack's document, or of the document
    whose suggestion the region adopted as its own practice; else it says no document gives it."""
    cited = CITATION.match(text)
    if cited is None:
        assert text == packs.PLATFORM_DEFAULT
        assert packs.PACKS[name].get("national")
        return
    source = name
    if cited["title"]:
        source = next(n for n, pack in CITING.items() if pack["title"] == cited["title"])
        assert source != name
    try:
        clause = clause_text(document=document(seeds, source), clause=cited["clause"])
    except ClauseNotFound:
        pytest.fail(f"{name}: {cited['clause']} is not a clause of {source}'s document")
    assert normalised(cited["quote"]) in normalised(clause)


@pytest.mark.parametrize("name", CITING)
def test_pack_carries_its_documents_title(seeds, name):
    title, text = packs.PACKS[name]["title"], document(seeds, name)
    assert stands_in_head(title, text)
    assert ("征求意见稿" in title) == ("征求意见稿" in head(text))


def test_only_packs_without_a_region_skip_the_documents():
    assert {name for name, pack in packs.PACKS.items() if pack.get("national")} == {
        name for name, pack in packs.PACKS.items() if pack["region"] is None
    }
