"""What a posting check finds, as data: the finding, its level, and where its words occur."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jdgen.data.fields import Frozen

LintLevel = Literal["info", "warning"]


class Match(Frozen):
    """Where a flagged word or phrase occurs in the text that was checked."""

    text: str = Field(description="The words as they appear in the text.")
    term: str = Field(description="The list entry that matched: a stem, a word or a phrase.")
    line: int = Field(description="1-based line number.")
    column: int = Field(description="1-based column (characters) within the line.")
    offset: int = Field(description="0-based character offset from the start of the text.")


class Finding(Frozen):
    """One result of a posting check: what was found, how much it matters and on whose word."""

    check: str = Field(
        description="The check: gender-coded, pronoun, cliche, length, readability, requirements, pay-transparency or jsonld."
    )
    level: LintLevel = Field(description="info: worth a look; warning: fix before posting (`--strict` fails).")
    message: str = Field(description="One line saying what was found.")
    advice: str | None = Field(default=None, description="What to do about it.")
    source: str | None = Field(default=None, description="The research or law the check rests on.")
    matches: tuple[Match, ...] = ()
