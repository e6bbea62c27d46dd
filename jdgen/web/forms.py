"""The wizard's form: which fields it has, and how their text becomes the library's inputs.

The wizard keeps no state on the server. Every page posts every field: the ones it shows and,
hidden, the ones of the other steps, so going back and forth keeps what was entered. Only the
fields named here are read; anything else a request sends is ignored.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, get_args

from jdgen.common.errors import InputError, Problem
from jdgen.data.catalog import Catalog
from jdgen.data.fields import AnswerValue
from jdgen.data.input_models import Profile
from jdgen.data.inputs import NUMBER_FIELDS, number_from_text, override_profile
from jdgen.web.profile_form import CHECK_PREFIX, PROFILE_FIELDS, PROFILE_SECTIONS, FormField

#: The longest text one field takes (the request as a whole is limited too).
MAX_FIELD = 20_000
#: The hidden field that carries a team survey into the wizard: its facilitator's link secret
#: (the answers themselves are read from the store at each step, so they are never too large to post).
TEAM_FIELD = "team"

ANSWER_VALUES: tuple[str, ...] = get_args(AnswerValue)


def new_form(today: datetime.date) -> dict[str, str]:
    """The fields a new wizard starts with, beyond `PROFILE_DEFAULTS`: `today` as the posting date."""
    return {"date_posted": today.isoformat()}


#: How the form names each profile field, for text that names fields as ``pay.min``.
FIELD_TITLES: dict[str, str] = {
    **{f.name: f"{legend} › {f.label}" for legend, fields in PROFILE_SECTIONS for f in fields},
    "location": "Where › City, State and Country",
    "pay": "Pay",
}
EDITIONS: tuple[tuple[str, str], ...] = (
    ("posting", "Posting (to publish)"),
    ("internal", "Internal (with the advisory)"),
)


def posted_names(field: FormField) -> tuple[str, ...]:
    """The form fields one profile field posts: its name, or one per choice of a "checks" field."""
    return tuple(f"{CHECK_PREFIX}{c}" for c, _ in field.choices) if field.kind == "checks" else (field.name,)


#: Every form field the profile step posts.
PROFILE_NAMES: frozenset[str] = frozenset(n for f in PROFILE_FIELDS for n in posted_names(f))


def field_names(catalog: Catalog) -> frozenset[str]:
    """Every field name the wizard reads."""
    statements = catalog.statements.ids()
    return frozenset(
        PROFILE_NAMES
        | {f"answer.{s}" for s in statements}
        | {f"note.{s}" for s in statements}
        | {"archetype", "edition", TEAM_FIELD}
    )


def read_state(form: Mapping[str, Any], catalog: Catalog) -> dict[str, str]:
    """The wizard's fields from a posted form: known names and text values only, kept as typed."""
    names = field_names(catalog)
    return {name: value for name, value in form.items() if name in names and isinstance(value, str)}


def _length(text: str) -> int:
    return len(text.replace("\r\n", "\n"))  # as a browser's maxlength counts a line break: once


def _too_long(state: Mapping[str, str], names: Iterable[str]) -> tuple[Problem, ...]:
    return tuple(
        Problem("profile", f"{_length(state[n]):,} characters is too long ({MAX_FIELD:,} at most)", field=n)
        for n in names
        if _length(state.get(n, "")) > MAX_FIELD
    )


def _split_list(text: str, lines_only: bool) -> list[str]:
    parts = text.splitlines() if lines_only else re.split(r"[,\n]", text)
    return [p.strip() for p in parts if p.strip()]


# A host name with a dot and a top-level domain of letters, then a port, path, query or fragment.
_BARE_HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?::\d{1,5})?(?:[/?#]\S*)?")


def web_address(text: str) -> str:
    """A web address as typed, with ``https://`` put before a bare host: ``acme.com`` → ``https://acme.com``.

    Anything else (an address with its scheme, an e-mail address, words) is left as it is, for
    the profile's validation to accept or refuse.
    """
    plain = text.strip()
    return f"https://{plain}" if _BARE_HOST.fullmatch(plain) else plain


def profile_values(state: Mapping[str, str]) -> dict[str, Any]:
    """The filled-in profile fields as `override_profile` takes them (dotted keys, typed values).

    A pay period without an amount or a currency is left out: it is the form's default, not an answer.
    """
    values: dict[str, Any] = {}
    for field in PROFILE_FIELDS:
        if field.kind == "checks":
            ticked = [c for c, _ in field.choices if state.get(f"{CHECK_PREFIX}{c}", "").strip()]
            if ticked:
                values[field.name] = ticked
            continue
        text = state.get(field.name, "")
        if not text.strip():
            continue
        if field.kind in ("lines", "list"):
            values[field.name] = _split_list(text, field.kind == "lines")
        elif field.name in NUMBER_FIELDS:
            values[field.name] = number_from_text(text)
        elif field.kind == "url":
            values[field.name] = web_address(text)
        else:
            values[field.name] = text if field.kind == "textarea" else text.strip()
    if not {"pay.min", "pay.max", "pay.currency"} & values.keys():
        values.pop("pay.period", None)
    return values


def read_profile(state: Mapping[str, str]) -> Profile:
    """The profile the form describes.

    Every problem is found in one go: validation stops at the checks across fields (pay's
    minimum above its maximum, a closing date before the posting date) while a single field is
    wrong, so the fields already found wrong are left out and the rest checked again.

    Raises:
        InputError: every problem, each with its `field` where it has one.
    """
    problems = list(_too_long(state, (f.name for f in PROFILE_FIELDS)))
    values = {k: v for k, v in profile_values(state).items() if k not in {p.field for p in problems}}
    while True:
        try:
            profile = override_profile(None, values, label="profile")
        except InputError as exc:
            found = [p for p in exc.problems or (Problem("profile", str(exc)),) if p not in problems]
            problems += found
            wrong = {field_of(p) for p in found} & values.keys()
            if not wrong:
                break
            values = {k: v for k, v in values.items() if k not in wrong}
        else:
            if not problems:
                return profile
            break
    raise InputError(problems=tuple(problems))


def answers_data(state: Mapping[str, str], catalog: Catalog) -> dict[str, Any]:
    """The readiness answers as the library takes them: unanswered statements count as unknown.

    Raises:
        InputError: every note longer than `MAX_FIELD` characters, its `field` the note's name.
    """
    too_long = tuple(
        Problem(
            "answers",
            f"the note on “{s.title}” is too long: {_length(state[f'note.{s.id}']):,} characters ({MAX_FIELD:,} at most)",
            field=f"note.{s.id}",
        )
        for s in catalog.statements
        if _too_long(state, [f"note.{s.id}"])
    )
    if too_long:
        raise InputError(problems=too_long)
    answers = {s: state.get(f"answer.{s}") or "unknown" for s in catalog.statements.ids()}
    notes = {s: state[f"note.{s}"] for s in catalog.statements.ids() if state.get(f"note.{s}", "").strip()}
    return {"answers": answers, "notes": notes}


_KNOWN = {f.name: f for f in PROFILE_FIELDS}
# A check across fields names the field it is about first: "valid_through (…) is before date_posted (…)".
_LEADING_NAME = re.compile(r"([a-z_]+(?:\.[a-z_]+)*) ")
# Profile field names in a message, where they cannot be ordinary words (``date_posted``, ``pay.min``).
_NAME_IN_MESSAGE = re.compile(
    r"\b(?:" + "|".join(re.escape(n) for n in sorted(_KNOWN, key=len, reverse=True) if "_" in n or "." in n) + r")\b"
)


def field_of(problem: Problem) -> str | None:
    """The form field a problem is about: ``pay.min`` for ``pay.min``, ``benefits`` for ``benefits[2]``."""
    if not problem.field:
        leading = _LEADING_NAME.match(problem.message)
        return leading[1] if leading and leading[1] in _KNOWN else None
    name = re.sub(r"\[\d+\]", "", problem.field)
    name = {"pay": "pay.min", "location": "location.city"}.get(name, name)  # a problem of the whole group
    return name if name in _KNOWN else None


@dataclass(frozen=True)
class FieldProblem:
    """A problem of the form as a person reads it: the field beside which it shows, where, and what."""

    field: str | None  # the form field's name; None for a problem of the form as a whole
    where: str | None  # "Pay › From"
    message: str

    @property
    def line(self) -> str:
        """The problem on its own, as the summary at the top of the form lists it."""
        return f"{self.where}: {self.message}" if self.where else self.message


def form_problems(exc: InputError) -> list[FieldProblem]:
    """Each problem of the profile, in the form's order, its field names given as the form labels them."""
    if not exc.problems:
        return [FieldProblem(None, None, str(exc))]
    found: list[FieldProblem] = []
    for problem in exc.problems:
        name = field_of(problem)
        group = problem.field if problem.field in FIELD_TITLES else name
        where = FIELD_TITLES[group] if group else problem.field
        message = _NAME_IN_MESSAGE.sub(lambda m: f"“{_KNOWN[m[0]].label}”", problem.message)
        found.append(FieldProblem(name, where, message))
    order = list(_KNOWN)
    return sorted(found, key=lambda p: order.index(p.field) if p.field else len(order))


def _field_words(found: re.Match[str]) -> str:
    name, value = found[1], found[2]
    if name not in FIELD_TITLES:
        return found[0]
    if value is None:
        return f"“{FIELD_TITLES[name]}”"
    choices = dict(next((f.choices for f in PROFILE_FIELDS if f.name == name), ()))
    return f"“{FIELD_TITLES[name]}”: “{choices.get(value, value)}”"


def in_form_words(text: str) -> str:
    """Advice that names profile fields (```pay.min```, ```remote: yes```) as the form labels them.

    ```pay.min``` reads “Pay › From”; ```remote: yes``` reads “Where › Remote work”: “Fully remote”.
    """
    return re.sub(r"`([a-z_.]+)(?:: ([^`]+))?`", _field_words, text)
