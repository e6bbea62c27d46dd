"""The executive team's and the board's commands: ``jdgen assess`` and ``jdgen compare``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from jdgen.cli.common import (
    answers_from,
    answers_option,
    branding,
    branding_options,
    catalog_option,
    checked_output,
    debug_option,
    force_option,
    output_format,
    report_format_option,
    report_warnings,
    write_output,
)
from jdgen.cli.profile_options import profile_from, role_options
from jdgen.common.errors import InputError, OutputError

if TYPE_CHECKING:
    from jdgen.decide.board_results import Comparison


@click.command()
@click.option("-o", "--output", help="Answers file to write (default: answers[-NAME].yaml), or - for stdout.")
@click.option("--respondent", help="Who answers (recorded in the answers file).")
@click.option("--role", help="The respondent's role, e.g. CFO (recorded in the answers file).")
@click.option(
    "--report",
    "report_paths",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the readiness report from these answers files (YAML or CSV; repeatable) instead of asking.",
)
@role_options
@report_format_option
@force_option
@click.option("--strict", is_flag=True, help="With --report: fail (exit 3, nothing written) when a warning fires.")
@branding_options
@catalog_option
@debug_option
def assess(
    output: str | None,
    respondent: str | None,
    role: str | None,
    report_paths: tuple[Path, ...],
    fmt: str | None,
    force: bool,
    strict: bool,
    template_dirs: tuple[Path, ...],
    reference: Path | None,
    catalog_dirs: tuple[Path, ...],
    **fields: Any,
) -> None:
    """Answer the readiness statements, or write the readiness report.

    Without --report: asks each statement in turn (with why it matters), takes yes, partial,
    no or unknown and an optional note, lets you go back (b), and writes an answers file
    that `generate`, `compare` and `assess --report` accept. Answers can be piped in, one
    line per answer and one per note.

    With --report FILE: the executive team's readiness report (verdict, per-statement table
    with the split between respondents and their notes, gaps and the blocks that close
    them, dissent, next steps) as .docx, .md, .html or .json.
    """
    from jdgen.data.catalog import load_catalog
    from jdgen.data.inputs import dump_answers, load_answers
    from jdgen.decide.report import readiness_report
    from jdgen.render.output import company_file, ensure_writable, slug, write_atomic

    catalog = load_catalog(catalog_dirs)
    if report_paths:
        if respondent or role:
            raise click.UsageError("--respondent and --role are for answering; --report reads them from the files")
        fmt = output_format(fmt, output, jsonld=False)
        profile = profile_from(fields.pop("profile_path"), fields)
        target = checked_output(output or company_file("cco-readiness-report", profile.company, fmt), force)
        look = branding(template_dirs, reference, [fmt])
        report = readiness_report(catalog, load_answers(report_paths, catalog), profile)
        report_warnings(report.warnings, strict)
        data = look.render(report, fmt)
        write_output(data, fmt, target, force)
        click.echo(f"jdgen: readiness: {report.readiness.label}", err=True)
        return
    if fmt is not None or strict or template_dirs or reference or any(v not in (None, ()) for v in fields.values()):
        raise click.UsageError("--format, --strict, --templates, --reference and the profile options go with --report")
    from jdgen.cli.questionnaire import run_questionnaire

    target = output or (f"answers-{slug(respondent)}.yaml" if respondent and slug(respondent) else "answers.yaml")
    if target != "-" and Path(target).suffix.lower() not in (".yaml", ".yml"):
        raise click.BadParameter(
            f"answers are written as YAML; give a .yaml name (or use --report FILE to write a report to {target})",
            param_hint="'-o'",
        )
    if target != "-":
        ensure_writable(target, force=force)  # before the questions, not after
    answers = run_questionnaire(catalog, respondent, role)
    text = dump_answers(answers)
    if target == "-":
        click.echo(text, nl=False)
    else:
        try:
            path = write_atomic(target, text, force=force)
        except OutputError:
            click.echo(text, nl=False)  # the answers are not lost: they go to stdout
            raise
        click.echo(f"jdgen: wrote {path}", err=True)
    from jdgen.decide.assessment import assess as score

    readiness = score(catalog, answers)
    click.echo(f"jdgen: readiness from these answers: {readiness.label}", err=True)


def _ranking_lines(comparison: Comparison) -> str:
    from jdgen.cli.terminal import table

    rows = [(str(f.rank), f.name, str(f.score), *(str(p.points) for p in f.parts)) for f in comparison.ranking]
    parts = comparison.ranking[0].parts
    head = comparison.recommendation.headline
    heads = (
        "RANK",
        "ARCHETYPE",
        "FIT",
        *(p.name.upper().removesuffix("IES") + ("Y" if p.id == "priorities" else "") for p in parts),
    )
    scale = " + ".join(f"{p.name.lower()} {p.max}" for p in parts)
    ranked = table(heads, rows, err=True).rstrip("\n")
    return f"jdgen: {head[0].lower()}{head[1:]}\n{ranked}\njdgen: fit out of 100, at most: {scale}"


@click.command("compare")
@answers_option
@role_options
@click.option("--archetypes", help="Comma-separated archetype ids to compare, in order (default: all).")
@report_format_option
@click.option("-o", "--output", help="Output file, or - for stdout (default: [company-]cco-board-comparison.docx).")
@force_option
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 3, nothing written) when a warning on the answers alone (dissent, say) fires.",
)
@branding_options
@catalog_option
@debug_option
def compare_command(
    answers_paths: tuple[Path, ...],
    archetypes: str | None,
    fmt: str | None,
    output: str | None,
    force: bool,
    strict: bool,
    template_dirs: tuple[Path, ...],
    reference: Path | None,
    catalog_dirs: tuple[Path, ...],
    **fields: Any,
) -> None:
    """Compare archetypes side by side for the board.

    A coverage matrix (the blocks the company needs × archetypes: strength, added by the JD,
    lacks, not in scope; shaded in Word and HTML), a fit ranking with its scoring rule, and
    each archetype's reporting line, authority and warnings. The ranking is printed too.
    Warnings that fire whichever archetype is chosen (dissent among respondents, say) are
    printed to stderr; --strict fails on them.
    """
    from jdgen.data.catalog import load_catalog
    from jdgen.decide.compare import archetype_ids, compare
    from jdgen.render.output import company_file

    fmt = output_format(fmt, output, jsonld=False)
    catalog = load_catalog(catalog_dirs)
    try:
        chosen = archetype_ids(catalog, archetypes) if archetypes is not None else None
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="'--archetypes'") from None
    profile = profile_from(fields.pop("profile_path"), fields)
    target = checked_output(output or company_file("cco-board-comparison", profile.company, fmt), force)
    look = branding(template_dirs, reference, [fmt])
    comparison = compare(catalog, answers_from(catalog, answers_paths), profile, chosen)
    report_warnings(comparison.shared_warnings, strict)
    data = look.render(comparison, fmt)
    write_output(data, fmt, target, force)
    click.echo(_ranking_lines(comparison), err=True)
