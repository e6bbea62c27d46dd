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
from typing import Any, Literal, get_args

from jdgen.catalog import Catalog
from jdgen.errors import InputError, Problem
from jdgen.inputs import NUMBER_FIELDS, number_from_text, override_profile
from jdgen.models import AnswerValue, EmploymentType, Layering, PayPeriod, Profile, RemoteMode

#: The longest text one field takes (the request as a whole is limited too).
MAX_FIELD = 20_000

Kind = Literal["text", "number", "url", "date", "select", "textarea", "lines", "list"]


@dataclass(frozen=True)
class FormField:
    """One input of the profile step: its name is the profile field's dotted path."""

    name: str
    label: str
    kind: Kind = "text"
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""


def _choices(values: Any, labels: Mapping[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    return tuple((v, (labels or {}).get(v, v.replace("_", " ").lower().capitalize())) for v in get_args(values))


#: The profile step, in fieldsets.
PROFILE_SECTIONS: tuple[tuple[str, tuple[FormField, ...]], ...] = (
    (
        "The company",
        (
            FormField("company", "Company name", placeholder="e.g. Acme Insurance"),
            FormField("industry", "Industry", placeholder="e.g. Insurance"),
            FormField("company_url", "Website", "url", placeholder="e.g. https://www.example.com"),
            FormField("employees", "Employees", "number", "Headcount: some pay laws apply from a size on."),
            FormField("about", "About the company", "textarea", "A paragraph or two; a blank line starts a new one."),
        ),
    ),
    (
        "The role",
        (
            FormField("reports_to", "Reports to", help="Leave blank for the archetype's line (usually the CEO)."),
            FormField(
                "layered_onto",
                "Is the role added to an existing job?",
                "select",
                "Adding it to another executive's job is a known risk; jdgen warns about it.",
                _choices(
                    Layering,
                    {
                        "none": "No: a role of its own",
                        "customer-service": "Yes: the head of customer service",
                        "marketing": "Yes: the chief marketing officer",
                        "other": "Yes: another executive",
                    },
                ),
            ),
            FormField("team_size", "Direct team size", "number"),
            FormField("employment_type", "Employment type", "select", choices=_choices(EmploymentType)),
        ),
    ),
    (
        "Where",
        (
            FormField("location.city", "City", placeholder="e.g. Denver"),
            FormField("location.region", "State, province or region", placeholder="e.g. Colorado"),
            FormField("location.country", "Country", placeholder="e.g. United States"),
            FormField(
                "remote",
                "Remote work",
                "select",
                choices=_choices(RemoteMode, {"no": "On site", "hybrid": "Hybrid", "yes": "Fully remote"}),
            ),
            FormField(
                "remote_scope", "Remote hires may live in", "list", "Countries, states or cities, separated by commas."
            ),
        ),
    ),
    (
        "Pay",
        (
            FormField("pay.min", "From", "number", placeholder="e.g. 250,000"),
            FormField("pay.max", "To", "number", placeholder="e.g. 320,000"),
            FormField("pay.currency", "Currency", help="Three letters, e.g. USD, EUR, GBP.", placeholder="e.g. USD"),
            FormField("pay.period", "Per", "select", choices=(("", "—"), *_choices(PayPeriod))),
            FormField("benefits", "Benefits", "lines", "One per line."),
        ),
    ),
    (
        "The posting",
        (
            FormField("apply_url", "Apply link", "url", placeholder="e.g. https://jobs.example.com/cco"),
            FormField(
                "date_posted",
                "Posting date",
                "date",
                "Today unless you change it. Google's job search needs it; the pay laws in force on this day are checked.",
            ),
            FormField("valid_through", "Closing date", "date"),
            FormField("eeo_statement", "Equal-opportunity statement", "textarea"),
        ),
    ),
)
PROFILE_FIELDS: tuple[FormField, ...] = tuple(f for _, fields in PROFILE_SECTIONS for f in fields)
#: Defaults a fresh form starts with: the profile's own defaults, for the selects.
PROFILE_DEFAULTS: dict[str, str] = {
    f.name: str(Profile.model_fields[f.name].default)
    for f in PROFILE_FIELDS
    if f.kind == "select" and f.name in Profile.model_fields
}
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


def field_names(catalog: Catalog) -> frozenset[str]:
    """Every field name the wizard reads."""
    statements = catalog.statements.ids()
    return frozenset(
        {f.name for f in PROFILE_FIELDS}
        | {f"answer.{s}" for s in statements}
        | {f"note.{s}" for s in statements}
        | {"archetype", "edition"}
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


def profile_values(state: Mapping[str, str]) -> dict[str, Any]:
    """The filled-in profile fields as `override_profile` takes them (dotted keys, typed values)."""
    values: dict[str, Any] = {}
    for field in PROFILE_FIELDS:
        text = state.get(field.name, "")
        if not text.strip():
            continue
        if field.kind in ("lines", "list"):
            values[field.name] = _split_list(text, field.kind == "lines")
        elif field.name in NUMBER_FIELDS:
            values[field.name] = number_from_text(text)
        else:
            values[field.name] = text if field.kind == "textarea" else text.strip()
    return values


def read_profile(state: Mapping[str, str]) -> Profile:
    """The profile the form describes.

    Raises:
        InputError: one problem per bad field, its `field` the form field's name.
    """
    too_long = _too_long(state, (f.name for f in PROFILE_FIELDS))
    if too_long:
        raise InputError(problems=too_long)
    return override_profile(None, profile_values(state), label="profile")


def answers_data(state: Mapping[str, str], catalog: Catalog) -> dict[str, Any]:
    """The readiness answers as the library takes them: unanswered statements count as unknown.

    Raises:
        InputError: a note longer than `MAX_FIELD` characters.
    """
    for statement in catalog.statements:
        if _too_long(state, [f"note.{statement.id}"]):
            length = _length(state[f"note.{statement.id}"])
            raise InputError(
                f"the note on “{statement.title}” is too long: {length:,} characters ({MAX_FIELD:,} at most)"
            )
    answers = {s: state.get(f"answer.{s}") or "unknown" for s in catalog.statements.ids()}
    notes = {s: state[f"note.{s}"] for s in catalog.statements.ids() if state.get(f"note.{s}", "").strip()}
    return {"answers": answers, "notes": notes}


def field_of(problem: Problem) -> str | None:
    """The form field a problem is about: ``pay.min`` for ``pay.min``, ``benefits`` for ``benefits[2]``."""
    if not problem.field:
        return None
    name = re.sub(r"\[\d+\]", "", problem.field)
    name = {"pay": "pay.min", "location": "location.city"}.get(name, name)  # a problem of the whole group
    known = {f.name for f in PROFILE_FIELDS}
    return name if name in known else None


def problem_lines(exc: InputError) -> list[tuple[str | None, str]]:
    """Each problem as (form field or None, message a person reads)."""
    if not exc.problems:
        return [(None, str(exc))]
    lines: list[tuple[str | None, str]] = []
    for problem in exc.problems:
        name = field_of(problem)
        group = problem.field if problem.field in FIELD_TITLES else name
        where = FIELD_TITLES[group] if group else problem.field
        lines.append((name, f"{where}: {problem.message}" if where else problem.message))
    return lines


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
