"""The readiness questionnaire in the terminal: one statement at a time, with going back.

It reads from standard input, so answers can be piped in (one line per answer, then one
per note). Prompts go to standard error, leaving standard output for the answers file
when ``-o -`` asks for it.
"""

from __future__ import annotations

import click

from jdgen.common.errors import InputError
from jdgen.data.catalog import Catalog
from jdgen.data.fields import XML_ILLEGAL, AnswerValue
from jdgen.data.input_models import Answers
from jdgen.data.inputs import parse_answers

CHOICES: dict[str, AnswerValue] = {
    "y": "yes",
    "yes": "yes",
    "p": "partial",
    "partial": "partial",
    "n": "no",
    "no": "no",
    "u": "unknown",
    "unknown": "unknown",
    "?": "unknown",
}
BACK = frozenset({"b", "back"})
QUIT = frozenset({"q", "quit"})


def _say(text: str = "") -> None:
    click.echo(text, err=True)


def _ask(text: str, default: str | None) -> str:
    value: str = click.prompt(text, default=default or "", show_default=bool(default), err=True)
    return value.strip()


def run_questionnaire(catalog: Catalog, respondent: str | None = None, role: str | None = None) -> Answers:
    """Ask every statement in turn and return the respondent's answers.

    ``b`` goes back one statement (its answer and note are offered again as defaults);
    ``q`` stops without saving.

    Raises:
        InputError: the input ended or the respondent quit before the last statement.
    """
    statements = list(catalog.statements)
    answers: dict[str, AnswerValue] = {}
    notes: dict[str, str] = {}
    _say(
        f"Readiness for a Chief Customer Officer: {len(statements)} statements.\n"
        "Answer y (yes), p (partial), n (no) or u (unknown); b goes back, q quits without saving."
    )
    i = 0
    try:
        while i < len(statements):
            s = statements[i]
            _say(f"\n[{i + 1}/{len(statements)}] {s.title}\n  {s.text}\n  Why it matters: {s.why}")
            key = _ask("  Answer [y/p/n/u, b=back, q=quit]", answers.get(s.id)).lower()
            if key in BACK:
                if i == 0:
                    _say("  This is the first statement.")
                else:
                    i -= 1
                continue
            if key in QUIT:
                raise InputError(
                    f"questionnaire stopped at statement {i + 1} of {len(statements)}; nothing was written"
                )
            if key not in CHOICES:
                _say(f"  {key!r} is not an answer: type y, p, n or u (b to go back).")
                continue
            answers[s.id] = CHOICES[key]
            note = XML_ILLEGAL.sub("", _ask("  Note (optional; Enter keeps what is shown)", notes.get(s.id))).strip()
            if note:
                notes[s.id] = note
            i += 1
    except click.Abort:
        _say()  # end the prompt's line
        raise InputError(
            f"the input ended at statement {i + 1} of {len(statements)} (interrupted, or too few answers "
            "piped in); nothing was written"
        ) from None
    return parse_answers(
        {"respondent": respondent, "role": role, "answers": answers, "notes": notes}, "the questionnaire", catalog
    )
