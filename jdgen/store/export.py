"""A survey's answers as the files ``--answers`` reads: CSV (one row per answer) or YAML (one entry per respondent)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import yaml

from jdgen.data.answers_csv import guarded
from jdgen.data.inputs import answers_entry

#: The formats `export_answers` writes.
EXPORT_FORMATS = ("csv", "yaml")


def answers_csv(respondents: Sequence[dict[str, Any]]) -> str:
    """The answers as CSV rows: respondent, role, statement, answer, note (a formula-like cell is defused)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["respondent", "role", "statement", "answer", "note"])
    for person in respondents:
        for statement, answer in person["answers"].items():
            note = person.get("notes", {}).get(statement, "")
            cells = [person["respondent"], person.get("role") or "", statement, answer, note]
            writer.writerow([guarded(cell) for cell in cells])
    return out.getvalue()


def answers_yaml(respondents: Sequence[dict[str, Any]], title: str = "") -> str:
    """The answers as a YAML answers file (``respondents:``), each note beside its answer."""
    entries = [
        answers_entry(person["respondent"], person.get("role"), person["answers"], person.get("notes", {}))
        for person in respondents
    ]
    header = "# Readiness answers (jdgen assess --answers FILE): yes | partial | no | unknown, with notes.\n"
    if title:
        header += f"# {' '.join(title.split())}\n"
    return header + yaml.safe_dump({"respondents": entries}, sort_keys=False, allow_unicode=True, width=100)


def export_answers(respondents: Sequence[dict[str, Any]], fmt: str, title: str = "") -> str:
    """The answers in `fmt` (``csv`` or ``yaml``)."""
    return answers_csv(respondents) if fmt == "csv" else answers_yaml(respondents, title)
