"""The readiness report for the executive team: the verdict before any archetype is chosen.

It holds the readiness (verdict, every statement's consensus, split and notes, the gaps and
the blocks that would close them, dissent), the warnings of the rules that speak to the
answers alone (dissent, the band, unknowns), and what to do next.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jdgen.common.errors import InputError
from jdgen.data.catalog import Catalog
from jdgen.data.input_models import Profile
from jdgen.data.inputs import AnswersInput, as_survey
from jdgen.decide.assessment import MIN_KNOWN, assess
from jdgen.decide.board_results import ReadinessReport
from jdgen.decide.chasm import Situation, classify_reporting, evaluate
from jdgen.decide.compose import as_profile, source_refs
from jdgen.decide.results import Readiness
from jdgen.decide.vocabulary import localise, terms_for


def _next_steps(readiness: Readiness) -> tuple[str, ...]:
    steps = []
    dissent = readiness.dissenting()
    if dissent:
        titles = "; ".join(a.title for a in dissent)
        steps.append(
            f"Meet to settle the statements the respondents disagree on ({titles}) before choosing an archetype."
        )
    unknown = [a.title for a in readiness.answers if a.answer == "unknown"]
    if unknown:
        steps.append(
            f"Find the answers still unknown ({'; '.join(unknown)}): an unknown can mean that no one owns the topic."
        )
    if readiness.band == "inconclusive":
        steps.append(f"Answer at least {MIN_KNOWN} statements, then run the assessment again before deciding.")
    elif readiness.band == "well-adjusted":
        steps.append(
            "Discuss with the board whether a dedicated Chief Customer Officer is needed; "
            "the remaining gap may fit inside an existing executive role."
        )
    if readiness.gaps and readiness.band != "inconclusive":
        steps.append(
            "Compare the archetypes against these gaps (the board comparison) and prefer one whose strengths cover them."
        )
        steps.append("Write the job description for the chosen archetype: it adds the blocks that close each gap.")
    if not readiness.gaps and readiness.band != "inconclusive":
        steps.append("Keep the practices behind the statements that hold, and repeat the assessment in a year.")
    return tuple(steps)


def readiness_report(
    catalog: Catalog,
    answers: AnswersInput,
    profile: Profile | Mapping[str, Any] | None = None,
) -> ReadinessReport:
    """The readiness report for one or many respondents' answers.

    Args:
        catalog: from `load_catalog()`.
        answers: readiness answers in any shape `compose` accepts.
        profile: the company profile (its name heads the report); optional.

    Raises:
        InputError: invalid answers or profile.
    """
    survey = as_survey(catalog, answers)
    if survey is None:
        raise InputError("a readiness report needs answers; give an answers file")
    prof = as_profile(profile)
    readiness = assess(catalog, survey)
    # The answer-only rules do not look at the archetype; any archetype fills the situation.
    archetype = next(iter(catalog.archetypes))
    situation = Situation(
        archetype=archetype,
        profile=prof,
        reporting=classify_reporting(catalog, prof.reports_to or archetype.reports_to),
        readiness=readiness,
        block_ids=frozenset(),
    )
    warnings = evaluate(catalog, situation, readiness_only=True)
    source_ids = [
        *(s for a in readiness.answers for s in catalog.statements[a.statement].sources),
        *(s for w in warnings for s in w.sources),
    ]
    report = ReadinessReport(
        company=prof.company,
        language=prof.language,
        readiness=readiness,
        warnings=warnings,
        next_steps=_next_steps(readiness),
        sources=source_refs(catalog, source_ids),
    )
    prose = ("readiness", "warnings", "next_steps")
    return localise(report, terms_for(catalog, prof), prose, readiness.respondents)
