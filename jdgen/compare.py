"""The board comparison: archetypes side by side against one company's gaps.

Each compared archetype's JD is composed with the same answers and profile; the comparison
reads them. The **coverage matrix** has a row for every block the company needs (the blocks
that close its gaps, and each compared archetype's core blocks), grouped by domain, and a cell
per archetype: it brings the block as a *strength*, the block is *added* only because its JD
asks for it, the archetype typically *lacks* it (its execution chasm), or the block is
*outside* that archetype's JD.

The **fit ranking** (also in the README, and printed in every report):

- Gap blocks are the blocks that close the company's readiness gaps. A gap block weighs 1 when
  a gap it closes has the consensus answer no, and 0.5 when every gap it closes is partial.
- coverage = round(`COVERAGE_MAX` (100) × weight of the gap blocks the archetype brings as
  strengths / weight of all gap blocks): 0–100; 0 when there is no gap (or no answers).
- risk = `RISK_POINTS` per warning that fires for the archetype (25 critical, 10 warning, 0 info).
- fit score = coverage − risk (it may be negative).
- best first: higher score, then higher coverage, then fewer critical warnings, then fewer
  warnings, then the catalog's archetype order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from jdgen.assessment import assess
from jdgen.catalog import Catalog
from jdgen.chasm import answers_only
from jdgen.compose import as_profile, compose_assessed, source_refs
from jdgen.errors import InputError
from jdgen.inputs import AnswersInput, as_survey
from jdgen.models import Archetype, Profile, Severity
from jdgen.results import (
    ArchetypeSummary,
    CellStatus,
    ChasmWarning,
    Comparison,
    Fit,
    JobDescription,
    MatrixCell,
    MatrixDomain,
    MatrixRow,
    Readiness,
    WeakSpot,
)

GAP_WEIGHTS: dict[str, float] = {"no": 1.0, "partial": 0.5}
RISK_POINTS: dict[Severity, int] = {"critical": 25, "warning": 10, "info": 0}
#: The coverage of an archetype whose strengths close every gap: the best fit score there is.
COVERAGE_MAX = 100

SCORING_RULE: tuple[str, ...] = (
    (
        "Gap blocks are the blocks that close the company's readiness gaps. A gap block weighs "
        f"{GAP_WEIGHTS['no']:g} when a gap it closes is answered no, and {GAP_WEIGHTS['partial']:g} "
        "when every gap it closes is partial."
    ),
    (
        f"Coverage (0–{COVERAGE_MAX}) is the weight of the gap blocks an archetype brings as strengths, as a share "
        "of the weight of all gap blocks; it is 0 when there is no gap."
    ),
    (
        f"Risk adds {RISK_POINTS['critical']} points for each critical warning and {RISK_POINTS['warning']} "
        "for each warning that fires for the archetype; notes add nothing."
    ),
    (
        "Fit score = coverage − risk. Ties go to the higher coverage, then fewer critical warnings, "
        "then fewer warnings, then the catalog's archetype order."
    ),
)


#: The fit score's scale in two sentences, for a reader who sees a score without the comparison.
SCORE_SCALE = (
    f"The fit score is coverage minus risk: coverage (0–{COVERAGE_MAX}) is how much of the company's readiness "
    f"gaps the archetype's strengths cover; risk is {RISK_POINTS['critical']} points per critical warning and "
    f"{RISK_POINTS['warning']} per warning. {COVERAGE_MAX} is the best score; below 0, the risks outweigh the coverage."
)


def archetype_ids(catalog: Catalog, archetypes: Iterable[str] | None) -> list[str]:
    """The archetype ids to compare (in any case), checked, without repeats: all of them for None."""
    if archetypes is None:
        return list(catalog.archetypes.ids())
    if isinstance(archetypes, str):
        archetypes = [a.strip() for a in archetypes.split(",")]
    given = [a for a in archetypes if a]
    valid = ", ".join(catalog.archetypes.ids())
    unknown = [a for a in given if catalog.archetypes.canonical(a) is None]
    if unknown:
        named = ", ".join(f"{a!r}{catalog.archetypes.suggestion(a)}" for a in unknown)
        raise InputError(f"unknown archetype {named}; valid archetypes: {valid}")
    ids = list(dict.fromkeys(catalog.archetypes.resolve(a) for a in given))
    if not ids:
        raise InputError(f"no archetype to compare; give one or more of: {valid}")
    return ids


def _gap_weights(readiness: Readiness | None) -> dict[str, float]:
    weights: dict[str, float] = {}
    for gap in readiness.gaps if readiness else ():
        for block in gap.blocks:
            weights[block] = max(weights.get(block, 0.0), GAP_WEIGHTS[gap.answer])
    return weights


def _status(archetype: Archetype, block: str, in_jd: bool) -> CellStatus:
    if block in archetype.strong_blocks:
        return "strength"
    if block in archetype.chasm.blocks:
        return "lacks"
    return "added" if in_jd else "outside"


def _matrix(
    catalog: Catalog, jds: Mapping[str, JobDescription], readiness: Readiness | None
) -> tuple[MatrixDomain, ...]:
    gap_titles: dict[str, list[str]] = {}
    for gap in readiness.gaps if readiness else ():
        for block_id in gap.blocks:
            gap_titles.setdefault(block_id, []).append(gap.title)
    cores = [b for a in jds for b in catalog.archetypes[a].core_blocks]
    in_jd = {a: {b.id for b in jd.blocks} for a, jd in jds.items()}
    rows: dict[str, list[MatrixRow]] = {}
    for block in catalog.blocks_in_order([*gap_titles, *cores]):
        cells = tuple(
            MatrixCell(
                archetype=a,
                status=_status(catalog.archetypes[a], block.id, block.id in in_jd[a]),
                in_jd=block.id in in_jd[a],
            )
            for a in jds
        )
        row = MatrixRow(
            block=block.id,
            title=block.title,
            need="gap" if block.id in gap_titles else "core",
            closes=tuple(gap_titles.get(block.id, ())),
            cells=cells,
        )
        rows.setdefault(block.domain, []).append(row)
    return tuple(MatrixDomain(id=d.id, title=d.title, rows=tuple(rows[d.id])) for d in catalog.domains if d.id in rows)


def _count(warnings: Iterable[ChasmWarning], severity: Severity) -> int:
    return sum(1 for w in warnings if w.severity == severity)


def _gap_of(catalog: Catalog, warning: ChasmWarning) -> str | None:
    """The statement id of a warning raised once per gap (``rule:statement``), else None."""
    rule, _, statement = warning.id.partition(":")
    per_gap = rule in catalog.rules and catalog.rules[rule].for_each == "chasm-gap"
    return statement if per_gap and statement in catalog.statements else None


def _risk_items(catalog: Catalog, warnings: Iterable[ChasmWarning]) -> list[str]:
    """The counted warnings in a few words: titles, with per-gap warnings gathered by rule."""
    items: list[str] = []
    per_gap: dict[str, list[str]] = {}
    for w in warnings:
        if not RISK_POINTS[w.severity]:
            continue
        statement = _gap_of(catalog, w)
        if statement:
            per_gap.setdefault(w.rule, []).append(catalog.statements[statement].title)
        else:
            items.append(w.title)
    items.extend(
        f"known weak spot on {len(titles)} gap{'s' if len(titles) > 1 else ''} ({', '.join(titles)})"
        for titles in per_gap.values()
    )
    return items


def _fit_reasons(
    catalog: Catalog,
    archetype: Archetype,
    readiness: Readiness | None,
    covered: list[str],
    gap_blocks: int,
    own: tuple[ChasmWarning, ...],
    shared: int,
    risk: int,
) -> tuple[str, ...]:
    if readiness is None:
        first = "No readiness answers, so there are no gaps to cover: ranked on risk alone."
    elif not gap_blocks:
        first = "The answers show no gap to cover: ranked on risk alone."
    elif covered:
        first = f"Its strengths cover {len(covered)} of {gap_blocks} gap blocks: {'; '.join(covered)}."
    else:
        first = f"Its strengths cover none of the {gap_blocks} gap blocks."
    if not risk:
        return first, f"No warning fires for the {archetype.name}."
    parts = _risk_items(catalog, own)
    if shared:
        parts.append(
            f"{shared} warning{'s' if shared > 1 else ''} that fire{'s' if shared == 1 else ''} for every archetype"
        )
    return first, f"Risk {risk}: {'; '.join(parts)}."


def compare(
    catalog: Catalog,
    answers: AnswersInput | None = None,
    profile: Profile | Mapping[str, Any] | None = None,
    archetypes: Iterable[str] | None = None,
) -> Comparison:
    """Compare archetypes for one company: coverage matrix, fit ranking and risks.

    Args:
        catalog: from `load_catalog()`.
        answers: readiness answers in any shape `compose` accepts (one or many respondents);
            None compares without gaps (the ranking then rests on risk alone).
        profile: the company profile; its reporting line, layering and team size change
            which warnings fire.
        archetypes: the archetype ids to compare, in the order to show them (a list, or a
            comma-separated string); None compares every archetype in catalog order.

    Raises:
        InputError: an unknown archetype (naming the valid ones), or invalid answers or profile.
    """
    ids = archetype_ids(catalog, archetypes)
    survey = as_survey(catalog, answers)
    readiness = assess(catalog, survey) if survey is not None else None
    prof = as_profile(profile)
    jds = {a: compose_assessed(catalog, a, readiness, prof) for a in ids}
    # Warnings on the answers alone fire alike whichever archetype is chosen: shown once.
    shared = tuple(w for w in jds[ids[0]].warnings if answers_only(catalog.rules[w.rule]))
    shared_ids = {w.id for w in shared}
    shared_counted = sum(1 for w in shared if RISK_POINTS[w.severity])

    weights = _gap_weights(readiness)
    total = sum(weights.values())
    unranked: list[tuple[tuple[int, ...], Fit]] = []
    catalog_order = {a: n for n, a in enumerate(catalog.archetypes.ids())}
    for a, jd in jds.items():
        archetype = catalog.archetypes[a]
        covered = [b for b in weights if b in archetype.strong_blocks]
        coverage = round(COVERAGE_MAX * sum(weights[b] for b in covered) / total) if total else 0
        risk = sum(RISK_POINTS[w.severity] for w in jd.warnings)
        own = tuple(w for w in jd.warnings if w.id not in shared_ids)
        reasons = _fit_reasons(
            catalog,
            archetype,
            readiness,
            [catalog.blocks[b].title for b in covered],
            len(weights),
            own,
            shared_counted,
            risk,
        )
        key = (
            -(coverage - risk),
            -coverage,
            _count(jd.warnings, "critical"),
            _count(jd.warnings, "warning"),
            catalog_order[a],
        )
        fit = Fit(
            rank=0,
            archetype=a,
            name=archetype.name,
            score=coverage - risk,
            coverage=coverage,
            risk=risk,
            strengths_on_gaps=tuple(catalog.blocks[b].title for b in covered),
            reasons=reasons,
        )
        unranked.append((key, fit))
    ordered = sorted(unranked, key=lambda pair: pair[0])
    ranking = tuple(fit.model_copy(update={"rank": n}) for n, (_, fit) in enumerate(ordered, start=1))

    summaries = tuple(_summary(catalog, catalog.archetypes[a], jd, shared_ids) for a, jd in jds.items())
    source_ids = [
        *(s for a in ids for s in catalog.archetypes[a].sources),
        *(s for a in ids for s in catalog.authority_models[catalog.archetypes[a].authority].sources),
        *(s for jd in jds.values() for w in jd.warnings for s in w.sources),
    ]
    return Comparison(
        company=prof.company,
        industry=prof.industry,
        language=prof.language,
        readiness=readiness,
        archetypes=summaries,
        matrix=_matrix(catalog, jds, readiness),
        ranking=ranking,
        scoring=SCORING_RULE,
        shared_warnings=shared,
        sources=source_refs(catalog, source_ids),
    )


def _weak_spots(catalog: Catalog, archetype: Archetype, jd: JobDescription) -> tuple[WeakSpot, ...]:
    spots = []
    for w in jd.warnings:
        statement = _gap_of(catalog, w)
        if statement:
            lacking = [b for b in catalog.statements[statement].closes if b in archetype.chasm.blocks]
            spots.append(
                WeakSpot(
                    statement=statement,
                    title=catalog.statements[statement].title,
                    blocks=tuple(catalog.blocks[b].title for b in lacking),
                    warning=w.id,
                )
            )
    return tuple(spots)


def _summary(catalog: Catalog, archetype: Archetype, jd: JobDescription, shared: set[str]) -> ArchetypeSummary:
    return ArchetypeSummary(
        id=archetype.id,
        name=archetype.name,
        summary=archetype.summary,
        reports_to=jd.reports_to,
        dotted_lines=archetype.dotted_lines,
        authority=jd.authority,
        strengths=archetype.strengths,
        lacks=archetype.chasm.lacks,
        chasm=archetype.chasm.summary,
        chasm_inferred=archetype.chasm.inference,
        warnings=tuple(w for w in jd.warnings if w.id not in shared),
        weak_spots=_weak_spots(catalog, archetype, jd),
        sources=archetype.sources,
    )
