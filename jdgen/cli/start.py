"""The first commands a newcomer runs: ``jdgen examples`` and ``jdgen demo``.

Like every command module, this one imports the library inside the commands, so that
``jdgen --help`` stays fast.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jdgen.cli.common import debug_option, force_option, report_warnings, say, write_output
from jdgen.cli.lint import lint_generated
from jdgen.common.errors import OutputError

if TYPE_CHECKING:
    from jdgen.render import Document

#: What each example file is, as `jdgen examples` says when it writes it.
EXAMPLE_PURPOSES = {
    "profile.yaml": "an example company (edit it to describe yours)",
    "answers.yaml": "one executive's answers to the readiness statements",
    "team.csv": "an executive team's answers, one row per answer",
}
#: The folder of example companies, one per archetype.
COMPANIES = "companies"


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@force_option
@debug_option
def examples(directory: Path, force: bool) -> None:
    """Copy the example company profile and readiness answers into DIRECTORY (default: here).

    Writes profile.yaml (the company of `jdgen demo`), answers.yaml (one executive's answers)
    and team.csv (the demo's executive team), to edit into your own and pass to generate,
    compare and assess --report, and companies/ (one example company per archetype, for
    compare --profile). All are checked before any is written; an existing file is
    overwritten only with --force.
    """
    from jdgen.common import resources
    from jdgen.render.output import write_into

    source = resources.examples_dir()
    files = {name: (source / name).read_bytes() for name in resources.EXAMPLE_FILES}
    companies = sorted((source / COMPANIES).glob("*.yaml"))
    files |= {f"{COMPANIES}/{p.name}": p.read_bytes() for p in companies}
    written = write_into(directory, files, force=force)
    for name, path in zip(files, written, strict=True):
        if name in EXAMPLE_PURPOSES:
            click.echo(f"jdgen: wrote {path}: {EXAMPLE_PURPOSES[name]}", err=True)
    click.echo(
        f"jdgen: wrote {len(companies)} example companies, one per archetype, in {directory / COMPANIES}", err=True
    )
    shown = {name: shlex.quote(str(directory / name)) for name in files}
    click.echo(
        f"jdgen: next, a Word JD: jdgen generate -a marketing-led --answers {shown['answers.yaml']} "
        f"--profile {shown['profile.yaml']} -o cco.docx",
        err=True,
    )
    click.echo(
        f"jdgen: and the board's comparison: jdgen compare --answers {shown['team.csv']} "
        f"--profile {shown['profile.yaml']} -o board.docx",
        err=True,
    )


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
    JobPosting (.jsonld), and its role pack (scorecard, interview kit, charter; Word). It ends
    with the best fit, what its score means, and which files to open first.
    """
    from jdgen.common import resources
    from jdgen.data.catalog import load_catalog
    from jdgen.data.inputs import load_answers, load_profile
    from jdgen.decide.compare import SCORE_SCALE, compare
    from jdgen.decide.compose import compose
    from jdgen.decide.pack import PACK_DOCUMENTS, role_pack
    from jdgen.decide.report import readiness_report
    from jdgen.postings.lint import LintConfig
    from jdgen.postings.wordlists import language_lists
    from jdgen.render import render
    from jdgen.render.output import company_file, default_name
    from jdgen.render.pack_files import pack_file_name

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
    made = role_pack(catalog, jd, profile)
    documents += [
        (getattr(made, name), "docx", False, output_dir / pack_file_name(jd, name, "docx")) for name in PACK_DOCUMENTS
    ]
    existing = [str(path) for *_, path in documents if path.exists() or path.is_symlink()]
    if existing and not force:
        more = f" (and {len(existing) - 1} more); use --force to overwrite them" if len(existing) > 1 else ""
        raise OutputError(f"{existing[0]}: already exists{more or '; use --force to overwrite it'}")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{output_dir}: cannot create the folder ({exc.strerror or exc})") from None
    rendered = [(fmt, path, render(doc, fmt, posting=posting)) for doc, fmt, posting, path in documents]
    for fmt, path, data in rendered:
        write_output(data, fmt, str(path), force)
    report_warnings(jd.warnings, strict=False)
    lint_generated(jd, profile, LintConfig(), language_lists(), "md", strict=False)
    head = board.recommendation.headline
    click.echo(f"jdgen: readiness: {report.readiness.label}", err=True)
    say(f"{head[0].lower()}{head[1:]}. " + SCORE_SCALE)
    readiness_file, board_file = (str(path) for *_, path in documents[:2])
    say(
        f"open first: {readiness_file} (does {profile.company or 'the company'} need a CCO?), "
        f"then {board_file} (which kind, and why); for the search, {documents[-3][-1]}."
    )
