"""The built-in templates, and copying them out for a user to edit (``jdgen templates export``).

A folder given with ``--templates DIR`` (``render(..., template_dirs=[DIR])``) is searched
before the built-in one, so a file there with a built-in template's name replaces it. The
reference .docx in such a folder styles the Word output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jdgen.common import resources
from jdgen.render import Document, render
from jdgen.render.output import write_into

#: What each built-in template is for, in the order `jdgen templates list` shows them.
PURPOSES: dict[str, str] = {
    "jd.md.j2": "the job description, internal edition (Markdown; .html and .docx are made from it)",
    "posting.md.j2": "the job description, posting edition (what a recruiter posts)",
    "comparison.md.j2": "the board's archetype comparison",
    "readiness.md.j2": "the executive team's readiness report",
    "scorecard.md.j2": "the role pack's scorecard: mission, outcomes, competencies, the first year",
    "interview.md.j2": "the role pack's interview kit: plan, questions and anchors, probes, work sample",
    "charter.md.j2": "the role pack's decision-rights charter and governance calendar",
    "_warning.md.j2": "one execution-chasm warning, included by the templates above",
    "page.html.j2": "the HTML page around every document (styles, JSON-LD)",
    "reference.docx": "the Word look: styles, fonts, colours, header and footer",
}


def builtin_names() -> tuple[str, ...]:
    """The names of the built-in templates (and the reference document), in a stable order."""
    return tuple(PURPOSES)


def export_templates(folder: str | Path, *, force: bool = False) -> list[Path]:
    """Copy the built-in templates and reference document into `folder` (created if missing).

    Nothing is written unless every file can be: each existing file is refused without
    `force`, before any copy.

    Returns:
        The files written, in `builtin_names()` order.

    Raises:
        OutputError: the folder cannot be created, or a file exists without `force`.
    """
    source = resources.templates_dir()
    return write_into(folder, {name: (source / name).read_bytes() for name in builtin_names()}, force=force)


@dataclass(frozen=True)
class Branding:
    """The user's templates and Word reference document, checked; renders documents with them."""

    template_dirs: tuple[Path, ...] = ()
    reference: Path | None = None

    def render(self, document: Document, fmt: str, posting: bool = False) -> bytes | str:
        """`jdgen.render` with these templates and this reference."""
        return render(document, fmt, posting=posting, template_dirs=self.template_dirs, reference=self.reference)
