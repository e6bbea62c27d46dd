"""The ``jdgen`` command: parses options, calls the library, prints. Nothing else.

Exit codes: 0 success; 1 an error (one line per problem on stderr; ``--debug`` shows the
traceback); 2 a usage error; 3 ``--strict`` and a warning (or worse) fired.
"""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from jdgen import __version__
from jdgen.catalog import Catalog, load_catalog
from jdgen.compose import compose
from jdgen.errors import JdgenError, OutputError, StrictModeError
from jdgen.inputs import load_answers, load_profile, override_profile
from jdgen.models import SEVERITY_ORDER, Profile
from jdgen.output import default_name, write_atomic
from jdgen.render import BINARY_FORMATS, EXTENSIONS, FORMATS, render
from jdgen.results import ChasmWarning
from jdgen.terminal import describe_archetype, table, warning_line

F = TypeVar("F", bound=Callable[..., Any])
EXIT_ERROR, EXIT_STRICT = 1, 3


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
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


class JdgenGroup(click.Group):
    """A click group that turns jdgen's errors into one line each on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; print a JdgenError as one line per problem and exit non-zero."""
        try:
            return super().invoke(ctx)
        except JdgenError as exc:
            if ctx.meta.get("jdgen.debug"):
                raise
            lines = [str(p) for p in exc.problems] or str(exc).splitlines() or [type(exc).__name__]
            for line in lines:
                click.echo(f"jdgen: error: {line}", err=True)
            ctx.exit(EXIT_STRICT if isinstance(exc, StrictModeError) else EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("jdgen: interrupted; no partly written file was left", err=True)
            ctx.exit(130)


@click.group(cls=JdgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="jdgen")
@debug_option
def main() -> None:
    """Write Chief Customer Officer job descriptions from evidence.

    Pick an archetype, optionally answer the 11 readiness statements and describe the
    company, and get a Word job description with its internal execution-chasm advisory.
    Start with `jdgen demo`, then `jdgen archetypes` and `jdgen generate --help`.
    """


def _emit(text: str) -> None:
    click.echo(text.rstrip("\n"))


def _print_json(data: Any) -> None:
    _emit(json.dumps(data, indent=2, ensure_ascii=False))


# --- generate ------------------------------------------------------------------------------


def _profile_options(func: F) -> F:
    options = [
        click.option("--company", help="Company name (overrides the profile)."),
        click.option("--industry", help="Industry."),
        click.option("--reports-to", help="Job title the CCO reports to (default: the archetype's, usually CEO)."),
        click.option(
            "--layered-onto",
            type=click.Choice(["none", "customer-service", "marketing", "other"]),
            help="An existing job the CCO work is added to.",
        ),
        click.option("--team-size", type=click.IntRange(min=0), help="People in the CCO's team at the start."),
        click.option("--city", help="City of the role."),
        click.option("--region", help="State, province or region."),
        click.option("--country", help="Country."),
        click.option("--remote", type=click.Choice(["no", "hybrid", "yes"]), help="Remote working."),
        click.option("--pay-min", type=click.FloatRange(min=0), help="Bottom of the pay range."),
        click.option("--pay-max", type=click.FloatRange(min=0), help="Top of the pay range."),
        click.option("--currency", help="ISO 4217 currency code, e.g. USD."),
        click.option("--pay-period", type=click.Choice(["hour", "day", "week", "month", "year"]), help="Pay period."),
        click.option("--date-posted", type=click.DateTime(["%Y-%m-%d"]), help="Posting date (YYYY-MM-DD)."),
        click.option("--valid-through", type=click.DateTime(["%Y-%m-%d"]), help="Closing date (YYYY-MM-DD)."),
        click.option("--apply-url", help="Where candidates apply (http/https URL)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


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
    "pay_min": "pay.min",
    "pay_max": "pay.max",
    "currency": "pay.currency",
    "pay_period": "pay.period",
    "date_posted": "date_posted",
    "valid_through": "valid_through",
    "apply_url": "apply_url",
}


def _overrides(options: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, key in _OVERRIDES.items():
        value = options.get(name)
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out[key] = value
    return out


def _report(warnings: Sequence[ChasmWarning], strict: bool) -> None:
    for w in warnings:
        click.echo(f"jdgen: {warning_line(w)}", err=True)
    failing = [w for w in warnings if SEVERITY_ORDER[w.severity] >= SEVERITY_ORDER["warning"]]
    if strict and failing:
        raise StrictModeError(
            f"--strict: {len(failing)} warning(s) at warning level or above fired; nothing was written"
        )


def _write(data: bytes | str, fmt: str, output: str, force: bool) -> None:
    if output == "-":
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


def _format(fmt: str | None, output: str | None) -> str:
    """The output format: --format, else -o's extension, else docx; a disagreement is a usage error."""
    if not output or output == "-":
        return fmt or "docx"
    suffix = Path(output).suffix.lower()
    implied = EXTENSIONS.get(suffix)
    if fmt and implied and fmt != implied:
        raise click.BadParameter(f"{output} has the {suffix} extension but --format is {fmt}", param_hint="'-o'")
    if not fmt and not implied:
        known = ", ".join(sorted(EXTENSIONS))
        raise click.BadParameter(
            f"cannot tell the format from {output!r}; use an extension ({known}) or --format", param_hint="'-o'"
        )
    return fmt or implied or "docx"


def _catalog_and_archetype(catalog_dirs: Sequence[Path], archetype: str, hint: str = "'--archetype'") -> Catalog:
    """The catalog, once the archetype is known to be in it (a usage error otherwise)."""
    catalog = load_catalog(catalog_dirs)
    if archetype not in catalog.archetypes:
        valid = ", ".join(catalog.archetypes.ids())
        raise click.BadParameter(f"unknown archetype {archetype!r}; valid archetypes: {valid}", param_hint=hint)
    return catalog


@main.command()
@click.option("-a", "--archetype", required=True, help="Archetype id (see `jdgen archetypes`).")
@click.option(
    "--answers", "answers_path", type=click.Path(dir_okay=False, path_type=Path), help="Readiness answers (YAML)."
)
@click.option(
    "--profile", "profile_path", type=click.Path(dir_okay=False, path_type=Path), help="Company profile (YAML)."
)
@_profile_options
@click.option("--posting", is_flag=True, help="Posting edition: leave the internal advisory out (every format).")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from -o's extension, else docx)."
)
@click.option("-o", "--output", help="Output file, or - for stdout (default: a name from company and archetype).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--strict", is_flag=True, help="Fail (exit 3, nothing written) when a warning or critical warning fires.")
@catalog_option
@debug_option
def generate(
    archetype: str,
    answers_path: Path | None,
    profile_path: Path | None,
    posting: bool,
    fmt: str | None,
    output: str | None,
    force: bool,
    strict: bool,
    catalog_dirs: tuple[Path, ...],
    **profile_options: Any,
) -> None:
    """Generate a job description for one archetype.

    Warnings from the execution-chasm rules are printed to stderr. Files are written
    atomically and never overwritten without --force.
    """
    fmt = _format(fmt, output)
    catalog = _catalog_and_archetype(catalog_dirs, archetype)
    answers = load_answers(answers_path, catalog) if answers_path else None
    profile = load_profile(profile_path) if profile_path else None
    overrides = _overrides(profile_options)
    if any(v is not None for v in overrides.values()):
        label = f"{profile_path} with command-line options" if profile_path else "command-line options"
        profile = override_profile(profile, overrides, label=label)
    profile = profile or Profile()
    jd = compose(catalog, archetype, answers, profile)
    _report(jd.warnings, strict)
    data = render(jd, fmt, posting=posting)
    _write(data, fmt, output or default_name(archetype, profile.company, fmt, posting), force)


# --- listing -------------------------------------------------------------------------------


@main.command()
@json_option
@catalog_option
@debug_option
def archetypes(as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """List the archetypes of the CCO role."""
    catalog = load_catalog(catalog_dirs)
    if as_json:
        _print_json([a.model_dump(mode="json") for a in catalog.archetypes])
        return
    rows = [(a.id, a.name, a.authority, a.reports_to, a.summary) for a in catalog.archetypes]
    _emit(table(("ID", "NAME", "AUTHORITY", "REPORTS TO", "SUMMARY"), rows))


@main.command()
@click.option("--domain", help="Only blocks of this domain id.")
@json_option
@catalog_option
@debug_option
def blocks(domain: str | None, as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """List the responsibility blocks, by domain."""
    catalog = load_catalog(catalog_dirs)
    if domain is not None and domain not in catalog.domains:
        raise click.BadParameter(
            f"unknown domain {domain!r}; valid domains: {', '.join(catalog.domains.ids())}", param_hint="'--domain'"
        )
    chosen = [b for b in catalog.blocks_in_order(catalog.blocks.ids()) if domain in (None, b.domain)]
    if as_json:
        _print_json([b.model_dump(mode="json") for b in chosen])
        return
    _emit(table(("ID", "DOMAIN", "TITLE"), [(b.id, b.domain, b.title) for b in chosen]))


@main.command()
@json_option
@catalog_option
@debug_option
def statements(as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """List the readiness statements, in order."""
    catalog = load_catalog(catalog_dirs)
    if as_json:
        _print_json([s.model_dump(mode="json") for s in catalog.statements])
        return
    rows = [(str(i), s.id, s.text) for i, s in enumerate(catalog.statements, start=1)]
    _emit(table(("#", "ID", "STATEMENT"), rows))


@main.command()
@click.argument("archetype")
@json_option
@catalog_option
@debug_option
def show(archetype: str, as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """Describe one archetype: scope, reporting line, strengths, chasm, sources."""
    catalog = _catalog_and_archetype(catalog_dirs, archetype, "'ARCHETYPE'")
    item = catalog.archetypes[archetype]
    if as_json:
        _print_json(item.model_dump(mode="json"))
        return
    _emit(describe_archetype(catalog, item))


# --- catalog -------------------------------------------------------------------------------


@main.group("catalog")
@debug_option
def catalog_group() -> None:
    """Check the catalog."""


@catalog_group.command("validate")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@debug_option
def catalog_validate(directory: Path | None) -> None:
    """Validate the built-in catalog, or DIR as an overlay on it (one line per problem)."""
    catalog = load_catalog([directory] if directory else [])
    counts = ", ".join(
        f"{len(getattr(catalog, kind))} {kind.replace('_', ' ')}"
        for kind in ("domains", "blocks", "archetypes", "statements", "rules", "competencies", "sources")
    )
    click.echo(f"catalog OK: {counts}")


# --- demo ----------------------------------------------------------------------------------


@main.command()
@click.option(
    "-o", "--output-dir", default="jdgen-demo", show_default=True, type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--force", is_flag=True, help="Overwrite files from an earlier demo.")
@debug_option
def demo(output_dir: Path, force: bool) -> None:
    """Write a sample JD (every format, internal and posting) from the bundled example inputs."""
    from jdgen import resources

    catalog = load_catalog()
    examples = resources.examples_dir()
    answers = load_answers(examples / "answers.yaml", catalog)
    profile = load_profile(examples / "profile.yaml")
    archetype = "enterprise-cx"
    jd = compose(catalog, archetype, answers, profile)
    outputs = [(fmt, False) for fmt in ("docx", "md", "html", "json")] + [("docx", True), ("md", True)]
    targets = [
        (fmt, posting, output_dir / default_name(archetype, profile.company, fmt, posting)) for fmt, posting in outputs
    ]
    existing = [str(path) for *_, path in targets if path.exists() or path.is_symlink()]
    if existing and not force:
        raise OutputError(
            f"{existing[0]}: already exists (and {len(existing) - 1} more); use --force to overwrite them"
        )
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{output_dir}: cannot create the folder ({exc.strerror or exc})") from None
    documents = [(fmt, path, render(jd, fmt, posting=posting)) for fmt, posting, path in targets]
    for fmt, path, data in documents:
        _write(data, fmt, str(path), force)
    _report(jd.warnings, strict=False)
    click.echo(f"jdgen: readiness: {jd.readiness.label if jd.readiness else 'not assessed'}", err=True)
