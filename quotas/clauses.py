"""Find a clause of a policy document by the number the document gives it.

Chinese official documents number their headings in four ranks (GB/T 9704): 一、 › （一） › 1、
or 1. › （1）. A clause is cited by the headings that lead to it, highest first: "四、（三）",
"二、（二）4", Beijing's half-width "三、(二)". A text without numbers (a report) is cited by its
section headings, highest first, joined by " › ":

    高标准立标扩面，全市域抓落实促推广 › 清单化推进，加大建设力度

Texts are compared after `normalised`: full-width forms folded to half-width (NFKC) and
whitespace removed, so line breaks, page breaks and bracket widths do not matter.
"""

import re
import unicodedata

NUMERALS = "一二三四五六七八九十"
SECTION_SEPARATOR = "›"

# Rank 1 to 4, as they open a line of normalised text: 一、 (一) 1、 (1)
HEADING_PATTERNS = (
    re.compile(rf"([{NUMERALS}]+)、"),
    re.compile(rf"\(([{NUMERALS}]+)\)"),
    re.compile(r"(\d+)[、.](?!\d)"),
    re.compile(r"\((\d+)\)"),
)
# One number of a citation, in the same ranks: "四、", "(三)", "4" (its 、 is often left out), "(1)"
CITATION_PATTERNS = (
    re.compile(rf"([{NUMERALS}]+)、"),
    re.compile(rf"\(([{NUMERALS}]+)\)"),
    re.compile(r"(\d+)[、.]?"),
    re.compile(r"\((\d+)\)"),
)


class ClauseNotFound(LookupError):
    pass


def normalised(text: str) -> str:
    """`text` with full-width forms made half-width (NFKC) and all whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def clause_text(*, document: str, clause: str) -> str:
    """The text of `clause` in `document`, from its heading to where the clause ends.

    A numbered heading is looked for at the start of a line among the direct children of the
    clause above it (no heading of an intermediate rank before it) and ends where the next
    heading of the same or a higher rank begins. A named section heading is found at the start
    of a line; nothing marks where a report's section stops, so its text runs to the end of the
    enclosing clause. Raises ClauseNotFound when a heading is missing or `clause` is empty.
    """
    lines = document.splitlines()
    keys = [normalised(line) for line in lines]
    steps = _steps(clause)
    if not steps:
        raise ClauseNotFound(clause)
    heading, end, rank = None, len(lines), 0
    for step_rank, label in steps:
        first = 0 if heading is None else heading + 1
        if step_rank is None:
            found = next((i for i in range(first, end) if keys[i].startswith(label)), None)
        else:
            found = _child_heading(keys, first, end, parent_rank=rank, rank=step_rank, label=label)
        if found is None:
            raise ClauseNotFound(clause)
        heading, rank = found, step_rank or 0
        if step_rank is not None:
            following = (i for i in range(found + 1, end) if 0 < _rank(keys[i]) <= step_rank)
            end = next(following, end)
    return "\n".join(lines[heading:end]).strip()


def _steps(clause: str) -> list[tuple[int | None, str]]:
    """(rank, number) for each number of a citation, (None, heading) for each named heading."""
    steps = []
    for part in normalised(clause).split(SECTION_SEPARATOR):
        numbers = _numbers(part)
        steps.extend(numbers if numbers is not None else [(None, part)])
    return [(rank, label) for rank, label in steps if label]


def _numbers(part: str) -> list[tuple[int, str]] | None:
    """The numbers of a citation such as "二、(二)4", or None when `part` is not only numbers."""
    numbers, position = [], 0
    while position < len(part):
        for rank, pattern in enumerate(CITATION_PATTERNS, start=1):
            match = pattern.match(part, position)
            if match:
                numbers.append((rank, match.group(1)))
                position = match.end()
                break
        else:
            return None
    return numbers or None


def _rank(key: str) -> int:
    """1–4 when the normalised line `key` opens with a numbered heading, else 0."""
    return next(
        (rank for rank, pattern in enumerate(HEADING_PATTERNS, start=1) if pattern.match(key)), 0
    )


def _child_heading(
    keys: list[str], start: int, end: int, *, parent_rank: int, rank: int, label: str
) -> int | None:
    """Index of the heading `label` of `rank` among the direct children in keys[start:end]."""
    for i in range(start, end):
        line_rank = _rank(keys[i])
        if parent_rank < line_rank < rank:
            return None
        match = HEADING_PATTERNS[rank - 1].match(keys[i]) if line_rank == rank else None
        if match and match.group(1) == label:
            return i
    return None


def citation_problem(*, document: str, clause: str, quote: str) -> str | None:
    """Why a rule's citation does not hold in its document's text, in Chinese, or None: the
    clause must exist and contain the quoted words (compared normalised)."""
    try:
        text = clause_text(document=document, clause=clause)
    except ClauseNotFound:
        return f"文件中找不到条款“{clause}”。"
    if quote and normalised(quote) not in normalised(text):
        return f"条款“{clause}”中没有引文“{quote}”。"
    return None
