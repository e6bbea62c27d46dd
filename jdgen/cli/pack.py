"""The role pack's commands: ``jdgen pack`` into a folder; ``scorecard``, ``interview``, ``charter`` one each.

Each takes the inputs of ``jdgen generate``, composes the JD, and makes the pack from it. Nothing
is written until every document has rendered, nothing is overwritten without --force, and a
folder gets all of the pack's files or none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from jdgen.cli.common import (
    answers_from,
    answers_option,
    apply_options,
    branding,
    branding_options,
    catalog_and_archetype,
    catalog_option,
    checked_output,
    debug_option,
    force_option,
    output_format,
    report_format_option,
    report_warnings,
    say,
    write_output,
)
from jdgen.cli.profile_options import profile_from, profile_options

if TYPE_CHECKING:
    from jdgen.data.catalog import Catalog
    from jdgen.data.input_models import Profile
    from jdgen.decide.pack_results import PackDocument
    from jdgen.decide.results import JobDescription

#: The formats of a pack document (JSON-LD is a posting's alone).
PACK_FORMATS = ("docx", "md", "html", "json", "pdf")

_SHARED = [
    click.option("-a", "--archetype", required=True, help="Archetype id (see `jdgen archetypes`)."),
    answers_option,
    profile_options,
]


def _shared(func: Any) -> Any:
    return apply_options(func, _SHARED)


def _composed(
    catalog_dirs: tuple[Path, ...],
    archetype: str,
    answers_paths: tuple[Path, ...],
    profile_path: Path | None,
    fields: dict[str, Any],
) -> tuple[Catalog, JobDescription, Profile]:
    from jdgen.decide.compose import compose

    catalog, archetype = catalog_and_archetype(catalog_dirs, archetype)
    profile = profile_from(profile_path, fields)
    return catalog, compose(catalog, archetype, answers_from(catalog, answers_paths), profile), profile


@click.command()
@_shared
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the pack's files (created if missing).",
)
@click.option(
    "--format",
    "fmts",
    multiple=True,
    type=click.Choice(PACK_FORMATS),
    metavar="FORMAT",
    help=f"Format of every document (repeatable: one file per document and format): {', '.join(PACK_FORMATS)}. Default: docx.",
)
@force_option
@branding_options
@catalog_option
@debug_option
def pack(
    archetype: str,
    answers_paths: tuple[Path, ...],
    profile_path: Path | None,
    folder: Path,
    fmts: tuple[str, ...],
    force: bool,
    template_dirs: tuple[Path, ...],
    reference: Path | None,
    catalog_dirs: tuple[Path, ...],
    **fields: Any,
) -> None:
    """Write the role pack into a folder: the JD (internal and posting), scorecard, interview kit and charter.

    The scorecard holds the role's mission, its outcomes for 12 and 24 months (from the
    readiness gaps and the archetype's work), the competencies and the first year's plan; the
    interview kit, the structured interview every candidate gets; the charter, who decides what.
    """
    from jdgen.decide.pack import role_pack
    from jdgen.render.output import write_into
    from jdgen.render.pack_files import pack_files

    formats = tuple(dict.fromkeys(fmts or ("docx",)))
    for fmt in formats:
        output_format(fmt, None)  # PDF without LibreOffice is refused now, before any work
    catalog, jd, profile = _composed(catalog_dirs, archetype, answers_paths, profile_path, fields)
    look = branding(template_dirs, reference, formats)
    files = pack_files(look, jd, role_pack(catalog, jd, profile), formats)
    report_warnings(jd.warnings, strict=False)
    for path in write_into(folder, files, force=force):
        say(f"wrote {path}")


def _one_document(kind: str, summary: str) -> Callable[..., None]:
    @click.command(name=kind, help=summary)
    @_shared
    @report_format_option
    @click.option(
        "-o", "--output", help=f"Output file, or - for stdout (default: a name from company, archetype and {kind})."
    )
    @force_option
    @branding_options
    @catalog_option
    @debug_option
    def command(
        archetype: str,
        answers_paths: tuple[Path, ...],
        profile_path: Path | None,
        fmt: str | None,
        output: str | None,
        force: bool,
        template_dirs: tuple[Path, ...],
        reference: Path | None,
        catalog_dirs: tuple[Path, ...],
        **fields: Any,
    ) -> None:
        from jdgen.decide.charter import make_charter
        from jdgen.decide.interview_kit import make_interview_kit
        from jdgen.decide.pack import pack_context
        from jdgen.decide.scorecard import make_scorecard
        from jdgen.render.pack_files import pack_file_name

        fmt = output_format(fmt, output, jsonld=False)
        catalog, jd, profile = _composed(catalog_dirs, archetype, answers_paths, profile_path, fields)
        target = checked_output(output or pack_file_name(jd, kind, fmt), force)
        look = branding(template_dirs, reference, [fmt])
        context = pack_context(catalog, jd, profile)
        document: PackDocument = (
            make_scorecard(context)
            if kind == "scorecard"
            else make_interview_kit(context)
            if kind == "interview"
            else make_charter(context)
        )
        data = look.render(document, fmt)
        write_output(data, fmt, target, force)

    return command


scorecard = _one_document(
    "scorecard",
    "Write the role's scorecard: mission, outcomes for 12 and 24 months, competencies, the first year.",
)
interview = _one_document(
    "interview",
    "Write the interview kit: plan and panels, questions with 1–5 anchors, probes, work sample, references.",
)
charter = _one_document(
    "charter",
    "Write the decision-rights charter: who decides each customer decision, and the governance calendar.",
)
