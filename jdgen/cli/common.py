"""What the CLI's commands share: options, output, warnings and errors on the terminal.

Importing this module (and every command module) loads click and nothing heavy: `jdgen --help`
builds every command's options. The library is imported inside the functions that use it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from jdgen.common.errors import InputError, OutputError, RenderError, StrictModeError

if TYPE_CHECKING:
    from jdgen.data.catalog import Catalog
    from jdgen.data.input_models import Survey
    from jdgen.decide.results import ChasmWarning
    from jdgen.render.templates import Branding

F = TypeVar("F", bound=Callable[..., Any])
EXIT_ERROR, EXIT_STRICT = 1, 3

#: `jdgen.render.FORMATS`, spelled out here: the renderers' package loads pydantic, and the
#: options are built for `jdgen --help` (tests/test_cold_start.py checks that the two agree).
FORMATS: tuple[str, ...] = ("docx", "md", "html", "json", "jsonld", "pdf")


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().meta["jdgen.debug"] = True


debug_option = click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_set_debug,
    help="Show the traceback of an error.",
)
catalog_option = click.option(
    "--catalog",
    "catalog_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Overlay folder of catalog YAML (repeatable): adds items or replaces them by id.",
)


def _format_option(formats: Sequence[str]) -> Callable[[F], F]:
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(formats),
        help="Output format (default: from -o's extension, else docx).",
    )


format_option = _format_option(FORMATS)
#: The formats of a comparison or a readiness report (JSON-LD is a job posting's alone).
report_format_option = _format_option([f for f in FORMATS if f != "jsonld"])
force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def emit(text: str) -> None:
    """Print text to stdout without a doubled final newline."""
    click.echo(text.rstrip("\n"))


def say(text: str) -> None:
    """A message on stderr after ``jdgen:``, wrapped to the terminal, its further lines indented under it."""
    import textwrap

    from jdgen.cli.terminal import width

    lines = textwrap.wrap(text, width(err=True) - 9, break_long_words=False, break_on_hyphens=False)
    for n, line in enumerate(lines):
        click.echo(f"jdgen: {line}" if n == 0 else f"jdgen:   {line}", err=True)


def print_json(data: Any) -> None:
    """Print data as indented JSON (UTF-8 kept)."""
    emit(json.dumps(data, indent=2, ensure_ascii=False))


def apply_options(func: F, options: Sequence[Any]) -> F:
    """Decorate `func` with click options, in the order given (first option first in --help)."""
    for option in reversed(options):
        func = option(func)
    return func


answers_option = click.option(
    "--answers",
    "answers_paths",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Readiness answers: YAML or CSV, one respondent or many (repeatable: the respondents are put together).",
)


def answers_from(catalog: Catalog, answers_paths: Sequence[Path]) -> Survey | None:
    """The respondents of every answers file, put together (None without files)."""
    from jdgen.data.inputs import load_answers

    return load_answers(answers_paths, catalog) if answers_paths else None


def report_warnings(warnings: Sequence[ChasmWarning], strict: bool) -> None:
    """Print each warning to stderr; with `strict`, fail when one is at warning level or above."""
    from jdgen.cli.terminal import warning_line
    from jdgen.data.fields import SEVERITY_ORDER

    for w in warnings:
        click.echo(f"jdgen: {warning_line(w)}", err=True)
    failing = [w for w in warnings if SEVERITY_ORDER[w.severity] >= SEVERITY_ORDER["warning"]]
    if strict and failing:
        raise StrictModeError(
            f"--strict: {len(failing)} warning(s) at warning level or above fired; nothing was written"
        )


def checked_output(output: str, force: bool) -> str:
    """`output`, once it is known that it can be written: a refusal comes now, before any work.

    Raises:
        OutputError: the file exists without `force` (or is a folder, …), or its folder is missing.
    """
    from jdgen.render.output import ensure_writable

    if output != "-":
        ensure_writable(output, force=force)
    return output


def write_output(data: bytes | str, fmt: str, output: str, force: bool) -> None:
    """Write to a file atomically (saying so on stderr), or to stdout for ``-``."""
    from jdgen.render import BINARY_FORMATS
    from jdgen.render.output import write_atomic

    if output == "-":
        if sys.stdout is None:  # started with standard output closed (`>&-`)
            raise OutputError("standard output is closed; give -o FILE")
        if fmt in BINARY_FORMATS and sys.stdout.isatty():
            raise click.UsageError(f"refusing to write binary .{fmt} to a terminal; use -o FILE or redirect stdout")
        try:
            sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
            sys.stdout.buffer.flush()
        except OSError as exc:
            raise OutputError(f"cannot write to standard output ({exc.strerror or exc})") from None
        return
    path = write_atomic(output, data, force=force)
    click.echo(f"jdgen: wrote {path}", err=True)


def output_format(fmt: str | None, output: str | None, jsonld: bool = True) -> str:
    """The output format: --format, else -o's extension, else docx; a disagreement is a usage error.

    Without `jsonld` (a comparison or a report), a ``.jsonld`` output name is refused.
    """
    from jdgen.render import EXTENSIONS

    if not output or output == "-":
        return fmt or "docx"
    suffix = Path(output).suffix.lower()
    implied = EXTENSIONS.get(suffix)
    if implied == "jsonld" and not jsonld:
        raise click.BadParameter(
            f"{output}: JSON-LD (a schema.org JobPosting) is for job descriptions; use .json", param_hint="'-o'"
        )
    if fmt and implied and fmt != implied:
        raise click.BadParameter(f"{output} has the {suffix} extension but --format is {fmt}", param_hint="'-o'")
    if not fmt and not implied:
        known = ", ".join(sorted(EXTENSIONS))
        raise click.BadParameter(
            f"cannot tell the format from {output!r}; use an extension ({known}) or --format", param_hint="'-o'"
        )
    chosen = fmt or implied or "docx"
    if chosen == "pdf":
        from jdgen.render.pdf import NOT_INSTALLED, pdf_available

        if not pdf_available():  # said before any work is done
            raise RenderError(NOT_INSTALLED)
    return chosen


def catalog_and_archetype(
    catalog_dirs: Sequence[Path], archetype: str, hint: str = "'--archetype'"
) -> tuple[Catalog, str]:
    """The catalog and the archetype's id as it spells it (typed in any case); an unknown one is a usage error."""
    from jdgen.data.catalog import load_catalog

    catalog = load_catalog(catalog_dirs)
    try:
        return catalog, catalog.archetypes.resolve(archetype)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint=hint) from None


# --- custom templates and Word branding ------------------------------------------------------

_BRANDING_OPTIONS: list[Any] = [
    click.option(
        "--templates",
        "template_dirs",
        multiple=True,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Folder of your own templates, searched before the built-in ones (repeatable; "
        "`jdgen templates export DIR` gives a starting point). Its reference.docx, if any, styles the Word file.",
    ),
    click.option(
        "--reference",
        type=click.Path(dir_okay=False, path_type=Path),
        help="A .docx whose styles, fonts, colours, header and footer the Word file takes.",
    ),
]


def branding_options(func: F) -> F:
    """``--templates DIR`` (repeatable) and ``--reference FILE.docx``."""
    return apply_options(func, _BRANDING_OPTIONS)


def branding(template_dirs: Sequence[Path], reference: Path | None, formats: Sequence[str]) -> Branding:
    """Check the user's templates and reference now, before any work, and warn about what they lack.

    Without --reference, the first templates folder holding a ``reference.docx`` gives it.
    A reference that lacks some of the writer's styles gets the built-in ones, with a warning
    naming them (only when a Word file is written).

    Raises:
        RenderError: a template that is empty or not valid Jinja, or a reference that is not a
            readable .docx.
    """
    from jdgen.render.environment import check_templates
    from jdgen.render.templates import Branding, builtin_names

    check_templates(template_dirs)
    for folder in template_dirs:
        if not any((folder / name).is_file() for name in builtin_names()):
            click.echo(
                f"jdgen: warning: {folder}: no template in it has a built-in template's name "
                f"({', '.join(builtin_names())}), so none replaces one",
                err=True,
            )
    if reference is None:
        reference = next((d / "reference.docx" for d in template_dirs if (d / "reference.docx").is_file()), None)
    if reference is not None:
        from jdgen.render.docx import active_content, missing_styles  # python-docx: only for a user's reference

        lacking = missing_styles(reference)  # also refuses a file that is not a .docx, whatever the format
        dropped = active_content(reference)
        if dropped and "docx" in formats:
            click.echo(
                f"jdgen: warning: {reference} holds content Word would run or fetch, left out of every "
                f"document: {', '.join(dropped)}",
                err=True,
            )
        if lacking and "docx" in formats:
            click.echo(
                f"jdgen: warning: {reference} lacks the style(s) {', '.join(lacking)}; the built-in ones are used",
                err=True,
            )
    return Branding(tuple(template_dirs), reference)
