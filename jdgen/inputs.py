"""Read the user's inputs: an answers file and a company profile (YAML), with readable errors."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from jdgen.catalog import Catalog
from jdgen.errors import InputError, Problem
from jdgen.models import Answers, Profile
from jdgen.validation import problems_from
from jdgen.yamlio import read_yaml

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


def _unknown_ids(catalog: Catalog, ids: Any, label: str) -> tuple[Problem, ...]:
    valid = ", ".join(catalog.statements.ids())
    return tuple(
        Problem(label, f"unknown statement id; valid ids: {valid}", field=f"answers.{sid}")
        for sid in ids
        if sid not in catalog.statements
    )


def parse_answers(data: Any, label: str = "<answers>", catalog: Catalog | None = None) -> Answers:
    """Validate answers data shaped ``{answers: {statement-id: yes|partial|no|unknown}}``.

    With a catalog, statement ids it does not have are refused too; every unknown id and every
    bad value is reported, one problem each.
    """
    raw = data.get("answers") if isinstance(data, dict) else None
    unknown = _unknown_ids(catalog, raw, label) if catalog is not None and isinstance(raw, dict) else ()
    return _validate(Answers, data, label, unknown)


def check_answers(catalog: Catalog, answers: Answers, label: str = "<answers>") -> None:
    """Refuse answers to statements the catalog does not have, naming each unknown id."""
    problems = _unknown_ids(catalog, answers.answers, label)
    if problems:
        raise InputError(problems=problems)


def load_answers(path: str | Path, catalog: Catalog | None = None) -> Answers:
    """Read an answers YAML file; with a catalog, also check the statement ids.

    Raises:
        InputError: naming the file and each bad id or value.
    """
    data, label = _read(path)
    return parse_answers(data, label, catalog)


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
