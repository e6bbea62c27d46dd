"""JSON Schemas of jdgen's inputs, from the pydantic models, so other tools can check data first.

``jdgen schema profile|answers|catalog`` prints them. A document the schema accepts has the
right shape and types; jdgen still checks what a schema cannot say (statement ids against an
overlaid catalog, references between catalog items, pay min ≤ max, dates in order). The
schemas are the canonical spelling: jdgen also reads a few looser ones they refuse (``Yes``
for ``yes``, ``usd`` for ``USD``, ``full-time`` for ``FULL_TIME``). Dates are strings
(``2026-11-02``), as in JSON; a YAML file's unquoted dates become strings when converted.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from jdgen.data.catalog import Catalog
from jdgen.data.catalog_models import CatalogFile
from jdgen.data.input_models import Answers, Profile

SchemaName = Literal["profile", "answers", "catalog"]
SCHEMAS: tuple[SchemaName, ...] = ("profile", "answers", "catalog")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def input_schema(name: str, catalog: Catalog | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of input file.

    Args:
        name: ``profile`` (a company profile), ``answers`` (an answers file: one respondent,
            a list of them, or ``{respondents: [...]}``) or ``catalog`` (one catalog or overlay file).
        catalog: with ``answers``, the statement ids are listed from it; with ``profile``, the
            sector and priority ids.

    Raises:
        ValueError: an unknown name.
    """
    if name == "profile":
        schema = Profile.model_json_schema()
        if catalog is not None:
            list_context_ids(schema, catalog)
        title = "jdgen company profile"
    elif name == "catalog":
        schema = CatalogFile.model_json_schema()
        title = "jdgen catalog file (built-in or --catalog overlay)"
    elif name == "answers":
        schema = _answers_schema(catalog)
        title = "jdgen readiness answers"
    else:
        raise ValueError(f"unknown schema {name!r}; choose one of: {', '.join(SCHEMAS)}")
    return {"$schema": DIALECT, **schema, "title": title}


def list_context_ids(profile: dict[str, Any], catalog: Catalog) -> None:
    """Name the catalog's sector and priority ids in a profile's JSON Schema (changed in place)."""
    props = profile["properties"]
    props["sector"]["enum"] = list(catalog.sectors.ids())
    for option in props["priorities"].get("anyOf", []):
        target = option["items"] if option.get("type") == "array" else option
        target["enum"] = list(catalog.priorities.ids())


def _answers_schema(catalog: Catalog | None) -> dict[str, Any]:
    """One respondent's `Answers` as a file may write it, in the three shapes a file may take.

    An answer is yes, partial, no or unknown (a YAML boolean reads as yes/no), or
    ``{answer: ..., note: ...}``.
    """
    respondent = copy.deepcopy(Answers.model_json_schema())
    value = respondent["properties"]["answers"]["additionalProperties"]
    note = respondent["properties"]["notes"]["additionalProperties"]
    with_note = {
        "type": "object",
        "properties": {"answer": {"anyOf": [value, {"type": "boolean"}]}, "note": {"anyOf": [note, {"type": "null"}]}},
        "additionalProperties": False,
        "minProperties": 1,
    }
    respondent["properties"]["answers"]["additionalProperties"] = {"anyOf": [value, {"type": "boolean"}, with_note]}
    if catalog is not None:
        ids = {"enum": list(catalog.statements.ids())}
        for key in ("answers", "notes"):
            respondent["properties"][key]["propertyNames"] = ids
    many = {"type": "array", "items": {"$ref": "#/$defs/Respondent"}, "minItems": 1}
    return {
        "$defs": {"Respondent": respondent},
        "anyOf": [
            {"$ref": "#/$defs/Respondent"},
            many,
            {
                "type": "object",
                "properties": {"respondents": many},
                "required": ["respondents"],
                "additionalProperties": False,
            },
        ],
    }
