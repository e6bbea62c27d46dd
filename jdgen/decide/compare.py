"""The board comparison: archetypes side by side against one company's gaps.

Each compared archetype's JD is composed with the same answers and profile; the comparison
reads them. The **coverage matrix** has a row for every block the company needs (the blocks
that close its gaps, and each compared archetype's core blocks), grouped by domain, and a cell
per archetype: it brings the block as a *strength*, the block is *added* only because its JD
asks for it, the archetype typically *lacks* it (its execution chasm), or the block is
*outside* that archetype's JD.

The **fit ranking** and its 0–100 fit score are worked out in `jdgen.decide.fit` (the rule is there,
in the README and in every comparison); `jdgen.decide.recommend` turns the ranking and the readiness
verdict into the recommendation the board reads first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from jdgen.common.errors import InputError, quoted
from jdgen.data.catalog import Catalog
from jdgen.data.catalog_models import Archetype
from jdgen.data.input_models import Profile
from jdgen.data.inputs import AnswersInput, as_survey
from jdgen.decide.assessment import assess
from jdgen.decide.board_results import (
    ArchetypeSummary,
    CellStatus,
    Comparison,
    MatrixCell,
    MatrixDomain,
    MatrixRow,
    WeakSpot,
)
from jdgen.decide.chasm import answers_only
from jdgen.decide.compose import as_profile, check_context, compose_assessed, source_refs
from jdgen.decide.fit import SCORE_SCALE, SCORING_RULE, fit
from jdgen.decide.recommend import recommend
from jdgen.decide.results import ChasmWarning, JobDescription, Readiness
from jdgen.decide.vocabulary import localise, speak, terms_for

__all__ = ["SCORE_SCALE", "SCORING_RULE", "archetype_ids", "compare"]


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
        named = ", ".join(f"{quoted(a)}{catalog.archetypes.suggestion(a)}" for a in unknown)
        raise InputError(f"unknown archetype {named}; valid archetypes: {valid}")
    ids = list(dict.fromkeys(catalog.archetypes.resolve(a) for a in given))
    if not ids:
        raise InputError(f"no archetype to compare; give one or more of: {valid}")
    return ids


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


def _gap_of(catalog: Catalog, warning: ChasmWarning) -> str | None:
    """The statement id of a warning raised once per gap (``rule:statement``), else None."""
    rule, _, statement = warning.id.partition(":")
    per_gap = rule in catalog.rules and catalog.rules[rule].for_each == "chasm-gap"
    return statement if per_gap and statement in catalog.statements else None


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
        profile: the company profile: its sector and priorities weigh in the fit; its reporting
            line, layering and team size change which warnings fire.
        archetypes: the archetype ids to compare, in the order to show them (a list, or a
            comma-separated string); None compares every archetype in catalog order.

    Raises:
        InputError: an unknown archetype (naming the valid ones), or invalid answers or profile.
    """
    ids = archetype_ids(catalog, archetypes)
    survey = as_survey(catalog, answers)
    readiness = assess(catalog, survey) if survey is not None else None
    prof = as_profile(profile)
    check_context(catalog, prof)
    jds = {a: compose_assessed(catalog, a, readiness, prof) for a in ids}
    # Warnings on the answers alone fire alike whichever archetype is chosen: shown once.
    shared = tuple(w for w in jds[ids[0]].warnings if answers_only(catalog.rules[w.rule]))
    shared_ids = {w.id for w in shared}

    unranked = [fit(catalog, catalog.archetypes[a], jd, readiness, prof, shared_ids) for a, jd in jds.items()]
    ordered = sorted(unranked, key=lambda pair: pair[0])
    ranking = tuple(f.model_copy(update={"rank": n}) for n, (_, f) in enumerate(ordered, start=1))

    summaries = tuple(_summary(catalog, catalog.archetypes[a], jd, shared_ids) for a, jd in jds.items())
    source_ids = [
        *(s for a in ids for s in catalog.archetypes[a].sources),
        *(s for a in ids for s in catalog.authority_models[catalog.archetypes[a].authority].sources),
        *(s for jd in jds.values() for w in jd.warnings for s in w.sources),
    ]
    comparison = Comparison(
        company=prof.company,
        industry=prof.industry,
        language=prof.language,
        readiness=readiness,
        archetypes=summaries,
        matrix=_matrix(catalog, jds, readiness),
        sector=catalog.sectors[prof.sector].name if prof.sector in catalog.sectors else prof.sector,
        priorities=tuple(catalog.priorities[p].name for p in prof.priorities),
        recommendation=recommend(catalog, readiness, prof, ranking, jds, shared),
        ranking=ranking,
        scoring=SCORING_RULE,
        shared_warnings=shared,
        sources=source_refs(catalog, source_ids),
    )
    prose = ("archetypes", "matrix", "recommendation", "ranking", "shared_warnings", "readiness")
    terms = terms_for(catalog, prof)
    keep = readiness.respondents if readiness else ()
    return localise(comparison.model_copy(update={"organization": speak("the company", terms)}), terms, prose, keep)


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
        dotted_lines=jd.dotted_lines,
        key_peers=jd.key_peers,
        authority=jd.authority,
        strengths=archetype.strengths,
        lacks=archetype.chasm.lacks,
        chasm=archetype.chasm.summary,
        chasm_inferred=archetype.chasm.inference,
        warnings=tuple(w for w in jd.warnings if w.id not in shared),
        weak_spots=_weak_spots(catalog, archetype, jd),
        sources=archetype.sources,
    )
