"""The scorecard: the role's mission, its outcomes for 12 and 24 months, its competencies and the year's plan.

After the scorecard of Smart & Street (*Who*, 2008) and a16z's missions, outcomes and competencies:
the outcomes come from the JD's blocks: first the work this kind of CCO is hired for, then what
closes a readiness gap, then the rest; each with its measure, the CCO's part in the decisions it
rests on (from the charter), and room for a baseline and a target.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from jdgen.data.catalog import Catalog
from jdgen.data.input_models import Profile
from jdgen.decide.compose import in_context, source_refs
from jdgen.decide.pack import CCO, Context, name, pack_context
from jdgen.decide.pack_results import Outcome, Scorecard, ScorecardCompetency
from jdgen.decide.results import IncludedBlock, JobDescription, PhaseOut

#: How many outcomes the first year holds: enough to judge the year, few enough to remember.
OUTCOMES_MIN = 5
OUTCOMES_MAX = 8
#: At most this many of the archetype's defining blocks lead the outcomes, before the gaps.
DEFINING_FIRST = 3
#: How many outcomes are left for the second year.
LATER_MAX = 3
#: The mission names the gaps up to this many; beyond, it counts them (the outcomes name each).
GAPS_NAMED = 4


def scorecard(catalog: Catalog, jd: JobDescription, profile: Profile | Mapping[str, Any] | None = None) -> Scorecard:
    """The scorecard of the role `jd` describes (internal edition; `profile` as `jd` was composed with)."""
    return make_scorecard(pack_context(catalog, jd, profile))


def make_scorecard(context: Context) -> Scorecard:
    """The scorecard, from a pack context."""
    jd = context.jd
    made = outcomes(context)
    questions = context.catalog.competency_questions
    competencies = tuple(
        ScorecardCompetency(
            id=c.id,
            title=c.title,
            description=c.description,
            strong=context.say(questions[c.id].anchors["5"]) if c.id in questions else c.description,
        )
        for c in jd.competencies
    )
    blocks = context.catalog.blocks
    sources = [*context.method_sources("scorecard"), *(s for o in made for s in blocks[o.block].sources)]
    return Scorecard(
        role=context.header(),
        mission=_mission(context),
        outcomes=made[:OUTCOMES_MAX],
        later_outcomes=made[OUTCOMES_MAX : OUTCOMES_MAX + LATER_MAX],
        competencies=competencies,
        year_plan=(*jd.first_90_days, *_rest_of_year(context)),
        sources=source_refs(context.catalog, sources),
    )


def _mission(context: Context) -> str:
    """The mandate's first sentence, and the gaps the executive team found, when it answered."""
    jd = context.jd
    first = re.split(r"(?<=[.!?])\s+", jd.mandate.strip(), maxsplit=1)[0]
    gaps = [g.title.lower() for g in jd.readiness.gaps] if jd.readiness else []
    if not gaps:
        return first
    if len(gaps) > GAPS_NAMED:
        return f"{first} The first year starts with the {len(gaps)} gaps the executive team found."
    listed = gaps[0] if len(gaps) == 1 else ", ".join(gaps[:-1]) + " and " + gaps[-1]
    return f"{first} The first year starts with the gaps the executive team found: {listed}."


def _in_order(context: Context) -> list[IncludedBlock]:
    """The JD's blocks by weight: what this kind of CCO is hired for, what closes a gap, then the rest."""
    jd = context.jd
    archetype = context.catalog.archetypes[jd.archetype.id]
    by_id = {b.id: b for b in jd.blocks}
    defining = [by_id[b] for b in archetype.core_blocks if b in by_id and b in archetype.strong_blocks]
    first = defining[:DEFINING_FIRST]
    gaps = [b for b in jd.blocks if b.closes and b not in first]
    return list(dict.fromkeys([*first, *gaps, *jd.blocks]))


#: The CCO's parts in a decision, strongest first, as the scorecard says them.
_PARTS = (("recommend", "Recommends"), ("agree", "Must agree"), ("perform", "Carries it out"), ("input", "Gives input"))


def _cco_part(context: Context, block: str) -> str:
    """The CCO's strongest part in the decisions this block's outcome rests on (see the charter)."""
    decisions = [
        context.rights(d)
        for d in context.catalog.decisions
        if block in d.blocks and context.sector not in d.sectors_except
    ]
    if not decisions or any(r.decide == CCO for r in decisions):
        return "Decides" if decisions else "Leads the work"
    for part, says in _PARTS:
        for rights in decisions:
            held = getattr(rights, part)
            if held == CCO or (isinstance(held, tuple) and CCO in held):
                return f"{says}; the {name(context, rights.decide)} decides"
    return f"The {name(context, decisions[0].decide)} decides"


def outcomes(context: Context) -> list[Outcome]:
    """Every outcome of the JD's blocks, by weight (the scorecard keeps the first 8, then 3 for the second year)."""
    jd = context.jd
    gap_titles = {g.statement: g.title for g in jd.readiness.gaps} if jd.readiness else {}
    archetype = context.catalog.archetypes[jd.archetype.id]
    out = []
    for block in _in_order(context):
        if not block.outcome:
            continue
        closes = [gap_titles[s] for s in block.closes if s in gap_titles]
        source: Literal["defining", "gap", "core"]
        if block.id in archetype.strong_blocks and block.id in archetype.core_blocks:
            source, why = "defining", f"What a {jd.archetype.name} is hired for"
        elif closes:
            source, why = "gap", "Closes the gap: " + ", ".join(closes).lower()
        else:
            source, why = "core", "Core work of the role"
        if closes and source == "defining":
            why += "; closes the gap: " + ", ".join(closes).lower()
        measure = in_context(context.catalog.blocks[block.id], context.sector, jd.archetype.id).outcome_measure
        out.append(
            Outcome(
                text=block.outcome,
                block=block.id,
                block_title=block.title,
                source=source,
                why=why,
                measure=context.say(measure or ""),
                cco_part=_cco_part(context, block.id),
            )
        )
    return out


def _rest_of_year(context: Context) -> tuple[PhaseOut, ...]:
    in_jd = {b.id for b in context.jd.blocks}
    phases = []
    for phase in context.catalog.year_plan:
        steps = tuple(context.say(s.text) for s in phase.steps if not s.when_blocks or in_jd & set(s.when_blocks))
        if steps:
            phases.append(PhaseOut(title=phase.title, steps=steps))
    return tuple(phases)
