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


@pytest.mark.parametrize("name", CITING)
def test_pack_carries_its_documents_title(seeds, name):
    title, text = packs.PACKS[name]["title"], document(seeds, name)
    assert stands_in_head(title, text)
    assert ("征求意见稿" in title) == ("征求意见稿" in head(text))


def test_only_packs_without_a_region_skip_the_documents():
    assert {name for name, pack in packs.PACKS.items() if pack.get("national")} == {
        name for name, pack in packs.PACKS.items() if pack["region"] is None
    }
