"""The job description's commands: ``jdgen generate`` and ``jdgen demo``.

Like every command module, this one imports the library inside the commands, so that
``jdgen --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from jdgen.cli_common import (
    answers_option,
    branding,
    branding_options,
    catalog_and_archetype,
    catalog_option,
    debug_option,
    force_option,
    format_option,
    load_inputs,
    output_format,
    profile_options,
    report_warnings,
    write_output,
)
from jdgen.cli_lint import lint_generated, lint_options, lint_settings
from jdgen.errors import OutputError

if TYPE_CHECKING:
    from jdgen.render import Document


@click.command()
@click.option("-a", "--archetype", required=True, help="Archetype id (see `jdgen archetypes`).")
@answers_option
@profile_options
@click.option("--posting", is_flag=True, help="Posting edition: leave the internal advisory out (every format).")
@format_option
@click.option("-o", "--output", help="Output file, or - for stdout (default: a name from company and archetype).")
@force_option
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 3, nothing written) when a chasm warning fires or a posting check reaches warning level.",
)
@lint_options
@branding_options
@catalog_option
@debug_option
def generate(
    archetype: str,
    answers_paths: tuple[Path, ...],
    profile_path: Path | None,
    posting: bool,
    fmt: str | None,
    output: str | None,
    force: bool,
    strict: bool,
    template_dirs: tuple[Path, ...],
    reference: Path | None,
    catalog_dirs: tuple[Path, ...],
    **fields: Any,
) -> None:
    """Generate a job description for one archetype.

    Warnings from the execution-chasm rules are printed to stderr, then the posting checks
    of `jdgen lint` on the posting edition (and, for JSON-LD, what Google's job search needs).
    Files are written atomically and never overwritten without --force.
    """
    from jdgen.compose import compose
    from jdgen.output import default_name

    fmt = output_format(fmt, output)
    config, lists = lint_settings(fields)
    look = branding(template_dirs, reference, [fmt])
    catalog = catalog_and_archetype(catalog_dirs, archetype)
    answers, profile = load_inputs(catalog, answers_paths, profile_path, fields)
    jd = compose(catalog, archetype, answers, profile)
    data = look.render(jd, fmt, posting=posting)  # a template's mistake shows before the warnings
    report_warnings(jd.warnings, strict)
    lint_generated(jd, profile, config, lists, fmt, strict, look.template_dirs)
    write_output(data, fmt, output or default_name(archetype, profile.company, fmt, posting), force)


@click.command()
@click.option(
    "-o", "--output-dir", default="jdgen-demo", show_default=True, type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--force", is_flag=True, help="Overwrite files from an earlier demo.")
@debug_option
def demo(output_dir: Path, force: bool) -> None:
    """Write the sample outputs from the bundled example inputs (a three-person executive team).

    The readiness report and the board comparison (Word), then the job description for the
    best-fit archetype in every format, internal and posting editions, with its schema.org
    JobPosting (.jsonld).
    """
    from jdgen import resources
    from jdgen.catalog import load_catalog
    from jdgen.compare import compare
    from jdgen.compose import compose
    from jdgen.inputs import load_answers, load_profile
    from jdgen.lint import LintConfig
    from jdgen.output import company_file, default_name
    from jdgen.render import render
    from jdgen.report import readiness_report
    from jdgen.wordlists import language_lists

    catalog = load_catalog()
    examples = resources.examples_dir()
    team = load_answers(examples / "team.csv", catalog)
    profile = load_profile(examples / "profile.yaml")
    board = compare(catalog, team, profile)
    report = readiness_report(catalog, team, profile)
    archetype = board.ranking[0].archetype
    jd = compose(catalog, archetype, team, profile)
    documents: list[tuple[Document, str, bool, Path]] = [
        (report, "docx", False, output_dir / company_file("cco-readiness-report", profile.company, "docx")),
        (board, "docx", False, output_dir / company_file("cco-board-comparison", profile.company, "docx")),
    ]
    outputs = [(fmt, False) for fmt in ("docx", "md", "html", "json")] + [
        ("docx", True),
        ("md", True),
        ("jsonld", True),
    ]
    documents += [
        (jd, fmt, posting, output_dir / default_name(archetype, profile.company, fmt, posting))
        for fmt, posting in outputs
    ]
    existing = [str(path) for *_, path in documents if path.exists() or path.is_symlink()]
    if existing and not force:
        raise OutputError(
            f"{existing[0]}: already exists (and {len(existing) - 1} more); use --force to overwrite them"
        )
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{output_dir}: cannot create the folder ({exc.strerror or exc})") from None
    rendered = [(fmt, path, render(doc, fmt, posting=posting)) for doc, fmt, posting, path in documents]
    for fmt, path, data in rendered:
        write_output(data, fmt, str(path), force)
    report_warnings(jd.warnings, strict=False)
    lint_generated(jd, profile, LintConfig(), language_lists(), "md", strict=False)
    click.echo(f"jdgen: readiness: {report.readiness.label}", err=True)
    click.echo(f"jdgen: best fit: {board.ranking[0].name} (fit score {board.ranking[0].score})", err=True)
