"""The measures a posting is checked on, and their thresholds.

`LintConfig` holds the thresholds, `Metrics` what was measured, and `measure_findings` says
which measures cross their thresholds. A measure is compared as it is stored, rounded to
`DECIMALS` places (`measured`), and written with as many (`shown`), beside its threshold
written exactly (`limit`): the report never prints "reading ease 40 (below 40)" for 39.6.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator

from jdgen.common.errors import InputError
from jdgen.data.fields import Frozen
from jdgen.data.validation import load_model
from jdgen.postings.findings import Finding, Match
from jdgen.postings.suppressions import SuppressRule
from jdgen.postings.wordlists import GenderVerdict

#: Where the default thresholds come from (see the README's "Posting checks").
LENGTH_SOURCE = (
    "Textio: 300-700 words is the sweet spot; Appcast: applications per click peak at 4,000-5,000 characters "
    "(about 700-850 words); Paycor: apply rates fall below 300 and above 700 words"
)
READABILITY_SOURCE = (
    "Flesch (1948) reading ease and Kincaid et al. (1975) grade, computed by textstat; AdGrader aims for a reading "
    "ease of 60 or more, Ongig for grade 8 or lower, Paycor for 8-13 words per sentence (general postings)"
)
REQUIREMENTS_SOURCE = (
    "Ongig: no more than 7 requirement bullets; an Indeed survey found 63% did not apply because they felt they "
    "lacked the requirements (secondary source)"
)

#: The decimal places a measure of a fractional kind (reading ease, grade, words per sentence)
#: is kept, compared and shown with.
DECIMALS = 1


def measured(value: float) -> float:
    """A fractional measure as it is kept and compared: rounded to `DECIMALS` places."""
    return round(float(value), DECIMALS)


def shown(value: float) -> str:
    """A fractional measure as the reports write it: ``39.6``, ``40.0``; the value it was compared as."""
    return f"{measured(value):.{DECIMALS}f}"


def limit(value: float) -> str:
    """A threshold as the reports write it: exactly as set, without a trailing ``.0`` (``40``, ``12.05``)."""
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    return text.removesuffix(".0")


class LintConfig(Frozen):
    """The thresholds of the posting checks. Defaults suit an executive posting.

    The length band widens Textio's 300-700 words to 900 at the top, inside Appcast's peak of
    4,000-5,000 characters, because an executive posting also states a mandate, an authority
    model and measures of success. The readability targets in the sources (reading ease 60 or
    more, grade 8, 8-13 words per sentence) are written for postings of every level; a CCO
    posting names functions and measures ("net revenue retention", "first-contact resolution")
    that no rewrite turns into short words, so the defaults sit one Flesch band lower: a reading
    ease of 40 (Flesch's "difficult" band, 30-50, read comfortably by college graduates), grade
    12 at most, and sentences of 15 words on average at most, which still flags the long,
    clause-heavy sentences that make a JD hard to scan on a phone.
    """

    min_words: int = Field(default=300, ge=0, description="Fewest words of the posting.")
    max_words: int = Field(default=900, ge=1, description="Most words of the posting.")
    min_reading_ease: float = Field(
        default=40.0, allow_inf_nan=False, description="Lowest Flesch reading ease (0-100, higher is easier)."
    )
    max_grade: float = Field(default=12.0, allow_inf_nan=False, description="Highest Flesch-Kincaid grade level.")
    max_sentence_words: float = Field(
        default=15.0, gt=0, allow_inf_nan=False, description="Most words per sentence, on average."
    )
    max_requirements: int = Field(default=7, ge=0, description="Most must-have requirements.")
    suppress: tuple[SuppressRule, ...] = Field(
        default=(), description="Findings accepted, each with a reason (see jdgen.postings.suppressions)."
    )

    @model_validator(mode="after")
    def _band(self) -> LintConfig:
        if self.min_words > self.max_words:
            raise ValueError(f"min_words ({self.min_words}) is above max_words ({self.max_words})")
        return self


def load_lint_config(path: Path, base: LintConfig | None = None) -> LintConfig:
    """Thresholds from a YAML mapping (any subset of `LintConfig`'s fields) over `base`.

    Raises:
        InputError: the file is missing, not YAML, or sets an unknown or invalid threshold.
    """
    return load_model(
        path,
        LintConfig,
        InputError,
        "expected a mapping of thresholds, e.g. `max_words: 700`",
        base=(base or LintConfig()).model_dump(),
    )


class Metrics(Frozen):
    """What the checks measured."""

    words: int = Field(description="Words of the text (markup left out).")
    characters: int = Field(description="Characters of the text, spaces included (markup left out).")
    sentences: int = Field(description="Sentences of the prose (headings left out), as textstat counts them.")
    words_per_sentence: float
    reading_ease: float = Field(description="Flesch reading ease: 0-100, higher is easier.")
    grade: float = Field(description="Flesch-Kincaid grade level.")
    requirements: int | None = Field(description="Must-have requirements; None when no requirements section was found.")
    masculine: int = Field(description="Masculine-coded words (each occurrence).")
    feminine: int = Field(description="Feminine-coded words (each occurrence).")
    gender_verdict: GenderVerdict = Field(description="gender-decoder's verdict on the two counts.")
    masculine_words: tuple[Match, ...] = Field(default=(), description="Where each masculine-coded word is.")
    feminine_words: tuple[Match, ...] = Field(default=(), description="Where each feminine-coded word is.")


def measure_findings(metrics: Metrics, config: LintConfig) -> list[Finding]:
    """The findings of the measures that cross their thresholds: length, readability, must-haves.

    Each names the measure as it was compared (see `shown`) beside its threshold (see `limit`).
    """
    findings: list[Finding] = []
    if metrics.words < config.min_words or metrics.words > config.max_words:
        short = metrics.words < config.min_words
        findings.append(
            Finding(
                check="length",
                level="warning",
                message=f"Length: {metrics.words} words, {'below' if short else 'above'} the "
                f"{config.min_words}-{config.max_words} band ({metrics.characters:,} characters)",
                advice="Add what a candidate needs to decide: the mandate, the measures of success, pay and how to apply."
                if short
                else "Keep the posting to the mandate, the main responsibilities, the must-haves and pay; move the rest "
                "to the internal edition or the interview pack.",
                source=LENGTH_SOURCE,
            )
        )
    problems = []
    prose = metrics.sentences > 0  # headings only: nothing to read
    if prose and metrics.reading_ease < config.min_reading_ease:
        problems.append(f"reading ease {shown(metrics.reading_ease)} (below {limit(config.min_reading_ease)})")
    if prose and metrics.grade > config.max_grade:
        problems.append(f"grade {shown(metrics.grade)} (above {limit(config.max_grade)})")
    if prose and metrics.words_per_sentence > config.max_sentence_words:
        problems.append(
            f"{shown(metrics.words_per_sentence)} words per sentence (above {limit(config.max_sentence_words)})"
        )
    if problems:
        findings.append(
            Finding(
                check="readability",
                level="warning",
                message="Readability: " + "; ".join(problems),
                advice="Split long sentences, prefer short common words, and put one idea in each bullet.",
                source=READABILITY_SOURCE,
            )
        )
    if metrics.requirements is not None and metrics.requirements > config.max_requirements:
        findings.append(
            Finding(
                check="requirements",
                level="warning",
                message=f"Requirements: {metrics.requirements} must-haves (more than {config.max_requirements})",
                advice="Keep the must-haves the job cannot be done without; move the rest under a 'nice to have' heading "
                "or drop them. Long lists put off qualified people, women more than men.",
                source=REQUIREMENTS_SOURCE,
            )
        )
    return findings
