"""The scorecard: the role's mission, its outcomes for 12 and 24 months, its competencies and the year's plan.

After the scorecard of Smart & Street (*Who*, 2008) and a16z's missions, outcomes and competencies:
the outcomes come from the JD's blocks, those that close a readiness gap first, each with the
measure that tracks it and room for a baseline and a target.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jdgen.data.catalog import Catalog
from jdgen.data.input_models import Profile
from jdgen.decide.compose import source_refs
from jdgen.decide.pack import Context, pack_context
from jdgen.decide.pack_results import Outcome, Scorecard, ScorecardCompetency
from jdgen.decide.results import INFERENCE_TAG, IncludedBlock, JobDescription, PhaseOut

#: How many outcomes the first year holds: enough to judge the year, few enough to remember.
OUTCOMES_MIN = 5
OUTCOMES_MAX = 8
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
    outcomes = _outcomes(context)
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
    sources = [*context.method_sources("scorecard"), *(s for o in outcomes for s in blocks[o.block].sources)]
    return Scorecard(
        role=context.header(),
        mission=_mission(context),
        outcomes=outcomes[:OUTCOMES_MAX],
        later_outcomes=outcomes[OUTCOMES_MAX : OUTCOMES_MAX + LATER_MAX],
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


def _gap_blocks_first(jd: JobDescription) -> list[IncludedBlock]:
    return sorted(jd.blocks, key=lambda b: not b.closes)  # stable: catalog order within each group


def _outcomes(context: Context) -> list[Outcome]:
    jd = context.jd
    gap_titles = {g.statement: g.title for g in jd.readiness.gaps} if jd.readiness else {}
    out = []
    for block in _gap_blocks_first(jd):
        if not block.outcome:
            continue
        closes = [gap_titles[s] for s in block.closes if s in gap_titles]
        why = f"Closes the gap: {', '.join(closes).lower()}" if closes else "Core work of the role"
        out.append(
            Outcome(
                text=block.outcome,
                block=block.id,
                block_title=block.title,
                source="gap" if closes else "core",
                why=why,
                measure=block.kpis[0].removesuffix(INFERENCE_TAG) if block.kpis else "",
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
