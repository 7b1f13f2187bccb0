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
from dataclasses import dataclass

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

RUN_IN_HEADING_CHARS = 20  # a run-in heading is a first sentence this short or shorter
STANDALONE_HEADING_CHARS = 30  # a heading line with no sentence in it, such as "(一)场地设置"
SENTENCE_ENDS = tuple("。！？；：”」）.!?;:)")
HEADING_ENDS = re.compile(r"[。：:]")  # after a run-in heading of a numbered clause
RUN_IN_ENDS = re.compile("。")  # after a run-in heading of a report


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


@dataclass(frozen=True)
class Clause:
    """One clause of a document: its citation as `clause_text` takes it, its heading (a run-in
    title such as "配强服务力量", or ""), its own text up to its first sub-clause, and its depth
    (1 for a top-level clause)."""

    citation: str
    heading: str
    text: str
    depth: int


def split_clauses(document: str) -> list[Clause]:
    """The clauses of `document` in reading order, each citable by `clause_text`.

    A numbered document (any line opening with a heading of HEADING_PATTERNS) gives a clause for
    every numbered heading, cited by its numbers and those of the headings above it as the
    document writes them ("四、（三）", "三、(二)", "二、（二）4": an item's 、 is left out, as
    citations do). A report gives a clause for each section heading (a line with no 。 above a
    paragraph: pass the body, or a title counts as one) and one for each run-in heading in a
    section (a paragraph opening with a short sentence after a full stop), cited "section ›
    run-in heading". A line that does not end a sentence runs on into the next (page breaks in
    the source); text above the first clause is not part of any.
    """
    lines = [line.strip() for line in document.splitlines() if line.strip()]
    keys = [normalised(line) for line in lines]
    if any(_rank(key) for key in keys):
        return _numbered_clauses(lines, keys)
    return _report_clauses(lines)


def _numbered_clauses(lines: list[str], keys: list[str]) -> list[Clause]:
    found: list[tuple[str, str, list[str], int]] = []
    path: list[tuple[int, str]] = []
    for line, key in zip(lines, keys, strict=True):
        rank = _rank(key)
        if not rank:
            if found:
                _run_on(found[-1][2], line)
            continue
        number, rest = _split_number(line, HEADING_PATTERNS[rank - 1].match(key).group(0))
        path = [(r, n) for r, n in path if r < rank]
        path.append((rank, number.rstrip("、.") if rank == 3 else number))
        heading, text = _heading_and_text(rest, ends=HEADING_ENDS, standalone=True)
        found.append(("".join(n for _, n in path), heading, [text] if text else [], len(path)))
    return [Clause(c, h, "\n".join(t), d) for c, h, t, d in found]


def _report_clauses(lines: list[str]) -> list[Clause]:
    found: list[tuple[str, str, list[str], int]] = []
    boundary = True  # the line before ended a sentence or was a heading
    section = None
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        heading, text = _heading_and_text(line, ends=RUN_IN_ENDS, standalone=False)
        if "。" not in line and "。" in following:
            section = line
            found.append((line, line, [], 1))
        elif section is not None and boundary and heading:
            found.append((f"{section} {SECTION_SEPARATOR} {heading}", heading, [text], 2))
        elif found:
            _run_on(found[-1][2], line)
        boundary = line == section or line.endswith(SENTENCE_ENDS)
    return [Clause(c, h, "\n".join(t), d) for c, h, t, d in found]


def _split_number(line: str, number_key: str) -> tuple[str, str]:
    """`line` cut after the characters that normalise to `number_key`: ("（三）", "配强…")."""
    for end in range(1, len(line) + 1):
        if normalised(line[:end]) == number_key:
            return line[:end].strip(), line[end:].strip()
    return line, ""


def _heading_and_text(rest: str, *, ends: re.Pattern, standalone: bool) -> tuple[str, str]:
    """A run-in heading ("配强服务力量。…", "总目标：…") and the text after it; a short line with
    no sentence in it is all heading when `standalone`; otherwise ("", rest)."""
    end = ends.search(rest)
    if end and 0 < end.start() <= RUN_IN_HEADING_CHARS and (standalone or rest[end.end() :]):
        return rest[: end.start()], rest[end.end() :].strip()
    if standalone and not end and len(rest) <= STANDALONE_HEADING_CHARS:
        return rest, ""
    return "", rest


def _run_on(paragraphs: list[str], line: str) -> None:
    """Add `line` to a clause's paragraphs; it continues the last one if that ends mid-sentence."""
    if paragraphs and not paragraphs[-1].endswith(SENTENCE_ENDS):
        paragraphs[-1] += line
    else:
        paragraphs.append(line)
