"""The fit model: how well each archetype suits one company, on a 0–100 scale in four parts.

The rule (also in the README, and printed in every comparison):

- **Gaps** (0–`GAPS_MAX`): each readiness gap weighs 1 when its consensus is no and 0.5 when
  partial. The archetype gains a gap when it brings one of the blocks that close it as a strength,
  and loses it when a closing block lies in its execution chasm (neither, or both: no effect).
  points = half the maximum + half the maximum × (gained − lost weight) / total weight. With no
  gap, or no answers, every archetype gets half.
- **Sector** (0–`SECTOR_MAX`): full points where the archetype is typical of the company's sector,
  half where it is possible, none where it is unusual. An archetype *unsuited* to the sector
  (built for another kind of organization) gets none and ranks below every other.
- **Priorities** (0–`PRIORITIES_MAX`): per priority the profile names, 1 when it is the
  archetype's core work (primary), 0.5 when part of a wider remit (secondary); points = the
  maximum × the average. With no priorities every archetype gets half.
- **Risks** (0–`RISKS_MAX`): the maximum less `RISK_POINTS` for each warning that fires for this
  archetype and not for every one (the per-gap warnings are already counted under gaps).
  Warnings that fire whichever archetype is chosen (the layering, a reporting line below the
  C-suite, dissent) are shown once and move no archetype up or down.
- fit score = the sum of the four parts' points, 0–100. Order: suited before unsuited, then the
  higher score, the more gap points, the more priority points, fewer critical warnings, fewer
  warnings, and the catalog's archetype order.
"""

from __future__ import annotations

from collections.abc import Sequence

from jdgen.common.words import sentence_list
from jdgen.data.catalog import Catalog
from jdgen.data.catalog_models import Archetype, Sector
from jdgen.data.fields import Evidence, Severity
from jdgen.data.input_models import Profile
from jdgen.decide.board_results import Fit, FitPart
from jdgen.decide.results import ChasmWarning, JobDescription, Readiness

GAPS_MAX = 30
SECTOR_MAX = 20
PRIORITIES_MAX = 35
RISKS_MAX = 15
#: The best fit score there is: every part at its maximum.
SCORE_MAX = GAPS_MAX + SECTOR_MAX + PRIORITIES_MAX + RISKS_MAX

GAP_WEIGHTS: dict[str, float] = {"no": 1.0, "partial": 0.5}
RISK_POINTS: dict[Severity, int] = {"critical": 10, "warning": 5, "info": 0}
#: A warning counts in full when survey research across many firms backs it, less on weaker evidence.
EVIDENCE_WEIGHTS: dict[Evidence, float] = {"survey": 1.0, "framework": 0.75, "case": 0.5, "inference": 0.5}
SECTOR_SHARE: dict[str, float] = {"typical": 1.0, "possible": 0.5, "unusual": 0.0, "unsuited": 0.0}

SCORING_RULE: tuple[str, ...] = (
    (
        f"Gaps (0–{GAPS_MAX}): each readiness gap weighs {GAP_WEIGHTS['no']:g} when answered no and "
        f"{GAP_WEIGHTS['partial']:g} when partial. An archetype gains a gap when it brings work that closes it "
        "as a strength, and loses it when that work lies in its execution chasm. With no gaps every "
        f"archetype gets {GAPS_MAX // 2}."
    ),
    (
        f"Sector (0–{SECTOR_MAX}): {SECTOR_MAX} where the archetype is typical of the company's sector, "
        f"{SECTOR_MAX // 2} where it is possible, 0 where it is unusual. An archetype unsuited to the sector "
        "ranks below every other."
    ),
    (
        f"Priorities (0–{PRIORITIES_MAX}): for each problem the company hires the role to solve, full marks "
        "when it is the archetype's core work and half when it is part of a wider remit, averaged. With no "
        f"priorities given every archetype gets half ({PRIORITIES_MAX / 2:g}, rounded)."
    ),
    (
        f"Risks (0–{RISKS_MAX}): {RISKS_MAX} less {RISK_POINTS['critical']} for each critical warning and "
        f"{RISK_POINTS['warning']} for each warning that fires for this archetype alone, weighed by the evidence "
        f"behind it: in full for survey research, {EVIDENCE_WEIGHTS['framework']:g} for a practitioner's "
        f"framework, {EVIDENCE_WEIGHTS['case']:g} for a single case or our own reading. Warnings that fire "
        "whichever archetype is chosen are shown once and change no place in the ranking."
    ),
    (
        f"Fit score = the sum of the four parts, 0–{SCORE_MAX}. Ties go to the more gap points, then the more "
        "priority points, then fewer critical warnings, fewer warnings, and the catalog's order."
    ),
)

#: The fit score's scale in two sentences, for a reader who sees a score without the comparison.
SCORE_SCALE = (
    f"The fit score (0–{SCORE_MAX}) adds four parts: how the archetype meets the company's readiness gaps "
    f"(up to {GAPS_MAX}), its sector (up to {SECTOR_MAX}), the problems it is hired to solve (up to "
    f"{PRIORITIES_MAX}) and the risks that fire for it alone (up to {RISKS_MAX}). Higher is a better fit; "
    "the comparison shows each part."
)


def sector_fit(sector: Sector | None, archetype: str) -> str:
    """typical, possible, unsuited or unusual: where the sector lists the archetype."""
    if sector is None:
        return "possible"
    for kind in ("typical", "possible", "unsuited"):
        if archetype in getattr(sector, kind):
            return kind
    return "unusual"


def _gaps_part(catalog: Catalog, archetype: Archetype, readiness: Readiness | None) -> FitPart:
    gaps = readiness.gaps if readiness else ()
    total = sum(GAP_WEIGHTS[g.answer] for g in gaps)
    gained: list[str] = []
    lost: list[str] = []
    net = 0.0
    for gap in gaps:
        strong = any(b in archetype.strong_blocks for b in gap.blocks)
        lacking = any(b in archetype.chasm.blocks for b in gap.blocks)
        if strong and not lacking:
            gained.append(gap.title)
            net += GAP_WEIGHTS[gap.answer]
        elif lacking and not strong:
            lost.append(gap.title)
            net -= GAP_WEIGHTS[gap.answer]
    half = GAPS_MAX / 2
    points = round(half + half * net / total) if total else round(half)
    if readiness is None:
        reason = "No readiness answers: no gaps to weigh."
    elif not gaps:
        known = len(readiness.answers) - readiness.counts.get("unknown", 0)
        reason = "No known answers: no gaps to weigh." if not known else "The known answers show no gap."
    else:
        said = [
            f"its strengths close {sentence_list(gained)}" if gained else "",
            f"it typically lacks the work on {sentence_list(lost)}" if lost else "",
        ]
        reason = "; ".join(s for s in said if s) or f"None of the {len(gaps)} gaps falls in its strengths or its chasm"
        reason = reason[0].upper() + reason[1:] + "."
    return FitPart(id="gaps", name="Gaps", points=points, max=GAPS_MAX, reason=reason)


def _sector_part(catalog: Catalog, archetype: Archetype, profile: Profile) -> tuple[FitPart, str]:
    sector = catalog.sectors.by_id.get(profile.sector)
    kind = sector_fit(sector, archetype.id)
    points = round(SECTOR_MAX * SECTOR_SHARE[kind])
    name = sector.name if sector else profile.sector
    reason = {
        "typical": f"Typical in this sector: {name}.",
        "possible": f"Fits some organizations in this sector: {name}.",
        "unusual": f"Unusual in this sector: {name}.",
        "unsuited": f"Built for another kind of organization than this sector ({name}): ranked below the others.",
    }[kind]
    if profile.sector == "other":
        reason = "No sector given: every company archetype counts as possible." if kind != "unsuited" else reason
    return FitPart(id="sector", name="Sector", points=points, max=SECTOR_MAX, reason=reason), kind


def _priorities_part(catalog: Catalog, archetype: Archetype, profile: Profile) -> FitPart:
    if not profile.priorities:
        return FitPart(
            id="priorities",
            name="Priorities",
            points=round(PRIORITIES_MAX / 2),
            max=PRIORITIES_MAX,
            reason="No priorities given: half marks for every archetype.",
        )
    core: list[str] = []
    wider: list[str] = []
    other: list[str] = []
    for pid in profile.priorities:
        priority = catalog.priorities[pid]
        # Quoted: the names themselves hold "and".
        (core if archetype.id in priority.primary else wider if archetype.id in priority.secondary else other).append(
            f"“{priority.name.lower()}”"
        )
    share = (len(core) + 0.5 * len(wider)) / len(profile.priorities)
    said = [
        f"core work: {sentence_list(core)}" if core else "",
        f"part of a wider remit: {sentence_list(wider)}" if wider else "",
        f"not its work: {sentence_list(other)}" if other else "",
    ]
    reason = "; ".join(s for s in said if s)
    return FitPart(
        id="priorities",
        name="Priorities",
        points=round(PRIORITIES_MAX * share),
        max=PRIORITIES_MAX,
        reason=reason[0].upper() + reason[1:] + ".",
    )


def _risks_part(catalog: Catalog, own: Sequence[ChasmWarning]) -> tuple[FitPart, int]:
    counted = [w for w in own if RISK_POINTS[w.severity] and not _per_gap(catalog, w)]
    lost = round(sum(RISK_POINTS[w.severity] * EVIDENCE_WEIGHTS[w.evidence] for w in counted))
    points = max(0, RISKS_MAX - lost)
    if counted:
        named = [f"{w.title} ({w.severity}; evidence: {w.evidence})" for w in counted]
        reason = f"Less {lost} for {sentence_list(named)}."
    else:
        reason = "No warning fires for it alone."
    return FitPart(id="risks", name="Risks", points=points, max=RISKS_MAX, reason=reason), RISKS_MAX - points


def _per_gap(catalog: Catalog, warning: ChasmWarning) -> bool:
    rule = catalog.rules.by_id.get(warning.rule)
    return rule is not None and rule.for_each == "chasm-gap"


def fit(
    catalog: Catalog,
    archetype: Archetype,
    jd: JobDescription,
    readiness: Readiness | None,
    profile: Profile,
    shared_ids: set[str],
) -> tuple[tuple[int, ...], Fit]:
    """One archetype's fit (rank 0) and the key that orders the ranking, best first."""
    own = [w for w in jd.warnings if w.id not in shared_ids]
    gaps = _gaps_part(catalog, archetype, readiness)
    sector, kind = _sector_part(catalog, archetype, profile)
    priorities = _priorities_part(catalog, archetype, profile)
    risks, risk = _risks_part(catalog, own)
    parts = (gaps, sector, priorities, risks)
    score = sum(p.points for p in parts)
    weights = {b: GAP_WEIGHTS[g.answer] for g in (readiness.gaps if readiness else ()) for b in g.blocks}
    covered = [b for b in weights if b in archetype.strong_blocks]
    total = sum(weights.values())
    coverage = round(100 * sum(weights[b] for b in covered) / total) if total else 0
    order = list(catalog.archetypes.ids()).index(archetype.id)
    key = (
        int(kind == "unsuited"),
        -score,
        -gaps.points,
        -priorities.points,
        sum(1 for w in own if w.severity == "critical"),
        sum(1 for w in own if w.severity == "warning"),
        order,
    )
    return key, Fit(
        rank=0,
        archetype=archetype.id,
        name=archetype.name,
        score=score,
        parts=parts,
        sector_fit=kind,
        coverage=coverage,
        risk=risk,
        strengths_on_gaps=tuple(catalog.blocks[b].title for b in covered),
        reasons=tuple(f"{p.name} {p.points}/{p.max}: {p.reason}" for p in parts),
    )
