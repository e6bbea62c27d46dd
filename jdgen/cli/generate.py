"""The job description's command: ``jdgen generate``.

Like every command module, this one imports the library inside the commands, so that
``jdgen --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from jdgen.cli.common import (
    answers_from,
    answers_option,
    branding,
    branding_options,
    catalog_and_archetype,
    catalog_option,
    checked_output,
    debug_option,
    force_option,
    format_option,
    output_format,
    report_warnings,
    write_output,
)
from jdgen.cli.lint import lint_generated, lint_options, lint_settings
from jdgen.cli.profile_options import profile_from, profile_options


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
    from jdgen.decide.compose import compose
    from jdgen.render.output import default_name

    fmt = output_format(fmt, output)
    config, lists = lint_settings(fields)
    catalog, archetype = catalog_and_archetype(catalog_dirs, archetype)
    profile = profile_from(profile_path, fields)
    target = checked_output(output or default_name(archetype, profile.company, fmt, posting), force)
    look = branding(template_dirs, reference, [fmt])
    jd = compose(catalog, archetype, answers_from(catalog, answers_paths), profile)
    data = look.render(jd, fmt, posting=posting)  # a template's mistake shows before the warnings
    report_warnings(jd.warnings, strict)
    lint_generated(jd, profile, config, lists, fmt, strict, look.template_dirs)
    write_output(data, fmt, target, force)
