"""Execution-chasm rules: evaluate the catalog's declarative conditions against a situation.

A rule fires when every condition it gives holds. Conditions on answers (``readiness``,
``gaps_any``, ``no_count``, ``gap_count``, ``known_count``) never hold when no answers were given, and
``team_size`` never holds when the profile gives no team size. A ``for_each: chasm-gap``
rule fires once per gap whose closing blocks fall in the archetype's chasm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jdgen.data.catalog import Catalog, normalise_title
from jdgen.data.catalog_models import Archetype, Conditions, Rule
from jdgen.data.fields import SEVERITY_ORDER, ReportingFunction, ReportingLevel
from jdgen.data.input_models import Profile
from jdgen.decide.results import ChasmWarning, Gap, Readiness, sides_text

# On normalised titles: "chief …", a three- or four-letter "c…o", or a president ("vice
# president" is normalised to "vp", so it never matches).
_CHIEF_TITLE = re.compile(r"^(c[a-z]{1,2}o|chief\b.*|.*\bpresident\b.*)$")
# The function an unknown title heads, from the words in it (first match wins).
_FUNCTION_WORDS: tuple[tuple[ReportingFunction, frozenset[str]], ...] = (
    ("service", frozenset({"service", "services", "care", "support", "success"})),
    ("marketing", frozenset({"marketing", "brand", "growth"})),
    ("sales", frozenset({"sales", "revenue", "commercial"})),
    ("finance", frozenset({"finance", "financial"})),
    ("technology", frozenset({"technology", "it", "digital", "information", "data"})),
    ("product", frozenset({"product", "products"})),
    ("operations", frozenset({"operations", "operating"})),
)


@dataclass(frozen=True)
class Reporting:
    """The reporting line's title and what it means: how far below the CEO, which function."""

    title: str
    level: ReportingLevel
    function: ReportingFunction


def classify_reporting(catalog: Catalog, title: str) -> Reporting:
    """Classify a reporting-line title with the catalog's aliases.

    A title the catalog does not know counts as the C-suite when it looks like one
    (``Chief …``, a three- or four-letter ``C…O``, a president but not a vice president) and
    as below the C-suite otherwise: a CCO reporting to a vice president or a head of
    department is more than one level below the CEO. Its function is read from its words
    ("care", "support" → service; "brand" → marketing; …).
    """
    key = normalise_title(title)
    line = catalog.reporting_titles.get(key)
    if line is not None:
        return Reporting(title, line.level, line.function)
    words = set(key.split())
    function: ReportingFunction = next((f for f, names in _FUNCTION_WORDS if words & names), "other")
    return Reporting(title, "c-suite" if _CHIEF_TITLE.match(key) else "below-c-suite", function)


@dataclass(frozen=True)
class Situation:
    """Everything a rule can look at."""

    archetype: Archetype
    profile: Profile
    reporting: Reporting
    readiness: Readiness | None
    block_ids: frozenset[str]


_ANSWER_CONDITIONS = ("readiness", "gaps_any", "no_count", "gap_count", "known_count", "dissent")
# Conditions on the role itself (archetype, reporting line, profile, blocks): a rule with none
# of them set speaks to the readiness answers alone.
_ROLE_CONDITIONS = (
    "archetypes",
    "authority",
    "focus",
    "layered_onto",
    "reporting_level",
    "reporting_function",
    "team_size",
    "blocks_none",
)


def _holds(when: Conditions, s: Situation) -> bool:
    a, p, r = s.archetype, s.profile, s.readiness
    # Conditions that name the allowed values of one attribute of the situation.
    values: dict[str, str] = {
        "archetypes": a.id,
        "authority": a.authority,
        "focus": a.focus,
        "layered_onto": p.layered_onto,
        "reporting_level": s.reporting.level,
        "reporting_function": s.reporting.function,
    }
    for name, value in values.items():
        allowed = getattr(when, name)
        if allowed is not None and value not in allowed:
            return False
    if when.answered is not None and (r is not None) != when.answered:
        return False
    if when.team_size is not None and (p.team_size is None or not when.team_size.holds(p.team_size)):
        return False
    if when.blocks_none is not None and s.block_ids & set(when.blocks_none):
        return False
    if r is None:
        return all(getattr(when, name) is None for name in _ANSWER_CONDITIONS)
    counts = {"no_count": r.counts["no"], "gap_count": len(r.gaps), "known_count": len(r.answers) - r.counts["unknown"]}
    return (
        all(getattr(when, name) is None or getattr(when, name).holds(n) for name, n in counts.items())
        and (when.readiness is None or r.band in when.readiness)
        and (when.gaps_any is None or any(g.statement in when.gaps_any for g in r.gaps))
        and (when.dissent is None or bool(r.dissenting()) == when.dissent)
    )


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
        evidence=rule.evidence,
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


def answers_only(rule: Rule) -> bool:
    """Whether a rule looks at the readiness answers alone, so it fires alike for every archetype."""
    return rule.for_each is None and all(getattr(rule.when, c) is None for c in _ROLE_CONDITIONS)


def dissent_summary(readiness: Readiness) -> str:
    """``Agreed metrics (yes: CEO, CFO; no: COO); …``: each disputed statement and who said what."""
    return "; ".join(f"{a.title} ({sides_text(a.sides)})" for a in readiness.dissenting())


def _values(situation: Situation) -> dict[str, str]:
    values = {
        "archetype": situation.archetype.name,
        "reports_to": situation.reporting.title,
        "company": situation.profile.company or "the company",
    }
    if situation.readiness is not None:
        values["dissent"] = dissent_summary(situation.readiness)
    return values


def evaluate(catalog: Catalog, situation: Situation, *, readiness_only: bool = False) -> tuple[ChasmWarning, ...]:
    """The warnings the catalog's rules raise for this situation, most severe first.

    With `readiness_only`, only the rules that speak to the answers alone are evaluated (no
    condition on the archetype, reporting line, profile or blocks; not per chasm gap): what
    the readiness report warns about before any archetype is chosen.
    """
    base = _values(situation)
    fired: list[tuple[int, int, int, ChasmWarning]] = []
    for rule_rank, rule in enumerate(catalog.rules):
        if readiness_only and not answers_only(rule):
            continue
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
