"""An example HR tool on jdgen's public API: a posting and a Word file for each open CCO requisition.

    python -m tests.example_hr_tool requisitions.json out/ [--catalog overlay/ ...]

``requisitions.json`` lists the open Chief Customer Officer requisitions::

    [{"id": "req-101", "archetype": "enterprise-cx",
      "profile": {"company": "Acme", "location": {"city": "Denver", "region": "CO"}},
      "answers": {"resources": "no", "role-clarity": "partial"}}]

For each requisition the tool composes the job description, writes the posting edition as
``<id>-posting.md`` and the internal edition (with its readiness and warnings) as ``<id>.docx``,
lints the posting and collects the execution-chasm warnings. A requisition that jdgen refuses
is reported and skipped; the others still run. A JSON summary goes to standard output.

Exit status: 0 when every requisition succeeded, 1 when some failed, 2 when the catalog or the
requisitions file could not be read.

This file is type-checked with ``mypy --strict`` (see ``[tool.mypy]`` in pyproject.toml) and
run by ``tests/test_embedding.py``: it shows that the API can be used as an HR tool would.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from jdgen import Catalog, ChasmWarning, JdgenError, LintReport, compose, lint_posting, load_catalog, render

#: A requisition id becomes part of file names: letters, digits, dots, dashes and underscores only.
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True)
class Requisition:
    """One open CCO role as the applicant-tracking system exports it."""

    id: str
    archetype: str
    profile: Mapping[str, Any]
    answers: Mapping[str, Any] | None


@dataclass
class Outcome:
    """What happened to one requisition, as it appears in the summary."""

    id: str
    status: Literal["ok", "error"]
    archetype: str | None = None
    title: str | None = None
    readiness: str | None = None
    files: list[str] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    lint_clean: bool | None = None
    lint_warnings: list[str] = field(default_factory=list)
    error: str | None = None
    problems: list[str] = field(default_factory=list)


class RequisitionError(ValueError):
    """A requisition that is not shaped as the tool expects (before jdgen sees it)."""


def parse_requisition(data: object, position: int) -> Requisition:
    """Check one entry of the requisitions list and return it typed."""
    if not isinstance(data, dict):
        raise RequisitionError(f"requisition {position}: expected an object, got {type(data).__name__}")
    ident = data.get("id")
    if not isinstance(ident, str) or not _SAFE_ID.fullmatch(ident):
        raise RequisitionError(f"requisition {position}: 'id' must be a short name of letters, digits, '.', '-', '_'")
    archetype = data.get("archetype")
    if not isinstance(archetype, str):
        raise RequisitionError(f"{ident}: 'archetype' must be a string such as 'enterprise-cx'")
    profile = data.get("profile", {})
    answers = data.get("answers")
    if not isinstance(profile, dict) or not (answers is None or isinstance(answers, dict)):
        raise RequisitionError(f"{ident}: 'profile' and 'answers' must be objects")
    return Requisition(ident, archetype, profile, answers)


def warning_summary(warning: ChasmWarning) -> dict[str, str]:
    """The parts of a warning a recruiter acts on."""
    return {"severity": warning.severity, "title": warning.title, "action": warning.action}


def lint_summary(report: LintReport) -> list[str]:
    """One line per posting finding that should be fixed before the role is advertised."""
    return [f"{finding.check}: {finding.message}" for finding in report.warnings]


def process(catalog: Catalog, requisition: Requisition, out_dir: Path) -> Outcome:
    """Compose, write and lint one requisition's job description.

    Raises:
        JdgenError: jdgen refused the requisition (unknown archetype, invalid answers or profile).
    """
    jd = compose(catalog, requisition.archetype, requisition.answers, requisition.profile)
    posting_md, report = lint_posting(jd)
    internal_docx = render(jd, "docx")
    if not isinstance(internal_docx, bytes):  # render() gives bytes for docx and str otherwise
        raise TypeError("render(jd, 'docx') did not return bytes")
    posting_path = out_dir / f"{requisition.id}-posting.md"
    docx_path = out_dir / f"{requisition.id}.docx"
    posting_path.write_text(posting_md, encoding="utf-8")
    docx_path.write_bytes(internal_docx)
    return Outcome(
        id=requisition.id,
        status="ok",
        archetype=jd.archetype.name,
        title=jd.title,
        readiness=jd.readiness.band if jd.readiness else None,
        files=[posting_path.name, docx_path.name],
        warnings=[warning_summary(w) for w in jd.warnings],
        lint_clean=report.clean,
        lint_warnings=lint_summary(report),
    )


def run(catalog: Catalog, entries: Sequence[object], out_dir: Path) -> list[Outcome]:
    """Process every requisition; one that fails is reported and does not stop the others."""
    outcomes: list[Outcome] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, 1):
        ident = str(entry.get("id", f"#{position}")) if isinstance(entry, dict) else f"#{position}"
        try:
            requisition = parse_requisition(entry, position)
            if requisition.id in seen:
                raise RequisitionError(f"{requisition.id}: the id is used twice; its files would overwrite each other")
            seen.add(requisition.id)
            outcomes.append(process(catalog, requisition, out_dir))
        except RequisitionError as exc:
            outcomes.append(Outcome(id=ident, status="error", error=str(exc)))
        except JdgenError as exc:
            problems = [str(problem) for problem in exc.problems]
            outcomes.append(Outcome(id=ident, status="error", error=str(exc), problems=problems))
        except OSError as exc:
            outcomes.append(Outcome(id=ident, status="error", error=f"cannot write the files: {exc}"))
    return outcomes


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool; return the exit status."""
    parser = argparse.ArgumentParser(description="Write CCO postings for open requisitions with jdgen.")
    parser.add_argument("requisitions", type=Path, help="JSON file: a list of requisitions")
    parser.add_argument("out_dir", type=Path, help="folder for the postings and Word files")
    parser.add_argument("--catalog", type=Path, action="append", default=[], help="catalog overlay folder")
    args = parser.parse_args(argv)
    requisitions: Path = args.requisitions
    out_dir: Path = args.out_dir
    overlays: list[Path] = args.catalog

    try:
        catalog = load_catalog(overlays)
    except JdgenError as exc:
        print(f"error: the catalog cannot be used:\n{exc}", file=sys.stderr)
        return 2
    try:
        entries: object = json.loads(requisitions.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"error: {requisitions}: {exc}", file=sys.stderr)
        return 2
    if not isinstance(entries, list):
        print(f"error: {requisitions}: expected a JSON list of requisitions", file=sys.stderr)
        return 2

    out_dir.mkdir(parents=True, exist_ok=True)
    outcomes = run(catalog, entries, out_dir)
    failed = sum(o.status == "error" for o in outcomes)
    summary = {
        "succeeded": len(outcomes) - failed,
        "failed": failed,
        "requisitions": [asdict(o) for o in outcomes],
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
