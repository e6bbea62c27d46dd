"""The catalog's checks across items: references that must exist, and items that must agree.

Run once the layers are merged (`jdgen.data.catalog.load_catalog`): every id a field names exists in
its kind, no block is both an archetype's strength and in its chasm, rule texts use only known
placeholders, sector and priority lists do not contradict themselves, reporting-line aliases
are unique.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from jdgen.common.errors import Problem, quoted
from jdgen.data.catalog import DEFAULT_SECTOR, Catalog, Items, normalise_title
from jdgen.data.catalog_models import KIND_LABELS, Block, BlockVariant
from jdgen.data.code_models import Code, Occupation

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_RULE_PLACEHOLDERS = frozenset({"archetype", "reports_to", "company"})
_CHASM_GAP_PLACEHOLDERS = _RULE_PLACEHOLDERS | {"statement", "blocks"}


# For each kind: (field shown in messages, the ids it refers to, the kind they must exist in).
_REFERENCES: dict[str, list[tuple[str, Callable[[Any], str | Iterable[str]], str]]] = {
    "blocks": [
        ("domain", lambda b: b.domain, "domains"),
        ("competencies", lambda b: b.competencies, "competencies"),
        ("sources", lambda b: b.sources, "sources"),
        ("variants.sectors", lambda b: [x for v in b.variants for x in v.sectors], "sectors"),
        ("variants.archetypes", lambda b: [x for v in b.variants for x in v.archetypes], "archetypes"),
        ("variants.sources", lambda b: [x for v in b.variants for x in v.sources], "sources"),
    ],
    "archetypes": [
        ("core_blocks", lambda a: a.core_blocks, "blocks"),
        ("strong_blocks", lambda a: a.strong_blocks, "blocks"),
        ("chasm.blocks", lambda a: a.chasm.blocks, "blocks"),
        ("authority", lambda a: a.authority, "authority_models"),
        ("sources", lambda a: a.sources, "sources"),
        ("occupation", lambda a: [c.set for c in _codes(a.occupation)], "code_sets"),
    ],
    "competencies": [("esco_skill.set", lambda c: [c.esco_skill.set] if c.esco_skill else [], "code_sets")],
    "code_sets": [("sources", lambda s: s.sources, "sources")],
    "statements": [("closes", lambda s: s.closes, "blocks"), ("sources", lambda s: s.sources, "sources")],
    "rules": [
        ("when.archetypes", lambda r: r.when.archetypes or (), "archetypes"),
        ("when.gaps_any", lambda r: r.when.gaps_any or (), "statements"),
        ("when.blocks_none", lambda r: r.when.blocks_none or (), "blocks"),
        ("sources", lambda r: r.sources, "sources"),
    ],
    "first_90_days": [("when_blocks", lambda p: [b for step in p.steps for b in step.when_blocks], "blocks")],
    "authority_models": [("sources", lambda m: m.sources, "sources")],
    "sectors": [
        ("typical", lambda s: s.typical, "archetypes"),
        ("possible", lambda s: s.possible, "archetypes"),
        ("unsuited", lambda s: s.unsuited, "archetypes"),
        ("sources", lambda s: s.sources, "sources"),
    ],
    "priorities": [
        ("primary", lambda p: p.primary, "archetypes"),
        ("secondary", lambda p: p.secondary, "archetypes"),
        ("sources", lambda p: p.sources, "sources"),
    ],
    "alternatives": [("sources", lambda a: a.sources, "sources")],
    "block_probes": [("id", lambda p: p.id, "blocks"), ("sources", lambda p: p.sources, "sources")],
    "reference_questions": [("id", lambda q: q.id, "blocks"), ("sources", lambda q: q.sources, "sources")],
    "decisions": [
        ("blocks", lambda d: d.blocks, "blocks"),
        ("rights", lambda d: [r for rights in d.rights.values() for r in rights.roles()], "roles"),
        ("archetypes", lambda d: list(d.archetypes), "archetypes"),
        ("archetypes", lambda d: [r for rights in d.archetypes.values() for r in rights.roles()], "roles"),
        ("sectors_except", lambda d: d.sectors_except, "sectors"),
        ("sources", lambda d: d.sources, "sources"),
    ],
    "forums": [
        ("chair", lambda f: list(f.chair.values()), "roles"),
        ("attendees", lambda f: f.attendees, "roles"),
        ("blocks", lambda f: f.blocks, "blocks"),
        ("sectors_except", lambda f: f.sectors_except, "sectors"),
        ("sources", lambda f: f.sources, "sources"),
    ],
    "competency_questions": [
        ("id", lambda q: q.id, "competencies"),
        ("raters", lambda q: q.raters, "roles"),
        ("sources", lambda q: q.sources, "sources"),
    ],
    "roles": [
        ("titles", lambda r: list(r.titles), "sectors"),
        ("reporting_lines", lambda r: r.reporting_lines, "reporting_lines"),
        ("sectors_except", lambda r: r.sectors_except, "sectors"),
    ],
    "year_plan": [("when_blocks", lambda p: [b for step in p.steps for b in step.when_blocks], "blocks")],
}


def _codes(occupation: Occupation | None) -> list[Code]:
    """An occupation's codes: its ISCO-08 group and, if any, its ESCO occupation."""
    if occupation is None:
        return []
    return [occupation.isco, *([occupation.esco] if occupation.esco else [])]


def item_problem(catalog: Catalog, kind: str, ident: str, field_name: str, message: str) -> Problem:
    """A problem with one catalog item, naming the file it came from, the item and the field."""
    return Problem(catalog.origin(kind, ident), message, item=f"{KIND_LABELS[kind]} {quoted(ident)}", field=field_name)


def _dangling(catalog: Catalog) -> list[Problem]:
    out = []
    for kind, references in _REFERENCES.items():
        for item in getattr(catalog, kind):
            for field_name, refs_of, target_kind in references:
                refs = refs_of(item)
                target: Items[Any] = getattr(catalog, target_kind)
                many = not isinstance(refs, str)
                for i, ref in enumerate([refs] if isinstance(refs, str) else refs):
                    if ref not in target:
                        where = f"{field_name}[{i}]" if many else field_name
                        out.append(item_problem(catalog, kind, item.id, where, f"unknown {target.kind} {quoted(ref)}"))
    return out


def _inconsistent(catalog: Catalog) -> list[Problem]:
    out = []
    for a in catalog.archetypes:
        both = sorted(set(a.strong_blocks) & set(a.chasm.blocks))
        if both:
            message = f"{', '.join(both)} cannot be both a strength and in the chasm"
            out.append(item_problem(catalog, "archetypes", a.id, "chasm.blocks", message))
    for b in catalog.blocks:
        worded: list[tuple[str, Block | BlockVariant]] = [("", b)]
        worded += [(f"variants[{i}].", v) for i, v in enumerate(b.variants)]
        for where, item in worded:
            if item.outcome and not item.outcome_measure:
                message = "an outcome needs its outcome_measure: how the scorecard measures it, with no citation"
                out.append(item_problem(catalog, "blocks", b.id, f"{where}outcome_measure", message))
    for r in catalog.rules:
        allowed = _CHASM_GAP_PLACEHOLDERS if r.for_each == "chasm-gap" else _RULE_PLACEHOLDERS
        if r.when.dissent:  # who disagreed on what is only known when the rule needs dissent
            allowed = allowed | {"dissent"}
        for name in ("title", "why", "action"):
            for placeholder in _PLACEHOLDER.findall(getattr(r, name)):
                if placeholder not in allowed:
                    names = ", ".join(f"{{{p}}}" for p in sorted(allowed))
                    message = f"unknown placeholder {{{placeholder}}}; allowed: {names}"
                    out.append(item_problem(catalog, "rules", r.id, name, message))
    aliases: dict[str, str] = {}
    for line in catalog.reporting_lines:
        for alias in line.aliases:
            key = normalise_title(alias)
            if aliases.get(key, line.id) != line.id:
                message = f"alias {quoted(alias)} is also an alias of {quoted(aliases[key])}"
                out.append(item_problem(catalog, "reporting_lines", line.id, "aliases", message))
            aliases[key] = line.id
    return out


def _inconsistent_context(catalog: Catalog) -> list[Problem]:
    out = []
    for sector in catalog.sectors:
        listed = [*sector.typical, *sector.possible, *sector.unsuited]
        twice = sorted({a for a in listed if listed.count(a) > 1})
        if twice:
            message = f"{', '.join(twice)} can be in only one of typical, possible and unsuited"
            out.append(item_problem(catalog, "sectors", sector.id, "typical", message))
    for priority in catalog.priorities:
        both = sorted(set(priority.primary) & set(priority.secondary))
        if both:
            message = f"{', '.join(both)} cannot be both primary and secondary"
            out.append(item_problem(catalog, "priorities", priority.id, "secondary", message))
    if catalog.sectors and DEFAULT_SECTOR not in catalog.sectors:
        out.append(Problem("catalog", f"the sectors must include {DEFAULT_SECTOR!r}, the profile's default"))
    return out


def cross_checks(catalog: Catalog) -> list[Problem]:
    """Every problem across the catalog's items, one per dangling id or disagreement."""
    from jdgen.data.pack_checks import pack_checks  # that module imports this one

    return _dangling(catalog) + _inconsistent(catalog) + _inconsistent_context(catalog) + pack_checks(catalog)
