"""The board's documents as data: the comparison of archetypes and the executive team's readiness report."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jdgen.data.fields import DEFAULT_LANGUAGE, Frozen
from jdgen.decide.results import AuthorityRef, ChasmWarning, Readiness, SourceRef

CellStatus = Literal["strength", "added", "lacks", "outside"]


class MatrixCell(Frozen):
    """What one archetype brings to one needed block."""

    archetype: str
    status: CellStatus = Field(
        description="strength: the archetype brings it; added: covered only because the JD adds it; "
        "lacks: in its execution chasm; outside: neither in its JD nor among its strengths or chasm."
    )
    in_jd: bool = Field(description="Whether this archetype's JD includes the block.")


class MatrixRow(Frozen):
    """A block the company needs, and each compared archetype's cell."""

    block: str
    title: str
    need: Literal["gap", "core"] = Field(
        description="gap: closes a readiness gap; core: core to at least one compared archetype."
    )
    closes: tuple[str, ...] = Field(description="Titles of the gaps this block closes.")
    cells: tuple[MatrixCell, ...]


class MatrixDomain(Frozen):
    """The matrix rows of one domain, in catalog order."""

    id: str
    title: str
    rows: tuple[MatrixRow, ...]


class FitPart(Frozen):
    """One part of an archetype's fit score: points out of its maximum, and why."""

    id: Literal["gaps", "sector", "priorities", "risks"]
    name: str
    points: int
    max: int
    reason: str


class Fit(Frozen):
    """An archetype's place in the fit ranking (the model in jdgen.decide.fit)."""

    rank: int
    archetype: str
    name: str
    score: int = Field(description="0–100: the sum of the parts' points.")
    parts: tuple[FitPart, ...] = Field(description="Gaps, sector, priorities and risks, each with its points.")
    sector_fit: Literal["typical", "possible", "unusual", "unsuited"] = Field(
        description="How common the archetype is in the company's sector; unsuited ranks below every other."
    )
    coverage: int = Field(description="0–100: the weighted share of gap blocks the archetype brings as strengths.")
    risk: int = Field(description="Points the risks part lost to the warnings that fire for this archetype alone.")
    strengths_on_gaps: tuple[str, ...] = Field(description="Titles of the gap blocks it brings as strengths.")
    reasons: tuple[str, ...] = Field(description="Why this score, one line per part.")


class BoardOption(Frozen):
    """One course the board can take, with what it needs to succeed."""

    kind: Literal["archetype", "alternative"]
    id: str
    name: str
    summary: str
    conditions: tuple[str, ...]


class Recommendation(Frozen):
    """What the comparison recommends: a best fit, options without one, or nothing to go on."""

    kind: Literal["best-fit", "options", "none"]
    archetype: str | None = Field(description="The best fit's archetype id; None unless kind is best-fit.")
    headline: str
    reasons: tuple[str, ...]
    risks: tuple[str, ...] = Field(description="The top risks, by title, worst first.")
    options: tuple[BoardOption, ...] = Field(description="The best fit first, or the options when there is none.")


class WeakSpot(Frozen):
    """A company gap whose closing work falls in the archetype's execution chasm."""

    statement: str
    title: str = Field(description="The gap's statement title.")
    blocks: tuple[str, ...] = Field(description="Titles of the closing blocks the archetype typically lacks.")
    warning: str = Field(description="Id of the warning this raises.")


class ArchetypeSummary(Frozen):
    """One compared archetype: reporting line, authority, strengths, chasm and its warnings."""

    id: str
    name: str
    summary: str
    reports_to: str
    dotted_lines: tuple[str, ...]
    key_peers: tuple[str, ...] = ()
    authority: AuthorityRef
    strengths: tuple[str, ...]
    lacks: tuple[str, ...]
    chasm: str
    chasm_inferred: bool = Field(description="True when this chasm is our reading of the sources, not stated by them.")
    warnings: tuple[ChasmWarning, ...] = Field(
        description="The warnings that fire for it and not for every archetype (per-gap ones included)."
    )
    weak_spots: tuple[WeakSpot, ...] = Field(description="The company's gaps that fall in its chasm.")
    sources: tuple[str, ...]


class Comparison(Frozen):
    """The board's side-by-side comparison of archetypes for one company."""

    company: str | None
    industry: str | None
    language: str = Field(default=DEFAULT_LANGUAGE, description="The document's language (BCP 47), from the profile.")
    readiness: Readiness | None
    archetypes: tuple[ArchetypeSummary, ...]
    matrix: tuple[MatrixDomain, ...]
    organization: str = Field(
        default="the company", description="How the paper names the employer: the company, the agency."
    )
    sector: str = Field(description="The company's sector, by name.")
    priorities: tuple[str, ...] = Field(description="The problems the role is hired to solve, by name.")
    recommendation: Recommendation
    ranking: tuple[Fit, ...] = Field(description="Best fit first.")
    scoring: tuple[str, ...] = Field(description="The scoring rule, in words, with its weights.")
    shared_warnings: tuple[ChasmWarning, ...] = Field(
        description="Warnings on the readiness answers alone: they fire whichever archetype is chosen."
    )
    sources: tuple[SourceRef, ...]


# --- the readiness report ------------------------------------------------------------------


class ReadinessReport(Frozen):
    """The executive team's readiness report: verdict, statements, gaps, dissent, next steps."""

    company: str | None
    language: str = Field(default=DEFAULT_LANGUAGE, description="The document's language (BCP 47), from the profile.")
    readiness: Readiness
    warnings: tuple[ChasmWarning, ...] = Field(description="Warnings on the answers alone, before any archetype.")
    next_steps: tuple[str, ...]
    sources: tuple[SourceRef, ...]
