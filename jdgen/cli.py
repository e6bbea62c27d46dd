"""The ``jdgen`` command: parses options, calls the library, prints. Nothing else.

Exit codes: 0 success; 1 an error (one line per problem on stderr; ``--debug`` shows the
traceback); 2 a usage error; 3 ``--strict`` and a warning (or worse) fired. The assessment
and board commands are in `jdgen.cli_board`; shared options and output in `jdgen.cli_common`.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Any

import click

from jdgen import __version__
from jdgen.catalog import load_catalog
from jdgen.cli_batch import batch
from jdgen.cli_board import assess, compare_command
from jdgen.cli_common import (
    EXIT_ERROR,
    EXIT_STRICT,
    answers_option,
    branding,
    branding_options,
    catalog_and_archetype,
    catalog_option,
    debug_option,
    emit,
    force_option,
    format_option,
    json_option,
    load_inputs,
    output_format,
    print_json,
    profile_options,
    report_warnings,
    write_output,
)
from jdgen.cli_custom import schema_command, templates_group
from jdgen.cli_lint import lint, lint_generated, lint_options, lint_settings
from jdgen.cli_serve import serve
from jdgen.compare import compare
from jdgen.compose import compose
from jdgen.errors import JdgenError, OutputError, StrictModeError
from jdgen.inputs import load_answers, load_profile
from jdgen.lint import LintConfig
from jdgen.output import company_file, default_name
from jdgen.render import Document, render
from jdgen.report import readiness_report
from jdgen.terminal import describe_archetype, table
from jdgen.wordlists import language_lists


class JdgenGroup(click.Group):
    """A click group that turns jdgen's errors into one line each on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; print a JdgenError as one line per problem and exit non-zero."""
        try:
            return super().invoke(ctx)
        except JdgenError as exc:
            if ctx.meta.get("jdgen.debug"):
                raise
            for line in exc.lines():
                click.echo(f"jdgen: error: {line}", err=True)
            ctx.exit(EXIT_STRICT if isinstance(exc, StrictModeError) else EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("jdgen: interrupted; no partly written file was left", err=True)
            ctx.exit(130)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; output into a full disk or a closed pipe is one line, not a traceback.

        This also covers --help and --version, which click prints before any command runs.
        """
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            if "--debug" in (args[0] if args else kwargs.get("args") or sys.argv[1:]):
                raise
            _report_os_error(exc)
            sys.exit(EXIT_ERROR)


def _report_os_error(exc: OSError) -> None:
    _silence_stdout()
    if exc.errno != errno.EPIPE:  # a reader that went away (`| head`) is not an error to report
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"jdgen: error: {where}cannot write the output ({exc.strerror or exc})", err=True)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that flushing it at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (a test runner's capture)
        pass


@click.group(cls=JdgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="jdgen")
@debug_option
def main() -> None:
    """Write Chief Customer Officer job descriptions from evidence.

    Pick an archetype, optionally answer the 11 readiness statements and describe the
    company, and get a Word job description with its internal execution-chasm advisory.
    Executive teams answer with `jdgen assess` and read `jdgen assess --report`; boards
    weigh the archetypes with `jdgen compare`. Start with `jdgen demo`, then
    `jdgen archetypes` and `jdgen generate --help`.

    Your own wording and Word look: `jdgen templates export DIR`, then --templates DIR and
    --reference FILE.docx. Many JDs at once: `jdgen batch SPEC.yaml -o DIR`. The JSON Schema
    of each input: `jdgen schema profile|answers|catalog`.
    """


main.add_command(assess)
main.add_command(compare_command)
main.add_command(lint)
main.add_command(templates_group)
main.add_command(schema_command)
main.add_command(batch)
main.add_command(serve)


# --- generate ------------------------------------------------------------------------------


@main.command()
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


# --- listing -------------------------------------------------------------------------------


@main.command()
@json_option
@catalog_option
@debug_option
def archetypes(as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """List the archetypes of the CCO role."""
    catalog = load_catalog(catalog_dirs)
    if as_json:
        print_json([a.model_dump(mode="json") for a in catalog.archetypes])
        return
    rows = [(a.id, a.name, a.authority, a.reports_to, a.summary) for a in catalog.archetypes]
    emit(table(("ID", "NAME", "AUTHORITY", "REPORTS TO", "SUMMARY"), rows))


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
        print_json([b.model_dump(mode="json") for b in chosen])
        return
    emit(table(("ID", "DOMAIN", "TITLE"), [(b.id, b.domain, b.title) for b in chosen]))


@main.command()
@json_option
@catalog_option
@debug_option
def statements(as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """List the readiness statements, in order."""
    catalog = load_catalog(catalog_dirs)
    if as_json:
        print_json([s.model_dump(mode="json") for s in catalog.statements])
        return
    rows = [(str(i), s.id, s.text) for i, s in enumerate(catalog.statements, start=1)]
    emit(table(("#", "ID", "STATEMENT"), rows))


@main.command()
@click.argument("archetype")
@json_option
@catalog_option
@debug_option
def show(archetype: str, as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """Describe one archetype: scope, reporting line, strengths, chasm, sources."""
    catalog = catalog_and_archetype(catalog_dirs, archetype, "'ARCHETYPE'")
    item = catalog.archetypes[archetype]
    if as_json:
        print_json(item.model_dump(mode="json"))
        return
    emit(describe_archetype(catalog, item))


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
    """Write the sample outputs from the bundled example inputs (a three-person executive team).

    The readiness report and the board comparison (Word), then the job description for the
    best-fit archetype in every format, internal and posting editions, with its schema.org
    JobPosting (.jsonld).
    """
    from jdgen import resources

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
