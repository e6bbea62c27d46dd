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

from jdgen.common.errors import InputError
from jdgen.data.catalog import Catalog
from jdgen.data.catalog_models import Term
from jdgen.data.input_models import Profile
from jdgen.decide.compose import as_profile
from jdgen.decide.pack_results import Charter, InterviewKit, PackHeader, Scorecard
from jdgen.decide.results import IncludedBlock, JobDescription
from jdgen.decide.vocabulary import speak, terms_for

#: The evidence the pack's method rests on, cited by every pack document.
METHOD_SOURCES: dict[str, tuple[str, ...]] = {
    "scorecard": ("smart-street-who-2008", "a16z-hiring-process-2023"),
    "interview": (
        "schmidt-hunter-1998",
        "sackett-et-al-2022",
        "smart-street-who-2008",
        "eeoc-prohibited-practices",
        "uk-equality-act-2010-s4",
    ),
    "charter": ("rogers-blenko-2006", "bliss-ceo-role-clarity"),
}


@dataclass(frozen=True)
class Context:
    """What every pack document is made from: the catalog, the JD and the sector's words."""

    catalog: Catalog
    jd: JobDescription
    terms: tuple[Term, ...]
    sector: str

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

    def method_sources(self, document: str) -> tuple[str, ...]:
        """The method's sources that this catalog has (an overlay may leave some out)."""
        return tuple(s for s in METHOD_SOURCES[document] if s in self.catalog.sources)


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
    return Context(catalog, jd, terms_for(catalog, prof), prof.sector)


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


def names(context: Context, role_ids: Sequence[str]) -> tuple[str, ...]:
    """The titles of the roles the sector has, as the sector names them."""
    roles = context.catalog.roles
    return tuple(roles[r].title_in(context.sector) for r in role_ids if present(context, r))
