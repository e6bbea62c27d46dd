"""What a candidate reads first: the posting's duties, first-year outcomes, measures and bar.

- **What you will do**: `HIGHLIGHTS_MIN`–`HIGHLIGHTS_MAX` second-person lines. Up to `GAP_SLOTS`
  blocks that close the company's readiness gaps come first, each with the challenge it meets
  (the statement's wording, said once); the archetype's core blocks fill the rest, its strengths
  first, so its own work is always there.
- **What success looks like in the first year**: the outcomes of the same blocks, gaps first,
  `OUTCOMES_MAX` at most.
- **How success is measured**: the sector's measures, then the archetype's, each once,
  `MEASURES_MAX` at most: outcome measures in plain words, never a citation.
- **The bar**: years of experience and the scale led, from the profile. Where the role is in the
  UK or the EU, whose age-discrimination rules make a number of years unwise, the line asks for
  substantial experience instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from jdgen.data.catalog_models import Archetype, Sector, Statement
from jdgen.data.input_models import Location, Profile
from jdgen.decide.results import Gap, Highlight, IncludedBlock

HIGHLIGHTS_MIN = 5
HIGHLIGHTS_MAX = 6
#: Lines the gap blocks may take, so that the archetype's own work is always in the posting.
GAP_SLOTS = 3
OUTCOMES_MAX = 3
MEASURES_MAX = 4

#: Countries where a posting should not ask for a number of years (UK Equality Act 2010; EU
#: Directive 2000/78/EC on age discrimination), by the names and codes a profile may use.
_NO_YEARS_NAMES = (
        "United Kingdom",
        "UK",
        "GB",
        "Great Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "Austria",
        "Belgium",
        "Bulgaria",
        "Croatia",
        "Cyprus",
        "Czechia",
        "Czech Republic",
        "Denmark",
        "Estonia",
        "Finland",
        "France",
        "Germany",
        "Greece",
        "Hungary",
        "Ireland",
        "Italy",
        "Latvia",
        "Lithuania",
        "Luxembourg",
        "Malta",
        "Netherlands",
        "Poland",
        "Portugal",
        "Romania",
        "Slovakia",
        "Slovenia",
        "Spain",
        "Sweden",
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "EU",
        "European Union",
)  # fmt: skip
NO_YEARS_COUNTRIES = frozenset(name.casefold() for name in _NO_YEARS_NAMES)


def _ordered(blocks: Sequence[IncludedBlock], archetype: Archetype) -> list[IncludedBlock]:
    """Up to `GAP_SLOTS` blocks that close gaps, then the archetype's core blocks, its strengths first."""

    def rank(block: IncludedBlock) -> tuple[bool, bool, bool, int]:
        core = archetype.core_blocks.index(block.id) if block.id in archetype.core_blocks else len(blocks)
        return (not block.closes, block.id not in archetype.strong_blocks, block.reason != "core", core)

    gaps = sorted((b for b in blocks if b.closes), key=rank)[:GAP_SLOTS]
    chosen = {b.id for b in gaps}  # a JD holds each block once; ids compare faster than whole models
    rest = sorted((b for b in blocks if b.id not in chosen and b.reason == "core"), key=rank)
    return [*gaps, *rest]


def challenges(gaps: Sequence[Gap], statements: Mapping[str, Statement]) -> dict[str, str]:
    """Each gap block's challenge as a posting may state it: the statement's partial or no wording.

    Never who answered what: a posting does not air the executives' disagreement.
    """
    out: dict[str, str] = {}
    for gap in gaps:
        statement = statements[gap.statement]
        text = statement.gap_partial if gap.answer == "partial" else statement.gap
        for block in gap.blocks:
            out.setdefault(block, text)
    return out


def highlights(
    blocks: Sequence[IncludedBlock], archetype: Archetype, challenge: Mapping[str, str]
) -> tuple[Highlight, ...]:
    """The posting's "What you will do": gap blocks first (with the challenge they meet), then core blocks."""
    chosen = _ordered(blocks, archetype)[:HIGHLIGHTS_MAX]
    said: set[str] = set()
    lines = []
    for n, b in enumerate(chosen):
        # The challenge is told for the gap slots only, and once: the posting stays short.
        why = challenge.get(b.id) if n < GAP_SLOTS else None
        lines.append(Highlight(block=b.id, text=b.you_will, why_here=why if why not in said else None))
        said.add(why or "")
    return tuple(lines)


def first_year(blocks: Sequence[IncludedBlock], archetype: Archetype) -> tuple[str, ...]:
    """What the first year should achieve: the outcomes of the gap blocks, then the core ones."""
    outcomes = [b.outcome for b in _ordered(blocks, archetype) if b.outcome]
    return tuple(dict.fromkeys(outcomes))[:OUTCOMES_MAX]


def measures(archetype: Archetype, sector: Sector | None) -> tuple[str, ...]:
    """The headline measures: the sector's, then the archetype's, each once."""
    listed: Iterable[str] = (*(sector.measures if sector else ()), *archetype.measures)
    return tuple(dict.fromkeys(listed))[:MEASURES_MAX]


def no_years(location: Location | None) -> bool:
    """Whether the role's country discourages asking for a number of years (UK, EU)."""
    return bool(location and location.country and location.country.strip().casefold() in NO_YEARS_COUNTRIES)


def experience_bar(profile: Profile) -> str | None:
    """The bar in one line, from the profile's experience fields; None when neither is given."""
    scale = f", including running {profile.team_scale}" if profile.team_scale else ""
    if profile.experience_years is None:
        return f"Executive experience{scale}" if scale else None
    if no_years(profile.location):
        return f"Substantial experience at executive level{scale}"
    return f"{profile.experience_years}+ years of experience, several of them at executive level{scale}"
