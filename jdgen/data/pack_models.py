"""The role pack's catalog entries: interview questions and anchors, probes, decisions, forums, the year plan.

Each is data in ``catalog/*.yaml`` like the rest, validated and overlayable with ``--catalog``.
An entry keyed by a competency or a block carries that competency's or block's id as its `id`,
so that an overlay replaces it the same way it replaces a block.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jdgen.data.fields import Authority, Frozen, Id, Text


class BehavioralQuestion(Frozen):
    """A question about what the candidate did, with what strong and weak answers sound like."""

    ask: Text
    strong: Text = Field(description="What a strong answer sounds like.")
    weak: Text = Field(description="What a weak answer sounds like.")


class CompetencyQuestions(Frozen):
    """The interview questions for one competency, and its 1–5 rating scale (1, 3 and 5 described)."""

    id: Id = Field(description="The competency's id.")
    questions: tuple[BehavioralQuestion, ...] = Field(min_length=2, max_length=3)
    anchors: dict[Literal["1", "3", "5"], Text] = Field(
        description="What a rating of 1, 3 and 5 means; 2 and 4 lie between.", min_length=3
    )
    raters: tuple[Id, ...] = Field(
        min_length=1, description="The roles best placed to rate it, in order of preference (ids of the roles)."
    )
    sources: tuple[Id, ...] = ()


class BlockProbe(Frozen):
    """A probing question for a block the archetype typically lacks but the JD asks for."""

    id: Id = Field(description="The block's id.")
    ask: Text
    listen_for: Text = Field(description="The evidence that the candidate has done this work.")
    sources: tuple[Id, ...] = ()


class ReferenceQuestion(Frozen):
    """A question for a referee about the candidate's record on one block's work."""

    id: Id = Field(description="The block's id.")
    ask: Text
    sources: tuple[Id, ...] = ()


class Role(Frozen):
    """A role that shares the customer decisions (CEO, CFO, the board…)."""

    id: Id
    title: Text
    titles: dict[Id, Text] = Field(default_factory=dict, description="Its title in a sector that names it otherwise.")
    sectors_except: tuple[Id, ...] = Field(default=(), description="Sectors that have no such role.")
    reporting_lines: tuple[Id, ...] = Field(
        default=(),
        description="The reporting lines (catalog/reporting.yaml) that are this role, for the CCO's manager.",
    )
    under_cco: tuple[Id, ...] = Field(
        default=(),
        description="Authority models and archetypes under which this role's team answers to the CCO (no panel seat).",
    )

    def title_in(self, sector: str) -> str:
        """The role's title in a sector."""
        return self.titles.get(sector, self.title)


class Rights(Frozen):
    """Who does what in one decision (Bain's RAPID): exactly one role decides and one recommends."""

    recommend: Id
    agree: tuple[Id, ...] = ()
    perform: tuple[Id, ...] = ()
    input: tuple[Id, ...] = ()
    decide: Id = Field(description="The one role accountable for the decision.")

    def roles(self) -> tuple[Id, ...]:
        """Every role named, once, in RAPID order."""
        named = [self.recommend, *self.agree, *self.perform, *self.input, self.decide]
        return tuple(dict.fromkeys(named))


class Decision(Frozen):
    """A recurring customer decision and who holds which part of it, by authority model."""

    id: Id
    title: Text
    blocks: tuple[Id, ...] = Field(default=(), description="The blocks whose work this decision belongs to.")
    rights: dict[Authority, Rights] = Field(description="The rights under each authority model (all three).")
    archetypes: dict[Id, Rights] = Field(
        default_factory=dict, description="An archetype whose rights differ from its authority model's."
    )
    sectors_except: tuple[Id, ...] = Field(default=(), description="Sectors where the decision does not arise.")
    sources: tuple[Id, ...] = ()

    def rights_for(self, archetype: str, authority: Authority) -> Rights:
        """The rights for a role of this archetype and authority model."""
        return self.archetypes.get(archetype) or self.rights[authority]


class Forum(Frozen):
    """A forum of the governance calendar: its cadence, chair, members and what it decides."""

    id: Id
    title: Text
    cadence: Text
    chair: dict[Authority, Id] = Field(description="Who chairs it under each authority model (all three).")
    attendees: tuple[Id, ...] = Field(min_length=1)
    decides: Text
    blocks: tuple[Id, ...] = Field(default=(), description="Held only when the JD includes one of these blocks.")
    sectors_except: tuple[Id, ...] = Field(default=(), description="Sectors where the forum is not held.")
    sources: tuple[Id, ...] = ()
