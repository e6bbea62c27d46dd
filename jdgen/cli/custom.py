"""The customising and embedding commands: ``jdgen templates`` and ``jdgen schema``."""

from __future__ import annotations

from pathlib import Path

import click

from jdgen.cli.common import catalog_option, debug_option, emit, force_option, print_json

#: `jdgen.data.schemas.SCHEMAS`, spelled out so that loading the command line does not load the
#: models (tests/test_cold_start.py checks that the two agree).
SCHEMAS = ("profile", "answers", "catalog")


@click.group("templates")
@debug_option
def templates_group() -> None:
    """The built-in templates: list them, or copy them out to edit (then use --templates DIR)."""


@templates_group.command("list")
@debug_option
def templates_list() -> None:
    """List the built-in templates and what each one renders."""
    from jdgen.cli.terminal import table
    from jdgen.render.templates import PURPOSES

    emit(table(("TEMPLATE", "RENDERS"), list(PURPOSES.items())))


@templates_group.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@force_option
@debug_option
def templates_export(directory: Path, force: bool) -> None:
    """Copy the built-in templates and reference.docx into DIRECTORY, as a starting point.

    Edit the copies (the Markdown templates decide the wording and order of every format; the
    reference.docx, opened in Word, decides the look), then pass `--templates DIRECTORY` to
    generate, compare or assess --report. Delete the files you leave unchanged: the built-in
    ones stand in for them, and pick up jdgen's later fixes.
    """
    from jdgen.render.templates import export_templates

    written = export_templates(directory, force=force)
    click.echo(f"jdgen: wrote {len(written)} files to {directory}: {', '.join(p.name for p in written)}", err=True)


@click.command("schema")
@click.argument("kind", type=click.Choice(SCHEMAS))
@catalog_option
@debug_option
def schema_command(kind: str, catalog_dirs: tuple[Path, ...]) -> None:
    """Print the JSON Schema (draft 2020-12) of an input: a profile, an answers file or a catalog file.

    Other tools can check their data with it before calling jdgen. The statement ids of the
    answers, and the sector and priority ids of the profile, come from the catalog (with --catalog
    overlays).
    """
    from jdgen.data.catalog import load_catalog
    from jdgen.data.schemas import input_schema

    catalog = load_catalog(catalog_dirs) if kind in ("answers", "profile") else None
    print_json(input_schema(kind, catalog))
