"""Readiness: turn the answers of one or many respondents into gaps and a verdict.

The rule (also in the README):

- Per statement, each respondent answers yes, partial, no or unknown (a statement left out
  counts as unknown). The **consensus** is the middle of the known answers on the scale
  no < partial < yes; with an even number, the lower of the two middle ones (an even split
  counts against the statement). Unknown answers are left out; when every answer is unknown,
  the consensus is unknown.
- **Dissent**: some respondents answer yes and others no. The executives are not aligned on
  that statement, so it cannot be said to hold: its consensus is at most partial. Dissent
  raises a warning naming the statements and who stood on each side.
- yes counts 1, partial 0.5, no 0; unknown is left out.
- the **groundwork score** = 100 × (yes + 0.5 × partial) / known answers, rounded; none when
  nothing is known. It says how much of the groundwork is already in place: 100 when every
  statement holds. A low score is no reason to wait: it means more of the work a CCO would lead
  is missing.
- a gap is a statement whose consensus is partial or no; it pulls in the blocks that close it.
  Its finding is the statement's partial or no wording; where respondents disagree, it says so
  and who stood where.
- band, first match wins:
  - ``inconclusive`` when fewer than `MIN_KNOWN` statements have a known answer;
  - ``well-adjusted`` (the role may not be needed) when at most `WELL_ADJUSTED_MAX_GAPS` gap,
    at least `WELL_ADJUSTED_MIN_KNOWN` known answers, someone owns the customer goals
    (`GOALS_OWNER` is yes: the role's core job is done) and no respondents disagree;
  - ``strong-mandate`` (a strong case to explore the role) when at least
    `STRONG_MANDATE_MIN_NO` statements are no, or the score is at most `STRONG_MANDATE_MAX_SCORE`;
  - ``emerging-need`` otherwise (all partial lands here, not with all no).

A single respondent is a survey of one: the consensus is their answer and there is no dissent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from jdgen.common.errors import InputError
from jdgen.data.catalog import Catalog
from jdgen.data.catalog_models import Statement
from jdgen.data.fields import AnswerValue, Band
from jdgen.data.input_models import Survey
from jdgen.data.inputs import AnswersInput, as_survey
from jdgen.decide.results import Gap, Note, Readiness, StatementAnswer, sides_text

MIN_KNOWN = 6
WELL_ADJUSTED_MAX_GAPS = 1
WELL_ADJUSTED_MIN_KNOWN = 9
STRONG_MANDATE_MIN_NO = 5
STRONG_MANDATE_MAX_SCORE = 35
#: The statement that someone owns the customer goals: the CCO's core job.
GOALS_OWNER = "customer-goals-owner"

# Bliss (seed 002, 2019): many "no" answers justify looking further into the role, not hiring at once.
BAND_LABELS: dict[Band, str] = {
    "strong-mandate": "Strong case to explore the role",
    "emerging-need": "Emerging case for the role",
    "well-adjusted": "Well adjusted: the role may not be needed",
    "inconclusive": "Inconclusive: too many unknown answers",
}
#: What the score is called wherever it is shown, so that it reads one way only.
SCORE_NAME = "groundwork in place"

#: Answers from weakest to strongest; unknown is not on the scale.
SCALE: tuple[AnswerValue, ...] = ("no", "partial", "yes")
ANSWER_VALUES: tuple[AnswerValue, ...] = ("yes", "partial", "no", "unknown")
_WEIGHT: dict[AnswerValue, float] = {"yes": 1.0, "partial": 0.5, "no": 0.0}
_COUNTS_AS = {
    "yes": "it holds; counts 1 toward the score",
    "partial": "a gap; counts 0.5 toward the score",
    "no": "a gap; counts 0 toward the score",
    "unknown": "left out of the score",
}


def consensus(values: Sequence[AnswerValue]) -> AnswerValue:
    """The consensus of several answers to one statement (the rule in this module's docstring).

    >>> consensus(["yes", "yes", "no"]), consensus(["yes", "no"]), consensus(["unknown"])
    ('partial', 'no', 'unknown')
    """
    known = sorted((v for v in values if v != "unknown"), key=SCALE.index)
    if not known:
        return "unknown"
    middle = known[(len(known) - 1) // 2]
    if is_dissent(known) and middle == "yes":
        return "partial"
    return middle


def is_dissent(values: Sequence[AnswerValue]) -> bool:
    """Whether some answers are yes and others no."""
    return "yes" in values and "no" in values


def _as_survey(catalog: Catalog, answers: AnswersInput) -> Survey:
    survey = as_survey(catalog, answers)
    if survey is None:
        raise InputError("no answers given")
    return survey


def respondent_labels(survey: Survey) -> list[str]:
    """How each respondent is named in findings: the role, else the name, else ``respondent N``.

    A label that two respondents share becomes ``Role (Name)``, else gets ``#N``, so the
    sides of a disagreement can always be told apart.
    """
    base = [r.who(n) for n, r in enumerate(survey.respondents, start=1)]
    shared = Counter(base)
    labels = []
    for n, (r, label) in enumerate(zip(survey.respondents, base, strict=True), start=1):
        if shared[label] > 1:
            label = f"{r.role} ({r.respondent})" if r.role and r.respondent else f"{label} #{n}"
        labels.append(label)
    return labels


def aggregate_statement(statement: Statement, survey: Survey, labels: Sequence[str] | None = None) -> StatementAnswer:
    """Aggregate every respondent's answer to one statement: consensus, split, dissent, notes."""
    people = list(zip(labels or respondent_labels(survey), survey.respondents, strict=True))
    given: list[AnswerValue] = [r.answers.get(statement.id, "unknown") for _, r in people]
    split = {v: given.count(v) for v in ANSWER_VALUES}
    sides = {v: tuple(who for (who, _), g in zip(people, given, strict=True) if g == v) for v in ANSWER_VALUES}
    answer = consensus(given)
    dissent = is_dissent(given)
    if len(people) == 1:
        reason = f"Answered {answer}: {_COUNTS_AS[answer]}."
    else:
        counted = ", ".join(f"{n} {v}" for v, n in split.items() if n)
        how = "every answer is unknown" if answer == "unknown" else "the middle known answer is taken"
        if dissent:
            how = f"respondents disagree ({sides_text(sides)}), so it counts as at most partial"
        reason = f"{len(people)} respondents ({counted}): {how}. Consensus {answer}: {_COUNTS_AS[answer]}."
    notes = tuple(Note(who=who, text=r.notes[statement.id]) for who, r in people if statement.id in r.notes)
    return StatementAnswer(
        statement=statement.id,
        title=statement.title,
        answer=answer,
        split=split,
        sides=sides,
        dissent=dissent,
        notes=notes,
        reason=reason,
    )


def aggregate(catalog: Catalog, answers: AnswersInput) -> tuple[StatementAnswer, ...]:
    """One `StatementAnswer` per catalog statement, in order, from one or many respondents."""
    survey = _as_survey(catalog, answers)
    labels = respondent_labels(survey)
    return tuple(aggregate_statement(s, survey, labels) for s in catalog.statements)


def _band(rows: Sequence[StatementAnswer], score: int | None) -> Band:
    known = sum(1 for r in rows if r.answer != "unknown")
    gaps = sum(1 for r in rows if r.answer in ("partial", "no"))
    noes = sum(1 for r in rows if r.answer == "no")
    owned = any(r.statement == GOALS_OWNER and r.answer == "yes" for r in rows)
    if known < MIN_KNOWN:
        return "inconclusive"
    aligned = not any(r.dissent for r in rows)
    if gaps <= WELL_ADJUSTED_MAX_GAPS and known >= WELL_ADJUSTED_MIN_KNOWN and owned and aligned:
        return "well-adjusted"
    if noes >= STRONG_MANDATE_MIN_NO or (score is not None and score <= STRONG_MANDATE_MAX_SCORE):
        return "strong-mandate"
    return "emerging-need"


def finding(statement: Statement, row: StatementAnswer) -> str:
    """A gap's finding as the answers support it: the partial or no wording, and any disagreement."""
    text = statement.gap_partial if row.answer == "partial" else statement.gap
    known = {v for v, n in row.split.items() if n and v != "unknown"}
    if row.dissent:
        return f"The executives disagree ({sides_text(row.sides)}). {text}"
    if len(known) > 1 or (row.split["unknown"] and sum(row.split.values()) > 1):
        counted = ", ".join(f"{n} {v}" for v, n in row.split.items() if n)
        return f"{text} (Answers: {counted}.)"
    return text


_BAND_REASONS: dict[Band, str] = {
    "inconclusive": f"At least {MIN_KNOWN} known answers are needed for a verdict.",
    "well-adjusted": (
        "Almost every statement holds, someone owns the customer goals and the executives agree: they may be "
        "able to share out the customer work without a uniting executive, so the company may not need a CCO."
    ),
    "strong-mandate": (
        "Much of the groundwork is missing. Bliss reads many no answers as a reason to look further into "
        "creating the role: a strong case to explore it, and the gaps show where its work would begin."
    ),
    "emerging-need": (
        "Some of the groundwork is missing: there is a case for the role, and the gaps below would set its "
        "early priorities."
    ),
}


def assess(catalog: Catalog, answers: AnswersInput) -> Readiness:
    """Score the answers of one respondent or many against the catalog's statements.

    Args:
        catalog: the loaded catalog (its statements, in order).
        answers: a `Survey` of several respondents, one respondent's `Answers`, or the same as
            plain data (see `jdgen.data.inputs.as_survey`); statements not answered count as unknown.

    Returns:
        The `Readiness`: band, score, reasons, counts, every statement's consensus, split and
        dissent, and the gaps in statement order.
    """
    survey = _as_survey(catalog, answers)
    rows = aggregate(catalog, survey)
    counts: dict[AnswerValue, int] = {v: 0 for v in ANSWER_VALUES}
    for row in rows:
        counts[row.answer] += 1
    known = len(rows) - counts["unknown"]
    score = round(100 * sum(_WEIGHT[r.answer] for r in rows if r.answer != "unknown") / known) if known else None
    gaps = tuple(
        Gap(
            statement=r.statement,
            title=r.title,
            answer=r.answer,
            finding=finding(catalog.statements[r.statement], r),
            blocks=catalog.statements[r.statement].closes,
            block_titles=tuple(catalog.blocks[b].title for b in catalog.statements[r.statement].closes),
        )
        for r in rows
        if r.answer in ("partial", "no")
    )
    band = _band(rows, score)
    people = len(survey.respondents)
    reasons = [
        f"Groundwork in place: {score if score is not None else '–'} of 100, from {known} of {len(rows)} "
        "statements with a known answer"
        + (f", the consensus of {people} respondents" if people > 1 else "")
        + ". 100 would mean every statement holds; a low score means more of the work a CCO would lead is missing.",
    ]
    for value, label in (("no", "answered no"), ("partial", "answered partial"), ("unknown", "unknown")):
        matching = [r.title for r in rows if r.answer == value]
        if matching:
            reasons.append(f"{len(matching)} {label}: {'; '.join(matching)}.")
    dissent = [r.title for r in rows if r.dissent]
    if dissent:
        reasons.append(f"Respondents disagree (yes against no) on {len(dissent)}: {'; '.join(dissent)}.")
    reasons.append(_BAND_REASONS[band])
    return Readiness(
        band=band,
        label=BAND_LABELS[band],
        score=score,
        reasons=tuple(reasons),
        counts=counts,
        respondents=tuple(respondent_labels(survey)),
        answers=rows,
        gaps=gaps,
    )
