"""What the region's policy packs say about supervision (R13): the suggested term (R6) and the
load ratio (R24). Where no pack at or above a region sets one, nothing is flagged there."""

from dataclasses import dataclass

from directory.models import Region
from quotas.selectors import pack_settings
from supervision import terms
from supervision.models import Assignment


@dataclass(frozen=True)
class TermSuggestion:
    """R6: the suggested term of the nearest pack that sets one, and where it comes from."""

    min_years: int
    max_years: int
    set_by: str  # the pack's region (杭州市), or a national pack's title
    source: str  # the clause, or that the region adopted it as its own practice


@dataclass(frozen=True)
class TermFlag:
    """R6: a term outside the suggestion: "short" or "long". A flag, never a refusal."""

    warning: str
    suggestion: TermSuggestion
    reason: str


@dataclass(frozen=True)
class LoadRatio:
    """R24: workers per supervisor set by the nearest pack, and where it comes from."""

    workers_per_supervisor: int
    set_by: str
    source: str


def term_suggestion(*, region: Region) -> TermSuggestion | None:
    """R6: the term suggested at `region` by the nearest pack at or above it, or None."""
    found = pack_settings.nearest(region=region, name="supervisor_term_min_years")
    if found is None:
        return None
    _, pack = found
    return TermSuggestion(
        min_years=pack.supervisor_term_min_years,
        max_years=pack.supervisor_term_max_years,
        set_by=pack_settings.pack_label(pack),
        source=pack.supervisor_term_source,
    )


def term_flag(*, assignment: Assignment) -> TermFlag | None:
    """R6: the flag of an assignment whose term lies outside its target's suggested term (the
    target's region and service point joined by the caller), or None: inside it, or no pack
    there suggests a term."""
    suggestion = term_suggestion(region=assignment.region or assignment.service_point.region)
    if suggestion is None:
        return None
    warning = terms.term_warning(
        starts_on=assignment.starts_on,
        planned_end_on=assignment.planned_end_on,
        min_years=suggestion.min_years,
        max_years=suggestion.max_years,
    )
    if warning is None:
        return None
    return TermFlag(warning=warning, suggestion=suggestion, reason=assignment.term_reason)


def load_ratio(*, paths: set[str]) -> LoadRatio | None:
    """R24: the strictest ratio set by the packs nearest to any of the region `paths` a
    supervisor works in, or None when no pack there sets one."""
    found = [
        setting
        for path in sorted(paths)
        if (setting := pack_settings.nearest_on_path(path=path, name="workers_per_supervisor"))
    ]
    if not found:
        return None
    ratio, pack = min(found, key=lambda setting: setting[0])
    return LoadRatio(
        workers_per_supervisor=ratio,
        set_by=pack_settings.pack_label(pack),
        source=pack.workers_per_supervisor_source,
    )
