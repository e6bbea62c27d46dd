"""What the board comparison recommends: a best fit, options without one, or nothing to go on.

- When the readiness verdict says the role may not be needed (well adjusted), or cannot say
  (inconclusive), no archetype is called the best fit: the options are the catalog's ways to do
  the work without a CCO, then the role as the best-ranked archetype, each with its conditions.
- With no readiness answers, no sector and no priorities, nothing tells the archetypes apart:
  no recommendation.
- Otherwise the best fit is the first of the ranking; the next suited archetypes follow as
  options, so that the board sees what it would trade.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from jdgen.common.words import first_sentence, lower_first
from jdgen.data.catalog import Catalog
from jdgen.data.input_models import Profile
from jdgen.decide.board_results import BoardOption, Fit, Recommendation
from jdgen.decide.results import ChasmWarning, JobDescription, Readiness

#: How many archetypes the summary offers as options, best first.
OPTIONS_SHOWN = 3
#: A runner-up this close to the best fit is named as a close call.
CLOSE_CALL = 5
_SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}
NO_ROLE_BANDS = {
    "well-adjusted": "the answers say the company may not need a CCO",
    "inconclusive": "too many answers are unknown to say whether a CCO is needed",
}


def archetype_option(catalog: Catalog, fit: Fit, jd: JobDescription) -> BoardOption:
    """An archetype as a course the board can take, with the conditions it needs to succeed."""
    archetype = catalog.archetypes[fit.archetype]
    lacks = "; ".join(item[0].lower() + item[1:] for item in archetype.chasm.lacks)
    conditions = [
        *(
            f"Before hiring, settle the critical risk: {lower_first(w.title.rstrip('.'))}."
            for w in jd.warnings
            if w.severity == "critical"
        ),
        f"A reporting line to the {jd.reports_to}.",
        f"{jd.authority.title} authority: {lower_first(first_sentence(jd.authority.description))}",
        f"Support planned for what this kind of leader typically lacks: {lacks}.",
    ]
    return BoardOption(
        kind="archetype",
        id=archetype.id,
        name=archetype.name,
        summary=f"Fit {fit.score}/100. {archetype.summary.split('. ')[0].rstrip('.')}.",
        conditions=tuple(conditions),
    )


def _top_risks(own: Sequence[ChasmWarning], shared: Sequence[ChasmWarning]) -> tuple[str, ...]:
    # Worst first; among equals, the ones that hold whichever archetype is chosen.
    counted = [w for w in (*shared, *own) if w.severity != "info"]
    counted.sort(key=lambda w: _SEVERITY_ORDER[w.severity])
    titles = list(dict.fromkeys(f"{w.title} ({w.severity})" for w in counted))
    return tuple(titles[:3])


def recommend(
    catalog: Catalog,
    readiness: Readiness | None,
    profile: Profile,
    ranking: Sequence[Fit],
    jds: Mapping[str, JobDescription],
    shared: Sequence[ChasmWarning],
) -> Recommendation:
    """The recommendation for the board, from the verdict and the ranking (rules in the module docstring)."""
    suited = [f for f in ranking if f.sector_fit != "unsuited"] or list(ranking)
    best = suited[0]
    shared_ids = {w.id for w in shared}
    own = [w for w in jds[best.archetype].warnings if w.id not in shared_ids]
    options = [archetype_option(catalog, f, jds[f.archetype]) for f in suited[:OPTIONS_SHOWN]]
    if readiness is not None and readiness.band in NO_ROLE_BANDS:
        alternatives = [
            BoardOption(kind="alternative", id=a.id, name=a.name, summary=a.description, conditions=a.conditions)
            for a in catalog.alternatives
        ]
        return Recommendation(
            kind="options",
            archetype=None,
            headline=f"No best fit: {NO_ROLE_BANDS[readiness.band]}",
            reasons=(
                (
                    "The board can do the customer work without a new role, or create it; each option below "
                    "lists what it needs to succeed."
                ),
                f"If the board creates the role, the {best.name} ranks first (fit {best.score}/100).",
            ),
            risks=_top_risks(own, shared),
            options=(*alternatives, options[0]),
        )
    if readiness is None and profile.sector == "other" and not profile.priorities:
        return Recommendation(
            kind="none",
            archetype=None,
            headline="No recommendation: nothing about the company was given",
            reasons=(
                (
                    "Without readiness answers, a sector or the problems the role must solve, the archetypes "
                    "differ only in their own risks, which is no basis for a choice."
                ),
                "Give the executive team's readiness answers and the profile's sector and priorities.",
            ),
            risks=(),
            options=(),
        )
    by_part = {p.id: p.reason for p in best.parts}
    reasons = [by_part["priorities"], by_part["sector"], by_part["gaps"]]
    if readiness is None:
        reasons.append("Whether the company needs the role was not assessed: no readiness answers were given.")
    close = [f for f in suited[1:] if best.score - f.score <= CLOSE_CALL]
    if close:
        names = ", ".join(f"{f.name} ({f.score})" for f in close)
        reasons.append(f"Close behind: {names}. The board's judgement, not the score, should decide between them.")
    return Recommendation(
        kind="best-fit",
        archetype=best.archetype,
        headline=f"Best fit: {best.name}, fit {best.score}/100",
        reasons=tuple(reasons),
        risks=_top_risks(own, shared),
        options=tuple(options),
    )
