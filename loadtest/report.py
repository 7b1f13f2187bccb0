"""Figures of a load run: requests per second, p50/p95/p99 and errors, per journey, for the
sign-ins apart, and for the pages answered while a sign-in burst was under way.

Every request is kept (a 90-second run makes a few thousand), so percentiles are exact.
Request names are "<journey> <step>" (loadtest/locustfile.py).
"""

import math
from dataclasses import dataclass, field

SIGN_IN = "sign-in"
SECOND_FACTOR = "second factor"
BURST = "burst"
TARGET_MILLISECONDS = 500  # p95 of pages, and p99 of pages during a burst
ROW = "{:<30}{:>8}{:>8}{:>8}{:>8}{:>8}{:>7}"


@dataclass(frozen=True)
class Record:
    name: str
    started_at: float  # seconds since the epoch
    milliseconds: float
    failed: bool

    @property
    def journey(self) -> str:
        return self.name.split(" ", 1)[0]

    @property
    def is_sign_in(self) -> bool:
        step = self.name.split(" ", 1)[-1]
        return step.startswith((SIGN_IN, SECOND_FACTOR))

    @property
    def ended_at(self) -> float:
        return self.started_at + self.milliseconds / 1000


@dataclass
class Records:
    rows: list[Record] = field(default_factory=list)

    def add(self, *, name: str, started_at: float, milliseconds: float, failed: bool) -> None:
        self.rows.append(Record(name, started_at, milliseconds, failed))

    def errors(self) -> int:
        return sum(row.failed for row in self.rows)


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of values sorted ascending (`share` 0.95 for p95)."""
    if not sorted_values:
        return math.nan
    rank = max(math.ceil(share * len(sorted_values)), 1)
    return sorted_values[rank - 1]


def burst_window(rows: list[Record]) -> tuple[float, float] | None:
    """From the first sign-in of the burst starting to the last one answered."""
    burst = [row for row in rows if row.journey == BURST and row.is_sign_in]
    if not burst:
        return None
    return min(row.started_at for row in burst), max(row.ended_at for row in burst)


def figures_line(label: str, rows: list[Record], seconds: float) -> str:
    times = sorted(row.milliseconds for row in rows)
    errors = sum(row.failed for row in rows)
    rate = len(rows) / seconds if seconds > 0 else math.nan
    p50, p95, p99 = (percentile(times, share) for share in (0.50, 0.95, 0.99))
    return (
        f"{label:<30} {len(rows):>7} {rate:>7.1f} {p50:>7.0f} {p95:>7.0f} {p99:>7.0f} {errors:>6}"
    )


def summary_lines(records: Records) -> list[str]:
    """The table the run prints: one line per journey (pages), the sign-ins, all pages, and
    the burst's sign-ins and the pages answered during it; then the verdict on the target."""
    rows = records.rows
    if not rows:
        return ["No requests were made."]
    seconds = max(row.ended_at for row in rows) - min(row.started_at for row in rows)
    pages = [row for row in rows if not row.is_sign_in]
    sign_ins = [row for row in rows if row.is_sign_in]
    header = (
        f"{'':<30} {'reqs':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}"
    )
    lines = [header]
    for journey in sorted({row.journey for row in pages}):
        mine = [row for row in pages if row.journey == journey]
        lines.append(figures_line(f"{journey} pages", mine, seconds))
    lines.append(figures_line("sign-ins (all steps)", sign_ins, seconds))
    lines.append(figures_line("all pages (no sign-in)", pages, seconds))
    lines.append(figures_line("everything", rows, seconds))
    window = burst_window(rows)
    verdict_rows, verdict = pages, "p95 of pages"
    if window:
        starts, ends = window
        during = [row for row in pages if starts <= row.started_at <= ends]
        burst = [row for row in sign_ins if row.journey == BURST]
        lines.append(f"burst: {len(burst)} sign-in requests over {ends - starts:.1f} s")
        lines.append(figures_line("burst sign-ins", burst, ends - starts))
        lines.append(figures_line("pages during the burst", during, ends - starts))
        verdict_rows, verdict = during, "p99 of pages during the burst"
    times = sorted(row.milliseconds for row in verdict_rows)
    value = percentile(times, 0.99 if window else 0.95)
    met = "met" if value < TARGET_MILLISECONDS else "NOT met"
    lines.append(
        f"target {verdict} < {TARGET_MILLISECONDS} ms: {value:.0f} ms, {met}; "
        f"errors: {records.errors()}"
    )
    return lines
