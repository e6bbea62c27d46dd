"""Read the user's inputs: answers files (YAML or CSV, one or many respondents) and a company profile."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from jdgen.common.errors import InputError, Problem, quoted
from jdgen.data.answers_csv import CSV_SUFFIXES, check_respondent_count, read_answers_csv
from jdgen.data.catalog import Catalog
from jdgen.data.input_models import Answers, Profile, Survey
from jdgen.data.validation import problems_from, readable
from jdgen.data.yamlio import read_yaml

M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], data: Any, label: str, extra: tuple[Problem, ...] = ()) -> M:
    fields = ", ".join(model.model_fields)
    if data is None:
        raise InputError(problems=(Problem(label, f"holds no fields; give at least one of: {fields}"),))
    if not isinstance(data, dict):
        raise InputError(problems=(Problem(label, f"expected a mapping of fields ({fields})"),))
    try:
        result = model.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems=extra + problems_from(exc, model, label)) from None
    if extra:
        raise InputError(problems=extra)
    return result


def _read(path: str | Path) -> tuple[Any, str]:
    label = str(path)
    data, problem = read_yaml(Path(path), label)
    if problem:
        raise InputError(problems=(problem,))
    return data, label


def _statement_ids(
    catalog: Catalog, by_id: Mapping[Any, Any], label: str, item: str | None = None, prefix: str = "answers"
) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """`by_id` keyed by statement ids as the catalog spells them (typed in any case), and a problem per bad key.

    An id the catalog does not have is refused, with the closest id suggested; two keys that
    name the same statement (``resources`` and ``Resources``) are refused too.
    """
    valid = ", ".join(catalog.statements.ids())
    out: dict[str, Any] = {}
    typed: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in by_id.items():
        field = f"{prefix}.{readable(key)}"
        sid = catalog.statements.canonical(key)
        if sid is None:
            hint = catalog.statements.suggestion(key)
            problems.append(Problem(label, f"unknown statement id{hint}; valid ids: {valid}", item=item, field=field))
        elif sid in out:
            message = f"the same statement as {readable(typed[sid])}; give it once"
            problems.append(Problem(label, message, item=item, field=field))
        else:
            out[sid], typed[sid] = value, key
    return out, tuple(problems)


def parse_answers(data: Any, label: str = "<answers>", catalog: Catalog | None = None) -> Answers:
    """Validate one respondent's answers, shaped ``{answers: {statement-id: yes|partial|no|unknown}}``.

    The mapping may also give ``respondent``, ``role`` and ``notes``, and an answer may be written
    ``{answer: no, note: "…"}``. With a catalog, statement ids are matched in any case
    (``Resources`` is ``resources``) and ids it does not have are refused too; every unknown id
    and every bad value is reported, one problem each.
    """
    unknown: tuple[Problem, ...] = ()
    if catalog is not None and isinstance(data, dict):
        data = dict(data)
        for key in ("answers", "notes"):
            ids = data.get(key)
            if isinstance(ids, dict):
                data[key], problems = _statement_ids(catalog, ids, label, prefix=key)
                unknown += problems
    return _validate(Answers, data, label, unknown)


def _respondent_label(entry: Any, position: int) -> str:
    name = entry.get("role") or entry.get("respondent") if isinstance(entry, dict) else None
    return f"respondent {position}" + (f" ({readable(name)})" if isinstance(name, str) and name.strip() else "")


def parse_survey(data: Any, label: str = "<answers>", catalog: Catalog | None = None) -> Survey:
    """Validate the answers of one or many respondents.

    Accepted shapes: one respondent's mapping (see `parse_answers`); a list of such mappings;
    or ``{respondents: [...]}``. Every problem in every respondent is reported, each naming
    the respondent by position and role.
    """
    if isinstance(data, dict) and "respondents" in data:
        extra = sorted(str(k) for k in data if k != "respondents")
        if extra:
            raise InputError(
                problems=(
                    Problem(label, f"unknown field {quoted(extra[0])} beside 'respondents'; move it into a respondent"),
                )
            )
        data = data["respondents"]
        if not isinstance(data, list):
            raise InputError(problems=(Problem(label, "expected a list of respondents", field="respondents"),))
    if not isinstance(data, list):
        return Survey(respondents=(parse_answers(data, label, catalog),))
    if not data:
        raise InputError(problems=(Problem(label, "holds no respondents; give at least one"),))
    respondents: list[Answers] = []
    problems: list[Problem] = []
    check_respondent_count(len(data), label)
    for position, entry in enumerate(data, start=1):
        try:
            answers = parse_answers(entry, label, catalog)
        except InputError as exc:
            item = _respondent_label(entry, position)
            problems.extend(Problem(p.file, p.message, item=item, field=p.field) for p in exc.problems)
        else:
            respondents.append(answers)
    if problems:
        raise InputError(problems=tuple(problems))
    return Survey(respondents=tuple(respondents))


def _check_unique(entries: Sequence[tuple[Answers, str]]) -> None:
    """Refuse a named respondent given twice: their answers would count twice in the consensus."""
    seen: dict[str, str] = {}
    problems = []
    for answers, label in entries:
        if not answers.respondent:
            continue
        key = " ".join(answers.respondent.casefold().split())
        if key in seen:
            where = "earlier in the same file" if seen[key] == label else f"also in {seen[key]}"
            problems.append(
                Problem(
                    label,
                    f"respondent {quoted(answers.respondent)} answers twice ({where}); give each person's answers once",
                )
            )
        else:
            seen[key] = label
    if problems:
        raise InputError(problems=tuple(problems))


def check_answers(catalog: Catalog, survey: Survey, label: str = "<answers>") -> Survey:
    """The survey with its statement ids as the catalog spells them (typed in any case).

    Raises:
        InputError: naming each id the catalog does not have (with the closest one), and each
            statement a respondent gives twice in different cases.
    """
    respondents: list[Answers] = []
    problems: list[Problem] = []
    for position, answers in enumerate(survey.respondents, start=1):
        item = None if len(survey.respondents) == 1 else f"respondent {position}"
        update: dict[str, Any] = {}
        for key in ("answers", "notes"):
            given = getattr(answers, key)
            if any(sid not in catalog.statements for sid in given):
                update[key], found = _statement_ids(catalog, given, label, item, prefix=key)
                problems.extend(found)
        respondents.append(answers.model_copy(update=update) if update else answers)
    if problems:
        raise InputError(problems=tuple(problems))
    changed = any(new is not old for new, old in zip(respondents, survey.respondents, strict=True))
    return Survey(respondents=tuple(respondents)) if changed else survey


def load_answers(paths: str | Path | Sequence[str | Path], catalog: Catalog | None = None) -> Survey:
    """Read one or more answers files (YAML, or CSV by a ``.csv`` or ``.tsv`` extension) as one survey.

    Each file may hold one respondent or many; the respondents of all files are put together
    in order. With a catalog, the statement ids are checked too.

    Raises:
        InputError: naming the file and each bad id, value, row or column.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    if not paths:
        raise InputError("no answers file given")
    resolved = [Path(p).resolve() for p in paths]
    repeated = [str(p) for n, p in enumerate(paths) if resolved[n] in resolved[:n]]
    if repeated:
        raise InputError(f"{repeated[0]}: the same answers file is given twice; give it once")
    entries: list[tuple[Answers, str]] = []
    for path in paths:
        if Path(path).suffix.lower() in CSV_SUFFIXES:
            survey = read_answers_csv(path, catalog)
        else:
            data, label = _read(path)
            survey = parse_survey(data, label, catalog)
        entries.extend((r, str(path)) for r in survey.respondents)
    _check_unique(entries)
    check_respondent_count(len(entries), ", ".join(str(p) for p in paths))
    return Survey(respondents=tuple(r for r, _ in entries))


AnswersInput = Answers | Survey | Mapping[str, Any] | Sequence[Mapping[str, Any]]


def as_survey(catalog: Catalog, answers: AnswersInput | None) -> Survey | None:
    """Answers in any accepted shape as a checked `Survey` (None stays None).

    Accepted: a `Survey`; one respondent's `Answers`; a mapping shaped like an answers file
    (``{answers: …}`` or ``{respondents: […]}``); a bare mapping ``{statement-id: answer}``;
    or a list of respondents (mappings or `Answers`).

    Raises:
        InputError: data that is not answers, naming each bad id, value or respondent.
    """
    if answers is None:
        return None
    if isinstance(answers, str | bytes | os.PathLike):
        raise InputError("answers: expected answers data, not a file name; read a file with load_answers(path)")
    if isinstance(answers, Answers):
        answers = Survey(respondents=(answers,))
    if isinstance(answers, Survey):
        return check_answers(catalog, answers)
    if isinstance(answers, Mapping):
        shaped = "answers" in answers or "respondents" in answers
        return parse_survey(dict(answers) if shaped else {"answers": dict(answers)}, catalog=catalog)
    if not isinstance(answers, Sequence):
        raise InputError(f"answers: expected a mapping or a list of respondents, not {type(answers).__name__}")
    items = [a.model_dump(exclude_defaults=True) if isinstance(a, Answers) else a for a in answers]
    return parse_survey([dict(a) if isinstance(a, Mapping) else a for a in items], catalog=catalog)


def answers_entry(
    respondent: str | None, role: str | None, answers: Mapping[str, str], notes: Mapping[str, str]
) -> dict[str, Any]:
    """One respondent as an answers file holds them: who, then each answer with its note beside it."""
    data: dict[str, Any] = {}
    if respondent:
        data["respondent"] = respondent
    if role:
        data["role"] = role
    data["answers"] = {
        sid: {"answer": value, "note": notes[sid]} if sid in notes else value for sid, value in answers.items()
    }
    return data


def dump_answers(answers: Answers) -> str:
    """One respondent's answers as YAML that `load_answers` reads back (notes beside their answer)."""
    data = answers_entry(answers.respondent, answers.role, answers.answers, answers.notes)
    header = "# Readiness answers (jdgen assess): yes | partial | no | unknown, with optional notes.\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def parse_profile(data: Any, label: str = "<profile>") -> Profile:
    """Validate profile data (see `Profile` for the fields)."""
    return _validate(Profile, data, label)


def load_profile(path: str | Path) -> Profile:
    """Read a company profile YAML file.

    Raises:
        InputError: naming the file and each bad field.
    """
    data, label = _read(path)
    return parse_profile(data, label)


def override_profile(profile: Profile | None, overrides: Mapping[str, Any], label: str = "options") -> Profile:
    """The profile with the given fields replaced (None values are ignored), validated again.

    Dotted keys set nested fields: ``{"pay.min": 1}`` sets ``pay: {min: 1}``.
    """
    data: dict[str, Any] = profile.model_dump(exclude_defaults=True) if profile else {}
    for key, value in overrides.items():
        if value is None:
            continue
        target = data
        *parents, leaf = key.split(".")
        for parent in parents:
            existing = target.get(parent)
            target[parent] = dict(existing) if isinstance(existing, dict) else {}
            target = target[parent]
        target[leaf] = value
    return parse_profile(data, label)


#: The profile fields (dotted) that hold numbers, when values arrive as text (CSV cells, web forms).
NUMBER_FIELDS = frozenset({"employees", "team_size", "experience_years", "openings", "pay.min", "pay.max"})

# At most 18 digits before the point and 6 after: any real amount or count, and far below the
# length at which int() refuses a string (longer text stays text, and validation refuses it).
_PLAIN_NUMBER = re.compile(r"^\d{1,18}(\.\d{1,6})?$")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3}){1,5}(\.\d{1,6})?$")


def number_from_text(text: Any) -> Any:
    """A cell or form field as a number: ``250000``, ``250000.50`` or ``250,000``; anything else stays text.

    Text is refused by the profile's validation, so ``85,5`` or ``265.000`` (a decimal comma, a
    thousands point) is an error naming the cell rather than a silently different amount.
    """
    if not isinstance(text, str):
        return text
    plain = text.strip()
    if _THOUSANDS.match(plain):
        plain = plain.replace(",", "")
    if not _PLAIN_NUMBER.match(plain) or re.match(r"^\d{1,3}\.\d{3}$", plain):
        return text
    return float(plain) if "." in plain else int(plain)
