"""``jdgen lint`` over several files and folders: each checked in turn, one output for them all."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jdgen.cli.common import emit
from jdgen.common.errors import JdgenError, StrictModeError

if TYPE_CHECKING:
    from jdgen.data.input_models import Profile
    from jdgen.postings.lint import LintConfig, LintReport
    from jdgen.postings.wordlists import WordList


def posting_files(paths: Sequence[str]) -> list[str]:
    """The files to check: each file as given, each folder's posting files (any depth, hidden ones left out), in order.

    Raises:
        JdgenError: a folder with no posting file in it.
    """
    from jdgen.postings.files import READABLE

    if paths.count("-") > 1:
        raise click.UsageError("standard input (-) can be read once; give - once")
    found: list[str] = []
    for given in paths:
        folder = Path(given)
        if given == "-" or not folder.is_dir():
            found.append(given)
            continue
        inside = sorted(
            str(p)
            for p in folder.rglob("*")
            if p.is_file()
            and p.suffix.lower() in READABLE
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
        if not inside:
            raise JdgenError(f"{given}: a folder with no posting in it ({', '.join(READABLE)})")
        found += inside
    return list(dict.fromkeys(found))  # a file named twice, or inside a folder also named, is checked once


def _summary(checked: Sequence[tuple[str, LintReport]]) -> str:
    from jdgen.cli.terminal import table

    rows = [
        (
            path,
            str(r.metrics.words),
            r.metrics.gender_verdict,
            str(len(r.warnings)),
            str(len(r.findings) - len(r.warnings)),
            str(len(r.suppressed)),
        )
        for path, r in checked
    ]
    return table(("FILE", "WORDS", "GENDER CODING", "WARNINGS", "NOTES", "SUPPRESSED"), rows)


def lint_paths(
    paths: Sequence[str],
    fmt: str,
    strict: bool,
    *,
    config: LintConfig,
    lists: Sequence[WordList],
    profile: Profile | None,
    title: str | None,
    on: datetime.date | None,
) -> None:
    """Check every file, print the reports in `fmt`, then fail as the exit codes say.

    A file that cannot be read or checked is one error line on stderr; the others are still
    checked, and the command exits 1 at the end.
    """
    from jdgen.cli.lint import report_text
    from jdgen.postings.files import read_posting
    from jdgen.postings.lint import lint_text

    checked: list[tuple[str, LintReport]] = []
    failed = 0
    files = posting_files(paths)
    for path in files:
        label = "standard input" if path == "-" else path
        try:
            report = lint_text(
                read_posting(path), config=config, lists=lists, profile=profile, title=title, on=on, label=label
            )
        except JdgenError as exc:
            failed += 1
            for line in exc.lines():
                click.echo(
                    f"jdgen: error: {line}" if line.startswith(path) else f"jdgen: error: {path}: {line}", err=True
                )
            continue
        checked.append((path, report))
    single = len(files) == 1 and len(paths) == 1 and not Path(paths[0]).is_dir()
    if fmt == "json":
        reports = [r.model_dump(mode="json") for _, r in checked]
        if reports or not single:  # one file that failed: its error line, and no JSON of another shape
            emit(json.dumps(reports[0] if single else reports, indent=2, ensure_ascii=False))
    elif fmt == "sarif":
        from jdgen.postings.lint_formats import sarif

        emit(json.dumps(sarif(checked), indent=2, ensure_ascii=False))
    elif fmt == "junit":
        from jdgen.postings.lint_formats import junit

        click.echo(junit(checked), nl=False)
    else:
        emit("\n\n".join(report_text(r) for _, r in checked))
        if not single and checked:
            emit("\n" + _summary(checked))
    if failed:
        raise JdgenError(f"{failed} of {len(files)} file(s) could not be checked (see above)")
    warned = sum(len(r.warnings) for _, r in checked)
    if strict and warned:
        raise StrictModeError(f"--strict: {warned} finding(s) at warning level")
