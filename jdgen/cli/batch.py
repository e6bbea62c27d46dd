"""``jdgen batch``: many job descriptions from a spec file, in parallel processes."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from jdgen.cli.common import EXIT_ERROR, branding, debug_option
from jdgen.common.errors import InputError, OutputError

_SHOWN_FAILURES = 10


@click.command("batch")
@click.argument("spec_path", metavar="SPEC.yaml", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output-dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write into."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: the number of CPUs; 1 runs in-process).",
)
@click.option("--force", is_flag=True, help="Write every item again, over files from an earlier run.")
@click.option(
    "--summary",
    "summary_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Summary file, .csv or .json (default: OUTPUT_DIR/batch-summary.csv); rewritten on every run.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (there is none when stderr is not a terminal).")
@debug_option
def batch(
    spec_path: Path, output_dir: Path, jobs: int | None, force: bool, summary_path: Path | None, quiet: bool
) -> None:
    """Write many job descriptions: every profile × archetype of SPEC.yaml, into OUTPUT_DIR.

    SPEC.yaml lists profiles (files, inline mappings, or a CSV with one profile per row),
    archetypes (ids, "all" or "best"), formats and optional answers, catalog overlays,
    templates and reference document; see the README's "Batch runs". Files that exist are
    skipped, so a rerun does only what is missing (or everything again with --force). An item
    that fails does not stop the others; the summary lists each item's files or error, and
    the exit code is 1 when any item failed.
    """
    from jdgen import batch as b
    from jdgen.render.output import ensure_writable, remove_stale_temporaries, write_atomic

    summary = summary_path or output_dir / "batch-summary.csv"
    summary_format = "json" if summary.suffix.lower() == ".json" else "csv"
    if summary.suffix.lower() not in (".csv", ".json"):
        raise click.BadParameter(f"{summary}: give a .csv or .json file", param_hint="'--summary'")
    if summary_path is not None and not summary_path.parent.is_dir() and summary_path.parent != output_dir:
        raise OutputError(f"{summary}: folder {summary_path.parent} does not exist; create it first")
    spec = b.load_spec(spec_path)
    base = spec_path.parent
    look = branding([base / d for d in spec.templates], base / spec.reference if spec.reference else None, spec.formats)
    settings = b.Settings(
        posting=spec.posting,
        force=force,
        catalog_dirs=tuple(base / d for d in spec.catalog),
        template_dirs=look.template_dirs,
        reference=look.reference,
        fill=tuple(spec.fill.items()),
    )
    tasks = b.plan(spec, spec_path, output_dir)
    if not tasks:
        raise InputError(f"{spec_path}: its profiles CSV has no rows, so there is nothing to write")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{output_dir}: cannot create the folder ({exc.strerror or exc})") from None
    if not os.access(output_dir, os.W_OK | os.X_OK):
        raise OutputError(f"{output_dir}: cannot write in this folder (permission denied)")
    ensure_writable(summary, force=True)  # rewritten on every run, but never over a folder or a device
    stale = remove_stale_temporaries(output_dir)
    if stale:
        click.echo(f"jdgen: removed {len(stale)} temporary file(s) left by a run that was killed", err=True)
    workers = jobs or b.default_jobs()
    started = time.perf_counter()
    if quiet or not sys.stderr.isatty():
        result = b.run(tasks, settings, workers)
    else:
        with click.progressbar(length=len(tasks), label="jdgen: batch", file=sys.stderr, show_pos=True) as bar:
            result = b.run(tasks, settings, workers, bar.update)
    elapsed = time.perf_counter() - started
    failed = [r for r in result.items if r.status == "failed"]
    for r in failed[:_SHOWN_FAILURES]:
        click.echo(f"jdgen: error: item {r.item} ({r.profile} × {r.archetype or '?'}): {r.error}", err=True)
    if len(failed) > _SHOWN_FAILURES:
        click.echo(f"jdgen: … and {len(failed) - _SHOWN_FAILURES} more failed items; see {summary}", err=True)
    counts = ", ".join(
        f"{result.count(s)} {s}" for s in ("written", "skipped", "failed", "interrupted") if result.count(s)
    )
    click.echo(f"jdgen: batch: {len(tasks)} items ({counts}) in {elapsed:.1f} s", err=True)
    click.echo(
        f"jdgen: wrote the summary to {write_atomic(summary, b.summary_text(result, summary_format), force=True)}",
        err=True,
    )
    if result.interrupted:
        raise KeyboardInterrupt
    if failed:
        click.get_current_context().exit(EXIT_ERROR)
