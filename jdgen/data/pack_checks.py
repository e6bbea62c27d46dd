"""The role pack's catalog checks: rights under every authority model, the CCO in every decision, lawful questions.

Run with the other cross-checks (`jdgen.data.catalog_checks`) on every catalog, so a question
from a ``--catalog`` overlay is held to the same rule as a built-in one.
"""

from __future__ import annotations

from typing import get_args

from jdgen.common.errors import Problem
from jdgen.data.catalog import Catalog
from jdgen.data.catalog_checks import item_problem
from jdgen.data.fields import Authority
from jdgen.data.protected_topics import protected_topics

#: The role whose part every decision of the charter must name.
CCO = "cco"
AUTHORITIES: tuple[str, ...] = get_args(Authority)


def _rights_complete(catalog: Catalog) -> list[Problem]:
    out = []
    for decision in catalog.decisions:
        missing = [a for a in AUTHORITIES if a not in decision.rights]
        if missing:
            message = (
                f"no rights for the {', '.join(missing)} authority model (give all three: {', '.join(AUTHORITIES)})"
            )
            out.append(item_problem(catalog, "decisions", decision.id, "rights", message))
        every = [*decision.rights.items(), *decision.archetypes.items()]
        for key, rights in every:
            if CCO in catalog.roles and CCO not in rights.roles():
                message = "the CCO has no part in it: name the CCO as recommend, agree, perform, input or decide"
                out.append(item_problem(catalog, "decisions", decision.id, f"rights.{key}", message))
        for key, rights in every:
            for part in ("recommend", "decide"):
                role = catalog.roles.by_id.get(getattr(rights, part))
                lacking = sorted(set(role.sectors_except) - set(decision.sectors_except)) if role else []
                if role is not None and lacking:
                    message = (
                        f"the {part} role {role.id!r} does not exist in {', '.join(lacking)}; "
                        "add those sectors to the decision's sectors_except"
                    )
                    out.append(item_problem(catalog, "decisions", decision.id, f"rights.{key}.{part}", message))
    for role in catalog.roles:
        for i, key in enumerate(role.under_cco):
            if key not in AUTHORITIES and key not in catalog.archetypes:
                message = f"unknown authority model or archetype {key!r}; use one of {', '.join(AUTHORITIES)} or an archetype id"
                out.append(item_problem(catalog, "roles", role.id, f"under_cco[{i}]", message))
    for forum in catalog.forums:
        missing = [a for a in AUTHORITIES if a not in forum.chair]
        if missing:
            message = (
                f"no chair for the {', '.join(missing)} authority model (give all three: {', '.join(AUTHORITIES)})"
            )
            out.append(item_problem(catalog, "forums", forum.id, "chair", message))
    return out


def _unlawful_questions(catalog: Catalog) -> list[Problem]:
    out = []
    asked = [
        *(
            ("competency_questions", q.id, f"questions[{i}].ask", x.ask)
            for q in catalog.competency_questions
            for i, x in enumerate(q.questions)
        ),
        *(("block_probes", p.id, "ask", p.ask) for p in catalog.block_probes),
        *(("reference_questions", q.id, "ask", q.ask) for q in catalog.reference_questions),
    ]
    for kind, ident, where, text in asked:
        for topic, words in protected_topics(text):
            message = f"asks about {topic} ({words!r}), which an interview must not touch; reword the question"
            out.append(item_problem(catalog, kind, ident, where, message))
    return out


def pack_checks(catalog: Catalog) -> list[Problem]:
    """Every problem of the role pack's entries (the ids they name are checked with the rest)."""
    return _rights_complete(catalog) + _unlawful_questions(catalog)
