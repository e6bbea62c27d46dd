"""The role pack: the scorecard, the interview kit and the charter made from one job description.

Each document is made from the JD it follows (`compose` output, internal edition: it needs the
readiness gaps) and the catalog's pack entries (questions, probes, decisions, forums, the year
plan), in the words of the profile's sector. The JD decides the archetype, its blocks, its
competencies and its authority model; the pack never contradicts it.

    jd = compose(catalog, "service-led", answers, profile)
    pack = role_pack(catalog, jd, profile)      # pack.scorecard, pack.interview, pack.charter
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jdgen.common.countries import country_code
from jdgen.common.errors import InputError
from jdgen.data.catalog import Catalog, normalise_title
from jdgen.data.catalog_models import Term
from jdgen.data.input_models import Profile
from jdgen.data.pack_models import Decision, Rights
from jdgen.decide.compose import as_profile
from jdgen.decide.pack_results import Charter, InterviewKit, PackHeader, Scorecard
from jdgen.decide.results import IncludedBlock, JobDescription
from jdgen.decide.vocabulary import speak, terms_for

#: The evidence the pack's method rests on, cited by every pack document.
METHOD_SOURCES: dict[str, tuple[str, ...]] = {
    "scorecard": ("smart-street-who-2008", "a16z-hiring-process-2023"),
    "interview": ("schmidt-hunter-1998", "sackett-et-al-2022", "smart-street-who-2008"),
    "charter": ("rogers-blenko-2006", "bliss-ceo-role-clarity"),
}
#: The law on what an interview may not ask, by the country of the job (ISO code); both where none is given.
LAW_SOURCES: dict[str, tuple[str, ...]] = {"US": ("eeoc-prohibited-practices",), "GB": ("uk-equality-act-2010-s4",)}


#: The catalog's role for whoever the JD's role reports to.
MANAGER = "manager"
#: The catalog's role for the CCO.
CCO = "cco"


@dataclass(frozen=True)
class Context:
    """What every pack document is made from: the catalog, the JD and the sector's words."""

    catalog: Catalog
    jd: JobDescription
    terms: tuple[Term, ...]
    sector: str
    country: str | None = None

    def say(self, text: str) -> str:
        """Catalog text in the sector's words (the JD's own text is already in them)."""
        return speak(text, self.terms)

    def header(self) -> PackHeader:
        """The role every pack document is for."""
        jd = self.jd
        return PackHeader(
            title=jd.title,
            company=jd.company,
            organization=jd.organization,
            archetype=jd.archetype,
            authority=jd.authority,
            reports_to=jd.reports_to,
            language=jd.language,
        )

    def lacking(self) -> tuple[IncludedBlock, ...]:
        """The JD's blocks that lie in the archetype's execution chasm ("Lacks; in JD" in the comparison)."""
        chasm = set(self.catalog.archetypes[self.jd.archetype.id].chasm.blocks)
        return tuple(b for b in self.jd.blocks if b.id in chasm)

    def weak_spots(self) -> tuple[str, ...]:
        """The archetype's chasm blocks: those in the JD first, then the rest, in catalog order."""
        chasm = self.catalog.archetypes[self.jd.archetype.id].chasm.blocks
        in_jd = {b.id for b in self.jd.blocks}
        return tuple(sorted(chasm, key=lambda b: b not in in_jd))

    def role(self, role_id: str) -> str:
        """The role id as this company has it: the CCO's manager becomes the role of the JD's reporting line."""
        if role_id != MANAGER:
            return role_id
        line = self.catalog.reporting_titles.get(normalise_title(self.jd.reports_to))
        if line is not None:
            for role in self.catalog.roles:
                if line.id in role.reporting_lines:
                    return role.id
        return MANAGER

    def rights(self, decision: Decision) -> Rights:
        """A decision's rights for this role, with the manager resolved and nobody agreeing with or advising themself."""
        rights = decision.rights_for(self.jd.archetype.id, self.jd.authority.id)
        decide = self.role(rights.decide)

        def others(ids: Sequence[str], *, keep_decider: bool = False) -> tuple[str, ...]:
            resolved = (self.role(r) for r in ids)
            return tuple(dict.fromkeys(r for r in resolved if keep_decider or r != decide))

        return Rights(
            recommend=self.role(rights.recommend),
            agree=others(rights.agree),
            perform=others(rights.perform, keep_decider=True),
            input=others(rights.input),
            decide=decide,
        )

    def under_cco(self, role_id: str) -> bool:
        """Whether the role's team answers to this CCO (an operational CCO runs the service teams)."""
        under = self.catalog.roles[role_id].under_cco
        return self.jd.authority.id in under or self.jd.archetype.id in under

    def method_sources(self, document: str) -> tuple[str, ...]:
        """The method's sources that this catalog has (an overlay may leave some out), with the interview's law."""
        ids = METHOD_SOURCES[document]
        if document == "interview":
            law = LAW_SOURCES.get(self.country or "") or tuple(s for laws in LAW_SOURCES.values() for s in laws)
            ids = (*ids, *law)
        return tuple(s for s in ids if s in self.catalog.sources)


def pack_context(catalog: Catalog, jd: JobDescription, profile: Profile | Mapping[str, Any] | None = None) -> Context:
    """The context of `jd`'s pack; `profile` gives the sector's words (the one `jd` was composed with).

    Raises:
        InputError: `jd` is the posting edition, which has lost the gaps the pack is made from.
    """
    if jd.edition != "internal":
        raise InputError(
            "the role pack is made from the internal edition of the JD (compose's output), not the posting"
        )
    prof = as_profile(profile)
    country = prof.location.country if prof.location else None
    return Context(catalog, jd, terms_for(catalog, prof), prof.sector, country_code(country) if country else None)


#: The pack's documents, by the attribute of `RolePack` that holds each, in the order they are written.
PACK_DOCUMENTS = ("scorecard", "interview", "charter")


@dataclass(frozen=True)
class RolePack:
    """The three documents that follow a JD."""

    scorecard: Scorecard
    interview: InterviewKit
    charter: Charter


def role_pack(catalog: Catalog, jd: JobDescription, profile: Profile | Mapping[str, Any] | None = None) -> RolePack:
    """The scorecard, interview kit and charter for `jd` (see `scorecard`, `interview_kit`, `charter`)."""
    from jdgen.decide.charter import make_charter
    from jdgen.decide.interview_kit import make_interview_kit
    from jdgen.decide.scorecard import make_scorecard

    context = pack_context(catalog, jd, profile)
    return RolePack(make_scorecard(context), make_interview_kit(context), make_charter(context))


def present(context: Context, role_id: str) -> bool:
    """Whether the sector has this role (an agency has no sales leader)."""
    return context.sector not in context.catalog.roles[role_id].sectors_except


def name(context: Context, role_id: str) -> str:
    """A role's title as the sector names it; the CCO's manager by the JD's reporting line."""
    role_id = context.role(role_id)
    if role_id == MANAGER:
        return context.jd.reports_to
    return context.catalog.roles[role_id].title_in(context.sector)


def names(context: Context, role_ids: Sequence[str]) -> tuple[str, ...]:
    """The titles of the roles the sector has, each once, as the sector names them."""
    ids = dict.fromkeys(context.role(r) for r in role_ids)
    return tuple(name(context, r) for r in ids if r == MANAGER or present(context, r))
