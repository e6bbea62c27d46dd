"""Documents → JSON: the model itself; a JD's posting edition drops the internal fields."""

from __future__ import annotations

import json
from typing import Any

from jdgen.decide.board_results import Comparison, ReadinessReport
from jdgen.decide.pack_results import PackDocument
from jdgen.decide.results import JobDescription


def jd_data(jd: JobDescription) -> dict[str, Any]:
    """The JD as JSON-ready data; in the posting edition without readiness, warnings, sources and block reasons."""
    if jd.edition == "posting":
        data = jd.model_dump(mode="json", exclude=set(JobDescription.INTERNAL_FIELDS))
        for block in data["blocks"]:
            block.pop("reason", None)
            block.pop("closes", None)
        return data
    return jd.model_dump(mode="json")


def to_json(document: JobDescription | Comparison | ReadinessReport | PackDocument) -> str:
    """Pretty, stable JSON (UTF-8 characters kept, a final newline): the document's model."""
    data = jd_data(document) if isinstance(document, JobDescription) else document.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
