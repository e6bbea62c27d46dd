"""Compose a job description: archetype + readiness gaps + company profile → `JobDescription`.

The JD takes the archetype's core blocks and, for each gap (a statement answered partial or
no), the blocks that close it; each block once, grouped by domain in catalog order, each
remembering why it is there. The readiness verdict and the chasm warnings that fire travel
with the JD as its internal advisory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from jdgen.common.errors import InputError, quoted
from jdgen.data.catalog import Catalog
from jdgen.data.catalog_models import Block
from jdgen.data.code_models import Code
from jdgen.data.input_models import Profile
from jdgen.data.inputs import AnswersInput, as_survey, parse_profile
from jdgen.decide import posting_copy
from jdgen.decide.assessment import assess
from jdgen.decide.chasm import Situation, classify_reporting, evaluate
from jdgen.decide.results import (
    ArchetypeRef,
    AuthorityRef,
    CodeRef,
    CompetencyRef,
    DomainRef,
    IncludedBlock,
    JobDescription,
    PhaseOut,
    Readiness,
    SourceRef,
)
from jdgen.decide.vocabulary import localise, speak, terms_for

# The catalog block's fields a JD carries (competencies and sources are gathered JD-wide).
_BLOCK_FIELDS = {"id", "domain", "title", "purpose", "outcome", "duties", "kpis", "partners"}


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def as_profile(profile: Profile | Mapping[str, Any] | None) -> Profile:
    """A `Profile` from a profile or a mapping of its fields (validated); None gives the defaults.

    Raises:
        InputError: invalid fields, or data that is not a mapping.
    """
    if profile is None:
        return Profile()
    if isinstance(profile, Profile):
        return profile
    return parse_profile(dict(profile) if isinstance(profile, Mapping) else profile)


def _paragraphs(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())


def compose(
    catalog: Catalog,
    archetype_id: str,
    answers: AnswersInput | None = None,
    profile: Profile | Mapping[str, Any] | None = None,
) -> JobDescription:
    """Compose the job description for one archetype.

    Args:
        catalog: from `load_catalog()`.
        archetype_id: one of the catalog's archetype ids, e.g. ``"enterprise-cx"``, in any case
            (``"Enterprise-CX"`` is the same archetype).
        answers: readiness answers: a `Survey` of several respondents, one respondent's
            `Answers`, or the same as plain data (see `as_survey`); None leaves the readiness
            out and adds no gap blocks.
        profile: the company profile (a `Profile` or a mapping of its fields); None uses defaults.

    Returns:
        The internal edition of the JD; call `JobDescription.posting_edition()` for the posting.

    Raises:
        InputError: an unknown archetype (the message suggests the closest and lists the valid
            ones), or invalid answers or profile.
    """
    archetype_id = catalog.archetypes.resolve(archetype_id)  # refused before the answers are read
    survey = as_survey(catalog, answers)
    readiness = assess(catalog, survey) if survey is not None else None
    prof = as_profile(profile)
    check_context(catalog, prof)
    return compose_assessed(catalog, archetype_id, readiness, prof)


def check_context(catalog: Catalog, profile: Profile) -> None:
    """Raise `InputError` when the profile names a sector or priority the catalog does not define."""
    if catalog.sectors and profile.sector not in catalog.sectors:
        hint = catalog.sectors.suggestion(profile.sector)
        raise InputError(
            f"profile: sector: unknown sector {quoted(profile.sector)}{hint}; valid sectors: {', '.join(catalog.sectors.ids())}"
        )
    unknown = [p for p in profile.priorities if p not in catalog.priorities]
    if unknown:
        named = ", ".join(f"{quoted(p)}{catalog.priorities.suggestion(p)}" for p in unknown)
        valid = ", ".join(catalog.priorities.ids())
        raise InputError(f"profile: priorities: unknown priority {named}; valid priorities: {valid}")


def compose_assessed(catalog: Catalog, archetype_id: str, readiness: Readiness | None, prof: Profile) -> JobDescription:
    """`compose` from a readiness already assessed: for callers composing several archetypes."""
    archetype = catalog.archetypes[archetype_id]
    closes: dict[str, list[str]] = {}
    for gap in readiness.gaps if readiness else ():
        for block_id in gap.blocks:
            closes.setdefault(block_id, []).append(gap.statement)
    blocks = [
        in_context(b, prof.sector, archetype.id) for b in catalog.blocks_in_order([*archetype.core_blocks, *closes])
    ]
    included = tuple(
        IncludedBlock(
            **b.model_dump(include=_BLOCK_FIELDS),
            you_will=b.you_will or b.purpose,
            reason="core" if b.id in archetype.core_blocks else "gap",
            closes=tuple(closes.get(b.id, ())),
        )
        for b in blocks
    )
    block_ids = frozenset(b.id for b in blocks)
    domain_ids = _unique(b.domain for b in blocks)
    competency_ids = _unique(c for b in blocks for c in b.competencies)
    # The profile's reporting line as typed; the archetype's default in the sector's words.
    reports_to = prof.reports_to or speak(archetype.reports_to, terms_for(catalog, prof))
    reporting = classify_reporting(catalog, reports_to)
    warnings = evaluate(
        catalog,
        Situation(archetype=archetype, profile=prof, reporting=reporting, readiness=readiness, block_ids=block_ids),
    )
    authority = catalog.authority_models[archetype.authority]
    source_ids = _unique(
        [
            *archetype.sources,
            *authority.sources,
            *(s for b in blocks for s in b.sources),
            *(s for g in (readiness.gaps if readiness else ()) for s in catalog.statements[g.statement].sources),
            *(s for w in warnings for s in w.sources),
        ]
    )
    phases = tuple(
        PhaseOut(
            title=phase.title,
            steps=tuple(step.text for step in phase.steps if not step.when_blocks or block_ids & set(step.when_blocks)),
        )
        for phase in catalog.first_90_days
    )
    jd = JobDescription(
        title=archetype.title,
        archetype=ArchetypeRef(id=archetype.id, name=archetype.name),
        company=prof.company,
        company_url=prof.company_url,
        industry=prof.industry,
        mandate=archetype.mandate,
        reports_to=reports_to,
        dotted_lines=archetype.dotted_lines,
        key_peers=archetype.key_peers,
        authority=AuthorityRef(id=authority.id, title=authority.title, description=authority.description),
        scope=archetype.scope,
        location=prof.location,
        remote=prof.remote,
        remote_scope=prof.remote_scope,
        employment_type=prof.employment_type,
        occupational_category=prof.occupational_category,
        team_size=prof.team_size,
        domains=tuple(DomainRef(id=d, title=catalog.domains[d].title) for d in domain_ids),
        blocks=included,
        kpis=_unique(b.kpis[0] for b in blocks),
        highlights=posting_copy.highlights(
            included,
            archetype,
            posting_copy.challenges(readiness.gaps if readiness else (), catalog.statements.by_id),
        ),
        first_year=posting_copy.first_year(included, archetype),
        measures=posting_copy.measures(archetype, catalog.sectors.by_id.get(prof.sector)),
        experience=posting_copy.experience_bar(prof),
        experience_years=prof.experience_years,
        qualifications=archetype.qualifications,
        competencies=tuple(
            CompetencyRef(
                id=c,
                title=catalog.competencies[c].title,
                description=catalog.competencies[c].by_authority.get(
                    archetype.authority, catalog.competencies[c].description
                ),
            )
            for c in competency_ids
        ),
        first_90_days=tuple(p for p in phases if p.steps),
        about=_paragraphs(prof.about),
        pay=prof.pay,
        bonus=prof.bonus,
        equity=prof.equity,
        travel=prof.travel,
        hiring_process=prof.hiring_process,
        start=prof.start,
        benefits=prof.benefits,
        eeo_statement=prof.eeo_statement,
        date_posted=prof.date_posted,
        valid_through=prof.valid_through,
        apply_url=prof.apply_url,
        posting_url=prof.posting_url,
        requisition_id=prof.requisition_id,
        logo_url=prof.logo_url,
        openings=prof.openings,
        education=prof.education,
        language=prof.language,
        readiness=readiness,
        warnings=warnings,
        sources=source_refs(catalog, source_ids),
    )
    terms = terms_for(catalog, prof)
    words = {"organization": speak("the company", terms), "oversight": speak("the board", terms)}
    keep = readiness.respondents if readiness else ()
    return _coded(localise(jd.model_copy(update=words), terms, JD_PROSE, keep), catalog)


def _coded(jd: JobDescription, catalog: Catalog) -> JobDescription:
    """The JD with its occupation and skill codes, as the classifications spell them (never localised)."""
    occupation = catalog.archetypes[jd.archetype.id].occupation
    codes = (occupation.isco, *([occupation.esco] if occupation.esco else ())) if occupation else ()
    competencies = tuple(
        c.model_copy(update={"esco_skill": code_ref(catalog, catalog.competencies[c.id].esco_skill)})
        for c in jd.competencies
    )
    occupation_codes = tuple(ref for ref in (code_ref(catalog, code) for code in codes) if ref)
    return jd.model_copy(update={"occupation_codes": occupation_codes, "competencies": competencies})


def code_ref(catalog: Catalog, code: Code | None) -> CodeRef | None:
    """A catalog code as the JD carries it, with its classification's name, version and scheme."""
    if code is None:
        return None
    code_set = catalog.code_sets[code.set]
    return CodeRef(
        system=code_set.name,
        version=code_set.version,
        scheme=code_set.url,
        code=code.code,
        label=code.label,
        uri=code.uri,
    )


#: The JD's fields whose text comes from the catalog (the rest comes from the profile).
JD_PROSE = (
    "mandate",
    "highlights",
    "first_year",
    "measures",
    "scope",
    "dotted_lines",
    "key_peers",
    "authority",
    "blocks",
    "kpis",
    "qualifications",
    "competencies",
    "first_90_days",
    "warnings",
    "readiness",
)


def in_context(block: Block, sector: str, archetype: str) -> Block:
    """The block in the wording of its first variant for this sector or this archetype, if any."""
    for variant in block.variants:
        if sector in variant.sectors or archetype in variant.archetypes:
            changes = variant.model_dump(exclude={"sectors", "archetypes", "sources"}, exclude_none=True)
            return block.model_copy(update={**changes, "sources": _unique([*block.sources, *variant.sources])})
    return block


def source_refs(catalog: Catalog, ids: Iterable[str]) -> tuple[SourceRef, ...]:
    """The catalog's sources with these ids, each once, in the order given."""
    years = catalog.source_years
    return tuple(
        SourceRef(
            id=s,
            short=catalog.sources[s].short(years[s]),
            citation=catalog.sources[s].citation(years[s]),
            url=catalog.sources[s].url,
        )
        for s in _unique(ids)
    )
