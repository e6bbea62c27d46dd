"""Request bodies for applicant-tracking systems (`jdgen export`). May import: `common`, `data`, `decide`, `render`, `postings`.

`export` turns a composed JD into the requests one system takes (Greenhouse, Lever, Oracle
Recruiting, SEEK) or into jdgen's neutral job JSON (``unified``). The texts are the JD's
editions rendered as `generate` renders them, with the same templates, sandbox and limits; the
posting edition goes where candidates read, the internal edition (never its advisory) where the
hiring team does. jdgen sends nothing and holds no credentials: values only the sender knows
(a user id, a tenant's host) stay ``{placeholders}`` unless given in `fill`. Every body
validates against a JSON Schema written from the vendor's documentation (`schema`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from jdgen.ats import greenhouse, lever, oracle, seek
from jdgen.ats.model import ApiRequest, DocSource, Export, filled, filled_url, placeholders
from jdgen.ats.pack_forms import greenhouse_by_hand, lever_feedback_templates
from jdgen.ats.sections import internal_edition, posting_edition
from jdgen.ats.unified import unified_export
from jdgen.common.errors import InputError
from jdgen.decide.pack import RolePack
from jdgen.decide.results import JobDescription

__all__ = [
    "PACK_TARGETS",
    "TARGETS",
    "ApiRequest",
    "DocSource",
    "Export",
    "Target",
    "ats_export",
    "export",
    "placeholder_help",
    "schema",
    "to_json",
]

Target = Literal["greenhouse", "lever", "oracle", "seek", "unified"]
TARGETS: tuple[str, ...] = get_args(Target)
#: The targets that take the role pack (`export`'s `pack`).
PACK_TARGETS: tuple[str, ...] = ("greenhouse", "lever")
SCHEMAS: tuple[str, ...] = (
    "export",
    "greenhouse-job-post",
    "greenhouse-job",
    "greenhouse-by-hand",
    "lever-posting",
    "lever-feedback-template",
    "oracle-enclosure",
    "seek-post-position",
    "unified-job",
)
_PLACEHOLDERS: dict[str, Mapping[str, str]] = {
    "greenhouse": greenhouse.PLACEHOLDERS,
    "lever": lever.PLACEHOLDERS,
    "oracle": oracle.PLACEHOLDERS,
    "seek": seek.PLACEHOLDERS,
    "unified": {},
}


def export(
    jd: JobDescription,
    target: str,
    template_dirs: Sequence[str | Path] = (),
    fill: Mapping[str, str] | None = None,
    pack: RolePack | None = None,
    oracle_internal: Literal["posting", "internal"] = "posting",
) -> Export:
    """The requests that put `jd` into the `target` system.

    Args:
        jd: a composed job description (its internal edition; the posting edition is derived).
        target: greenhouse, lever, oracle, seek or unified.
        template_dirs: the user's template folders, as for `render`.
        fill: values for the target's placeholders, e.g. ``{"lever_user_id": "8d49b010-…"}``.
        pack: the JD's role pack (`role_pack`), for greenhouse and lever: its scorecard and
            interview kit as Lever feedback templates, or as Greenhouse set-up to enter by hand.
        oracle_internal: what Oracle's Internal* fields, which employees read on the internal
            career site, carry: the posting (the default) or the internal job description.

    Raises:
        InputError: an unknown target or placeholder, or a JD the target cannot take (SEEK
            without pay); RenderError: a template's mistake.
    """
    if target not in TARGETS:
        raise InputError(f"unknown export target {target!r}; valid targets: {', '.join(TARGETS)}")
    known = _PLACEHOLDERS[target]
    unknown = sorted(set(fill or {}) - set(known))
    if unknown:
        valid = ", ".join(known) or "none"
        raise InputError(f"{target} has no placeholder {unknown[0]!r}; its placeholders: {valid}")
    if pack is not None and target not in PACK_TARGETS:
        raise InputError(f"{target} takes no scorecard or interview kit; the role pack goes to greenhouse or lever")
    if oracle_internal not in ("posting", "internal"):
        raise InputError(f"oracle_internal is posting or internal, not {oracle_internal!r}")
    values = {name: value for name, value in (fill or {}).items() if name in known}
    posting = posting_edition(jd, template_dirs)
    if target == "greenhouse":
        result = greenhouse.greenhouse_export(jd, posting, internal_edition(jd, template_dirs))
    elif target == "lever":
        result = lever.lever_export(jd, posting)
    elif target == "oracle":
        internal = internal_edition(jd, template_dirs) if oracle_internal == "internal" else None
        result = oracle.oracle_export(jd, posting, internal)
    elif target == "seek":
        result = seek.seek_export(jd, posting, values.get("seek_hirer_id"))
    else:
        result = unified_export(jd, posting, internal_edition(jd, template_dirs), _generator())
    if pack is not None:
        result = _with_pack(result, pack)
    requests = tuple(
        r.model_copy(update={"url": filled_url(r.url, values), "body": filled(r.body, values)}) for r in result.requests
    )
    left = list(dict.fromkeys(name for r in requests for name in placeholders(r.url, r.body) if name in known))
    return result.model_copy(update={"requests": requests, "fill": tuple(left)})


#: `export` under the name the package ``jdgen`` gives it.
ats_export = export


def _with_pack(result: Export, pack: RolePack) -> Export:
    if result.target == "lever":
        note = (
            "The feedback templates cannot be attached to the posting or its interview stages through the API: "
            "choose them for each interview in Lever. The overall rating is Lever's own 1–4 scale. Templates are "
            "shared by the whole account: send them once, and update them later with PUT /v1/feedback_templates/{id}."
        )
        requests = result.requests + lever_feedback_templates(pack.interview)
        return result.model_copy(update={"requests": requests, "notes": (*result.notes, note)})
    note = (
        "Harvest writes no scorecard attribute, interview plan or kit: enter by_hand in the job's set-up "
        "(or in a template job that new jobs copy)."
    )
    by_hand = greenhouse_by_hand(pack.scorecard, pack.interview)
    return result.model_copy(update={"by_hand": by_hand, "notes": (*result.notes, note)})


def placeholder_help(target: str) -> Mapping[str, str]:
    """The target's placeholders, each with what value it takes."""
    return _PLACEHOLDERS.get(target, {})


def to_json(result: Export) -> str:
    """The export as pretty JSON (UTF-8 characters kept, a final newline)."""
    return json.dumps(result.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False) + "\n"


def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped with jdgen: ``export`` (the envelope) or a body's (SCHEMAS lists them)."""
    if name not in SCHEMAS:
        raise InputError(f"unknown schema {name!r}; schemas: {', '.join(SCHEMAS)}")
    text = resources.files(__name__).joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _generator() -> str:
    from jdgen import __version__

    return f"jdgen {__version__}"
