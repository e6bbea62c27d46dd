"""The decision-rights charter: who decides what among the CCO and its peers, and where they meet.

For each recurring customer decision, one role decides and is accountable, one recommends, and
the others agree, perform or give input (Bain's RAPID; Rogers & Blenko, HBR 2006). The rights
follow the JD's authority model (an advisory CCO recommends where an operational one decides) and,
where the catalog says so, its archetype. The forums of the governance calendar close it (after
Bliss on role clarity and accountability forums).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jdgen.data.catalog import Catalog
from jdgen.data.input_models import Profile
from jdgen.decide.compose import source_refs
from jdgen.decide.pack import CCO, Context, name, names, pack_context
from jdgen.decide.pack_results import Charter, CharterRow, ForumOut
from jdgen.decide.results import JobDescription


def charter(catalog: Catalog, jd: JobDescription, profile: Profile | Mapping[str, Any] | None = None) -> Charter:
    """The charter for the role `jd` describes (internal edition; `profile` as `jd` was composed with)."""
    return make_charter(pack_context(catalog, jd, profile))


def make_charter(context: Context) -> Charter:
    """The charter, from a pack context."""
    catalog, jd = context.catalog, context.jd
    rows = []
    for decision in catalog.decisions:
        if context.sector in decision.sectors_except:
            continue
        rights = context.rights(decision)
        rows.append(
            CharterRow(
                id=decision.id,
                decision=context.say(decision.title),
                recommend=name(context, rights.recommend) if rights.recommend != rights.decide else None,
                agree=names(context, rights.agree),
                perform=names(context, rights.perform),
                input=names(context, rights.input),
                decide=name(context, rights.decide),
                cco_decides=rights.decide == CCO,
            )
        )
    in_jd = {b.id for b in jd.blocks}
    forums = tuple(
        ForumOut(
            title=context.say(f.title),
            cadence=f.cadence,
            chair=name(context, f.chair[jd.authority.id]),
            attendees=names(context, f.attendees),
            decides=context.say(f.decides),
        )
        for f in catalog.forums
        if (not f.blocks or in_jd & set(f.blocks)) and context.sector not in f.sectors_except
    )
    used = [
        *context.method_sources("charter"),
        *(s for d in catalog.decisions for s in d.sources),
        *(s for f in catalog.forums for s in f.sources),
    ]
    return Charter(role=context.header(), decisions=tuple(rows), forums=forums, sources=source_refs(catalog, used))
