"""Readiness: turn answers to the readiness statements into gaps and a verdict.

The rule (also in the README):

- yes counts 1, partial 0.5, no 0; unknown (or unanswered) is left out.
- score = 100 × (yes + 0.5 × partial) / known answers, rounded; none when nothing is known.
- a gap is a statement answered partial or no; it pulls in the blocks that close it.
- band, first match wins:
  - ``inconclusive`` when fewer than `MIN_KNOWN` statements have a known answer;
  - ``well-adjusted`` (the role may not be needed) when at most `WELL_ADJUSTED_MAX_GAPS` gap
    and at least `WELL_ADJUSTED_MIN_KNOWN` known answers;
  - ``strong-mandate`` when the score is at most `STRONG_MANDATE_MAX_SCORE`;
  - ``emerging-need`` otherwise.
"""

from __future__ import annotations

from jdgen.catalog import Catalog
from jdgen.models import Answers, AnswerValue, Band
from jdgen.results import Gap, Readiness, StatementAnswer

MIN_KNOWN = 6
WELL_ADJUSTED_MAX_GAPS = 1
WELL_ADJUSTED_MIN_KNOWN = 9
STRONG_MANDATE_MAX_SCORE = 50

BAND_LABELS: dict[Band, str] = {
    "strong-mandate": "Strong mandate for a CCO",
    "emerging-need": "Emerging need for a CCO",
    "well-adjusted": "Well adjusted: the role may not be needed",
    "inconclusive": "Inconclusive: too many unknown answers",
}

_WEIGHT: dict[AnswerValue, float] = {"yes": 1.0, "partial": 0.5, "no": 0.0}


def _titles(items: list[StatementAnswer]) -> str:
    return "; ".join(i.title for i in items)


def assess(catalog: Catalog, answers: Answers) -> Readiness:
    """Score the answers against the catalog's statements.

    Args:
        catalog: the loaded catalog (its statements, in order).
        answers: the answers; statements not answered count as unknown.

    Returns:
        The `Readiness`: band, score, reasons, counts, every answer, and the gaps in statement order.
    """
    rows = [
        StatementAnswer(statement=s.id, title=s.title, answer=answers.answers.get(s.id, "unknown"))
        for s in catalog.statements
    ]
    counts: dict[AnswerValue, int] = {"yes": 0, "partial": 0, "no": 0, "unknown": 0}
    for row in rows:
        counts[row.answer] += 1
    known = len(rows) - counts["unknown"]
    score = round(100 * sum(_WEIGHT[r.answer] for r in rows if r.answer != "unknown") / known) if known else None
    gaps = tuple(
        Gap(
            statement=r.statement,
            title=r.title,
            answer=r.answer,
            finding=catalog.statements[r.statement].gap,
            blocks=catalog.statements[r.statement].closes,
        )
        for r in rows
        if r.answer in ("partial", "no")
    )

    band: Band
    if known < MIN_KNOWN:
        band = "inconclusive"
    elif len(gaps) <= WELL_ADJUSTED_MAX_GAPS and known >= WELL_ADJUSTED_MIN_KNOWN:
        band = "well-adjusted"
    elif score is not None and score <= STRONG_MANDATE_MAX_SCORE:
        band = "strong-mandate"
    else:
        band = "emerging-need"

    reasons = [
        f"Score {score if score is not None else '–'}/100 from {known} of {len(rows)} statements with a known answer."
    ]
    for value, label in (("no", "answered no"), ("partial", "answered partial"), ("unknown", "unknown")):
        matching = [r for r in rows if r.answer == value]
        if matching:
            reasons.append(f"{len(matching)} {label}: {_titles(matching)}.")
    if band == "inconclusive":
        reasons.append(f"At least {MIN_KNOWN} known answers are needed for a verdict.")
    elif band == "well-adjusted":
        reasons.append("Almost every statement holds: the company may align without a dedicated CCO.")
    elif band == "strong-mandate":
        reasons.append("Most of the groundwork is missing: a customer leadership executive has a clear mandate.")
    else:
        reasons.append("Some of the groundwork is missing: the gaps below set the role's early priorities.")

    return Readiness(
        band=band,
        label=BAND_LABELS[band],
        score=score,
        reasons=tuple(reasons),
        counts=counts,
        answers=tuple(rows),
        gaps=gaps,
    )
