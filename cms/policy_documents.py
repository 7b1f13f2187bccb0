"""What a policy document's text says about itself: title, issuer, date, status, preamble and
clauses. Plain text in, plain values out; no ORM.

The documents are plain-text copies of official files and reports. Above the body (the first
paragraph of BODY_LINE_CHARS or more) stands the head: a covering notice ("X关于印发《…》的通知",
signed and dated) and, last, the title, wrapped over lines and followed on a draft by
"（征求意见稿）". A report names its source at the end: "(据…)".
"""

import datetime as dt
import re
from dataclasses import dataclass

from quotas.clauses import Clause, normalised, split_clauses

BODY_LINE_CHARS = 80  # the first line this long opens the body; the title stands above it
DRAFT = "征求意见稿"
ISSUER = re.compile(r"^(?P<issuer>.+?)关于印发")
DATE = re.compile(r"^(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日$")
SOURCE = re.compile(r"^[(（]据(?P<source>.+)[)）]$")
MARKUP = re.compile(r"\[bookmark:[^\]]*\]")  # left over from a word processor


@dataclass(frozen=True)
class PolicyText:
    title: str
    issuer: str  # "" when the text does not name one
    issued_on: dt.date | None
    is_draft: bool
    preamble: str
    clauses: list[Clause]


class NotAPolicyDocument(ValueError):
    pass


def policy_text(text: str) -> PolicyText:
    """The parts of a document's text; raises NotAPolicyDocument when it has no title."""
    lines = [MARKUP.sub("", line).strip() for line in text.splitlines()]
    body = next((i for i, line in enumerate(lines) if len(line) >= BODY_LINE_CHARS), len(lines))
    head = lines[:body]
    title_lines = _last_block(head)
    is_draft = any(DRAFT in line for line in head)
    title = "".join(_joined(line) for line in title_lines if normalised(line) != f"({DRAFT})")
    if not title:
        raise NotAPolicyDocument
    clauses = split_clauses("\n".join(lines[body:]))
    return PolicyText(
        title=title,
        issuer=_issuer(head, lines),
        issued_on=_issued_on(head),
        is_draft=is_draft,
        preamble=_preamble(lines[body:], clauses),
        clauses=clauses,
    )


def _joined(line: str) -> str:
    """A line of a title with the spaces of its layout taken out."""
    return "".join(line.split())


def _last_block(head: list[str]) -> list[str]:
    """The last run of non-blank lines of the head: the title."""
    block: list[str] = []
    for line in reversed(head):
        if not line and block:
            break
        if line:
            block.insert(0, line)
    return block


def _issuer(head: list[str], lines: list[str]) -> str:
    """Who issued the covering notice, or the source a report names at its end."""
    for line in head:
        if match := ISSUER.match(_joined(line)):
            return match["issuer"]
    for line in reversed(lines):
        if match := SOURCE.match(line):
            return match["source"]
    return ""


def _issued_on(head: list[str]) -> dt.date | None:
    """The date under the covering notice's signature."""
    for line in head:
        if match := DATE.match(_joined(line)):
            return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    return None


def _preamble(body: list[str], clauses: list[Clause]) -> str:
    """The paragraphs of the body above the line that opens its first clause (a top-level
    clause's citation is its own number, or a report's section heading)."""
    opening = normalised(clauses[0].citation) if clauses else None
    paragraphs = []
    for line in body:
        if opening and normalised(line).startswith(opening):
            break
        if line:
            paragraphs.append(line)
    return "\n".join(paragraphs)
