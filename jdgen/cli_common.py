"""What the CLI's commands share: options, output, warnings and errors on the terminal.

Importing this module (and every command module) loads click and nothing heavy: `jdgen --help`
builds every command's options. The library is imported inside the functions that use it.
"""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from jdgen.errors import InputError, OutputError, StrictModeError

if TYPE_CHECKING:
    from jdgen.catalog import Catalog
    from jdgen.models import Profile, Survey
    from jdgen.results import ChasmWarning
    from jdgen.templates import Branding

F = TypeVar("F", bound=Callable[..., Any])
EXIT_ERROR, EXIT_STRICT = 1, 3

#: `jdgen.render.FORMATS`, spelled out here: the renderers' package loads pydantic, and the
#: options are built for `jdgen --help` (tests/test_cold_start.py checks that the two agree).
FORMATS: tuple[str, ...] = ("docx", "md", "html", "json", "jsonld")


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

    from jdgen.terminal import width

    lines = textwrap.wrap(text, width(err=True) - 9, break_long_words=False, break_on_hyphens=False)
    for n, line in enumerate(lines):
        click.echo(f"jdgen: {line}" if n == 0 else f"jdgen:   {line}", err=True)


def print_json(data: Any) -> None:
    """Print data as indented JSON (UTF-8 kept)."""
    emit(json.dumps(data, indent=2, ensure_ascii=False))


def _number(whole: bool = False) -> Callable[[click.Context, click.Parameter, str | None], int | float | None]:
    """An option's callback reading its text as jdgen reads a number in a CSV cell (`jdgen.inputs.number_from_text`).

    ``250000``, ``250,000`` and ``1,250,000.50`` are numbers; ``85,5`` (a decimal comma),
    ``265.000`` (a thousands point) and ``2,50,000`` are refused rather than read as another
    amount, in a usage error saying how to write the number. With `whole`, only whole numbers.
    """

    def convert(_ctx: click.Context, _param: click.Parameter, text: str | None) -> int | float | None:
        if text is None:
            return None
        from jdgen.inputs import number_from_text

        unsigned = text.strip().removeprefix("-")
        number = number_from_text(unsigned)
        if isinstance(number, str):
            if whole:
                raise click.BadParameter(f"{text!r} is not a whole number; write it as 2400 or 2,400")
            raise click.BadParameter(
                f"{text!r} is not a number jdgen reads; write 250000, 250,000 or 1,250,000.50 "
                "(a point before decimals, commas only between thousands)"
            )
        if number and unsigned != text.strip():
            raise click.BadParameter(f"{text!r} is below 0; give 0 or more")
        if whole and not float(number).is_integer():
            raise click.BadParameter(f"{text!r} is not a whole number; write it as 2400 or 2,400")
        return int(number) if whole else number

    return convert


_PROFILE_OPTION = click.option(
    "--profile", "profile_path", type=click.Path(dir_okay=False, path_type=Path), help="Company profile (YAML)."
)
_ROLE_OPTIONS: list[Any] = [
    _PROFILE_OPTION,
    click.option("--company", help="Company name (overrides the profile)."),
    click.option("--industry", help="Industry."),
    click.option("--reports-to", help="Job title the CCO reports to (default: the archetype's, usually CEO)."),
    click.option(
        "--layered-onto",
        type=click.Choice(["none", "customer-service", "marketing", "other"]),
        help="An existing job the CCO work is added to.",
    ),
    click.option(
        "--team-size", metavar="NUMBER", callback=_number(whole=True), help="People in the CCO's team at the start."
    ),
]
_LOCATION_OPTIONS: list[Any] = [
    click.option("--city", help="City of the role."),
    click.option("--region", help="State, province or region."),
    click.option("--country", help="Country."),
    click.option("--remote", type=click.Choice(["no", "hybrid", "yes"]), help="Remote working."),
    click.option(
        "--remote-scope",
        multiple=True,
        help="Where a remote candidate may live: a state, country or region (repeatable).",
    ),
    click.option(
        "--employees",
        metavar="NUMBER",
        callback=_number(whole=True),
        help="The employer's headcount (pay-transparency thresholds).",
    ),
]
_POSTING_OPTIONS: list[Any] = [
    *_LOCATION_OPTIONS,
    click.option(
        "--pay-min", metavar="NUMBER", callback=_number(), help="Bottom of the pay range, e.g. 250000 or 250,000."
    ),
    click.option("--pay-max", metavar="NUMBER", callback=_number(), help="Top of the pay range."),
    click.option("--currency", help="ISO 4217 currency code, e.g. USD."),
    click.option("--pay-period", type=click.Choice(["hour", "day", "week", "month", "year"]), help="Pay period."),
    click.option("--date-posted", type=click.DateTime(["%Y-%m-%d"]), help="Posting date (YYYY-MM-DD)."),
    click.option("--valid-through", type=click.DateTime(["%Y-%m-%d"]), help="Closing date (YYYY-MM-DD)."),
    click.option("--apply-url", help="Where candidates apply (http/https URL)."),
    click.option("--company-url", help="The company's website (http/https URL), for the JSON-LD."),
]


def apply_options(func: F, options: Sequence[Any]) -> F:
    """Decorate `func` with click options, in the order given (first option first in --help)."""
    for option in reversed(options):
        func = option(func)
    return func


def role_options(func: F) -> F:
    """``--profile FILE`` and the profile fields that change the role: company, reporting line, layering, team."""
    return apply_options(func, _ROLE_OPTIONS)


def location_options(func: F) -> F:
    """``--profile FILE`` and the fields that say where the job is and who posts it (for the pay laws)."""
    return apply_options(func, [_PROFILE_OPTION, *_LOCATION_OPTIONS])


def profile_options(func: F) -> F:
    """``--profile FILE`` and one option per profile field (each overrides the file)."""
    return apply_options(func, _ROLE_OPTIONS + _POSTING_OPTIONS)


_OVERRIDES = {
    "company": "company",
    "industry": "industry",
    "reports_to": "reports_to",
    "layered_onto": "layered_onto",
    "team_size": "team_size",
    "city": "location.city",
    "region": "location.region",
    "country": "location.country",
    "remote": "remote",
    "remote_scope": "remote_scope",
    "employees": "employees",
    "pay_min": "pay.min",
    "pay_max": "pay.max",
    "currency": "pay.currency",
    "pay_period": "pay.period",
    "date_posted": "date_posted",
    "valid_through": "valid_through",
    "apply_url": "apply_url",
    "company_url": "company_url",
}


answers_option = click.option(
    "--answers",
    "answers_paths",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Readiness answers: YAML or CSV, one respondent or many (repeatable: the respondents are put together).",
)


def answers_from(catalog: Catalog, answers_paths: Sequence[Path]) -> Survey | None:
    """The respondents of every answers file, put together (None without files)."""
    from jdgen.inputs import load_answers

    return load_answers(answers_paths, catalog) if answers_paths else None


def profile_from(profile_path: Path | None, fields: dict[str, Any]) -> Profile:
    """The profile file (if any) with the command-line fields applied over it."""
    from jdgen.inputs import load_profile, override_profile
    from jdgen.models import Profile

    profile = load_profile(profile_path) if profile_path else None
    values = overrides(fields)
    if any(v is not None for v in values.values()):
        label = f"{profile_path} with command-line options" if profile_path else "command-line options"
        profile = override_profile(profile, values, label=label)
    return profile or Profile()


def overrides(options: dict[str, Any]) -> dict[str, Any]:
    """The profile fields the command-line options set, by dotted profile key (None when not given)."""
    out: dict[str, Any] = {}
    for name, key in _OVERRIDES.items():
        value = options.get(name)
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, tuple):
            value = list(value) or None  # a repeatable option not given
        out[key] = value
    return out


def report_warnings(warnings: Sequence[ChasmWarning], strict: bool) -> None:
    """Print each warning to stderr; with `strict`, fail when one is at warning level or above."""
    from jdgen.models import SEVERITY_ORDER
    from jdgen.terminal import warning_line

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
    from jdgen.output import ensure_writable

    if output != "-":
        ensure_writable(output, force=force)
    return output


def write_output(data: bytes | str, fmt: str, output: str, force: bool) -> None:
    """Write to a file atomically (saying so on stderr), or to stdout for ``-``."""
    from jdgen.output import write_atomic
    from jdgen.render import BINARY_FORMATS

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
    return fmt or implied or "docx"


def catalog_and_archetype(
    catalog_dirs: Sequence[Path], archetype: str, hint: str = "'--archetype'"
) -> tuple[Catalog, str]:
    """The catalog and the archetype's id as it spells it (typed in any case); an unknown one is a usage error."""
    from jdgen.catalog import load_catalog

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
    from jdgen.render.docx import missing_styles
    from jdgen.render.environment import check_templates
    from jdgen.templates import Branding, builtin_names

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
        lacking = missing_styles(reference)  # also refuses a file that is not a .docx, whatever the format
        if lacking and "docx" in formats:
            click.echo(
                f"jdgen: warning: {reference} lacks the style(s) {', '.join(lacking)}; the built-in ones are used",
                err=True,
            )
    return Branding(tuple(template_dirs), reference)
