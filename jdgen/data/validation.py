"""Turn pydantic validation errors into `Problem`s a person can act on."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from jdgen.common.errors import JdgenError, Problem, first_of, quoted
from jdgen.data.catalog_models import KIND_LABELS


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The BaseModel inside an annotation such as ``tuple[Block, ...] | None``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _submodel(typing.get_args(annotation)[0])
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _submodel(arg)
            if found is not None:
                return found
    return None


def _model_at(model: type[BaseModel], path: Sequence[int | str]) -> type[BaseModel] | None:
    """The model that owns the last key of `path` (indexes are skipped)."""
    current: type[BaseModel] | None = model
    for part in path:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _submodel(field.annotation)
    return current


#: What a pattern the models use asks for, in words.
PATTERN_WORDS: dict[str, str] = {
    r"^https?://\S+$": "expected a web address starting with http:// or https://",
    r"^[A-Z]{3}$": "expected a three-letter ISO 4217 currency code, such as USD or EUR",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "expected an id of lowercase letters and digits joined by hyphens",
    r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "expected a language tag such as en-US, en-GB, fr-CA or de",
}


def _message(error: Any, model: type[BaseModel], loc: Sequence[int | str]) -> str:
    kind = error["type"]
    pattern = (error.get("ctx") or {}).get("pattern") if kind == "string_pattern_mismatch" else None
    if pattern in PATTERN_WORDS:
        value = error.get("input")
        return PATTERN_WORDS[pattern] + (f" (got {value!r})" if isinstance(value, str) and len(value) < 60 else "")
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = ", ".join(owner.model_fields) if owner else ""
        return f"unknown field {quoted(loc[-1])}" + (f"; allowed fields: {allowed}" if allowed else "")
    if kind == "missing":
        return "required field is missing"
    if kind in {"string_too_long", "too_long"}:
        limit = (error.get("ctx") or {}).get("max_length")
        value = error.get("input")
        what = "characters" if isinstance(value, str) else "entries"
        given = f" (got {len(value):,})" if isinstance(value, str | list | tuple | dict) else ""
        return f"too long: at most {limit:,} {what}{given}" if isinstance(limit, int) else f"too long{given}"
    msg = str(error["msg"])
    msg = msg.removeprefix("Value error, ")
    text = msg[0].lower() + msg[1:] if msg else kind
    value = error.get("input")
    if (
        kind not in {"model_type", "tuple_type", "dict_type"}
        and isinstance(value, str | int | float)
        and len(str(value)) < 60
    ):
        text += f" (got {value!r})"
    return text


def readable(value: object) -> str:
    """User text as a message shows it: as typed when it is plain, else as a quoted literal.

    A key or name with a line break, a control character, odd white space or a lone surrogate
    is shown as a quoted Python literal, its odd characters escaped, so that every problem
    stays one printable line.
    """
    text = str(value)
    return text if text and text.isprintable() and text == text.strip() else repr(text)


def dotted(loc: Sequence[int | str]) -> str:
    """``("pay", "min")`` → ``pay.min``; ``("duties", 2)`` → ``duties[2]``; odd keys are quoted (see `readable`)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{readable(part)}" if out else readable(part))
    return out


def problems_from(
    exc: ValidationError,
    model: type[BaseModel],
    label: str,
    *,
    raw: Any = None,
    item_lists: bool = False,
) -> tuple[Problem, ...]:
    """One `Problem` per pydantic error.

    With `item_lists`, the model is a `CatalogFile`: locations look like ``("blocks", 3, "duties")``
    and the item's id is looked up in `raw` so the problem names the item, not its index.
    """
    return problems_from_errors(exc.errors(), model, label, raw=raw, item_lists=item_lists)


def problems_from_errors(
    errors: Sequence[Any],
    model: type[BaseModel],
    label: str,
    *,
    raw: Any = None,
    item_lists: bool = False,
) -> tuple[Problem, ...]:
    """`problems_from` for the error dictionaries of a validation (as a web framework passes them on)."""
    problems: list[Problem] = []
    for error in errors:
        loc = tuple(p for p in error["loc"] if isinstance(p, int | str))
        item: str | None = None
        field_loc: tuple[int | str, ...] = loc
        if item_lists and len(loc) >= 2 and isinstance(loc[1], int):
            kind, index = loc[0], loc[1]
            entries = raw.get(kind) if isinstance(raw, dict) else None
            entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
            ident = entry.get("id") if isinstance(entry, dict) else None
            label_of = KIND_LABELS.get(str(kind), str(kind))
            item = f"{label_of} {quoted(ident)}" if ident else f"{kind}[{index}]"
            field_loc = loc[2:]
        if item_lists and len(loc) == 1 and error["type"] == "extra_forbidden":
            sections = ", ".join(model.model_fields)
            problems.append(Problem(label, f"unknown section {quoted(loc[0])}; a catalog file may hold: {sections}"))
            continue
        problems.append(Problem(label, _message(error, model, loc), item=item, field=dotted(field_loc) or None))
    return tuple(problems)


M = typing.TypeVar("M", bound=BaseModel)


def load_model(
    path: Path,
    model: type[M],
    error: type[JdgenError],
    not_mapping: str = "expected a mapping at the top level",
    base: dict[str, Any] | None = None,
) -> M:
    """A YAML file validated as `model`: one `error` naming the file (and the count of further problems).

    Args:
        path: the YAML file.
        model: the pydantic model of its contents.
        error: the JdgenError subclass to raise (CatalogError for data files, InputError for inputs).
        not_mapping: the message when the file's top level is not a mapping.
        base: values the file's keys are laid over (defaults of a settings file).
    """
    from jdgen.data.yamlio import read_yaml

    label = str(path)
    raw, problem = read_yaml(path, label)
    if problem is None and not isinstance(raw, dict):
        problem = Problem(label, not_mapping)
    if problem is not None:
        raise error(str(problem), (problem,))
    assert isinstance(raw, dict)
    try:
        return model.model_validate({**(base or {}), **raw})
    except ValidationError as exc:
        problems = problems_from(exc, model, label)
        first = first_of([str(p) for p in problems])
        raise error(first, problems) from None
