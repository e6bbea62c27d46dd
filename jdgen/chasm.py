"""Execution-chasm rules: evaluate the catalog's declarative conditions against a situation.

A rule fires when every condition it gives holds. Conditions on answers (``gaps_any``,
``no_count``, ``gap_count``, ``known_count``) never hold when no answers were given, and
``team_size`` never holds when the profile gives no team size. A ``for_each: chasm-gap``
rule fires once per gap whose closing blocks fall in the archetype's chasm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jdgen.catalog import Catalog, normalise_title
from jdgen.models import SEVERITY_ORDER, Archetype, Conditions, Profile, ReportingFunction, ReportingLevel, Rule
from jdgen.results import ChasmWarning, Gap, Readiness

_CHIEF_TITLE = re.compile(r"^(c[a-z]{1,3}o|chief\b.*|.*\bpresident\b.*)$")


@dataclass(frozen=True)
class Reporting:
    """The reporting line's title and what it means: how far below the CEO, which function."""

    title: str
    level: ReportingLevel
    function: ReportingFunction


def classify_reporting(catalog: Catalog, title: str) -> Reporting:
    """Classify a reporting-line title with the catalog's aliases.

    A title the catalog does not know counts as the C-suite when it looks like one
    (``Chief …``, a three- or four-letter ``C…O``, ``… President …``) and as below the
    C-suite otherwise: a CCO reporting to a vice president or a head of department is more
    than one level below the CEO.
    """
    key = normalise_title(title)
    for line in catalog.reporting_lines:
        if any(normalise_title(alias) == key for alias in line.aliases):
            return Reporting(title, line.level, line.function)
    if _CHIEF_TITLE.match(key):
        return Reporting(title, "c-suite", "other")
    return Reporting(title, "below-c-suite", "other")


@dataclass(frozen=True)
class Situation:
    """Everything a rule can look at."""

    archetype: Archetype
    profile: Profile
    reporting: Reporting
    readiness: Readiness | None
    block_ids: frozenset[str]


def _holds(when: Conditions, s: Situation) -> bool:
    a, p, r = s.archetype, s.profile, s.readiness
    checks: list[bool] = []
    if when.archetypes is not None:
        checks.append(a.id in when.archetypes)
    if when.authority is not None:
        checks.append(a.authority in when.authority)
    if when.focus is not None:
        checks.append(a.focus in when.focus)
    if when.layered_onto is not None:
        checks.append(p.layered_onto in when.layered_onto)
    if when.reporting_level is not None:
        checks.append(s.reporting.level in when.reporting_level)
    if when.reporting_function is not None:
        checks.append(s.reporting.function in when.reporting_function)
    if when.answered is not None:
        checks.append((r is not None) == when.answered)
    if when.gaps_any is not None:
        checks.append(r is not None and any(g.statement in when.gaps_any for g in r.gaps))
    if when.no_count is not None:
        checks.append(r is not None and when.no_count.holds(r.counts["no"]))
    if when.gap_count is not None:
        checks.append(r is not None and when.gap_count.holds(len(r.gaps)))
    if when.known_count is not None:
        checks.append(r is not None and when.known_count.holds(len(r.answers) - r.counts["unknown"]))
    if when.team_size is not None:
        checks.append(p.team_size is not None and when.team_size.holds(p.team_size))
    if when.blocks_none is not None:
        checks.append(not (s.block_ids & set(when.blocks_none)))
    return all(checks)


def _fill(text: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def _warning(rule: Rule, values: dict[str, str], suffix: str = "") -> ChasmWarning:
    return ChasmWarning(
        id=rule.id + (f":{suffix}" if suffix else ""),
        rule=rule.id,
        severity=rule.severity,
        title=_fill(rule.title, values),
        why=_fill(rule.why, values),
        action=_fill(rule.action, values),
        sources=rule.sources,
    )


def _chasm_gaps(catalog: Catalog, s: Situation) -> list[tuple[Gap, list[str]]]:
    if s.readiness is None:
        return []
    chasm = set(s.archetype.chasm.blocks)
    out = []
    for gap in s.readiness.gaps:
        in_chasm = [catalog.blocks[b].title for b in gap.blocks if b in chasm]
        if in_chasm:
            out.append((gap, in_chasm))
    return out


def evaluate(catalog: Catalog, situation: Situation) -> tuple[ChasmWarning, ...]:
    """The warnings the catalog's rules raise for this situation, most severe first."""
    base = {
        "archetype": situation.archetype.name,
        "reports_to": situation.reporting.title,
        "company": situation.profile.company or "the company",
    }
    fired: list[tuple[int, int, int, ChasmWarning]] = []
    for rule_rank, rule in enumerate(catalog.rules):
        if not _holds(rule.when, situation):
            continue
        if rule.for_each == "chasm-gap":
            for gap_rank, (gap, titles) in enumerate(_chasm_gaps(catalog, situation)):
                values = base | {"statement": gap.title, "blocks": ", ".join(titles)}
                fired.append(
                    (-SEVERITY_ORDER[rule.severity], rule_rank, gap_rank, _warning(rule, values, gap.statement))
                )
        else:
            fired.append((-SEVERITY_ORDER[rule.severity], rule_rank, 0, _warning(rule, base)))
    fired.sort(key=lambda t: t[:3])
    return tuple(w for *_, w in fired)
