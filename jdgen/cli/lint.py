"""``jdgen lint``: the posting checks on any text, and the lint `generate` runs on what it writes."""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from jdgen.cli.common import apply_options, debug_option
from jdgen.cli.profile_options import location_options, profile_from
from jdgen.common.errors import StrictModeError

if TYPE_CHECKING:
    from jdgen.data.input_models import Profile
    from jdgen.decide.results import JobDescription
    from jdgen.postings.findings import Finding
    from jdgen.postings.lint import LintConfig, LintReport
    from jdgen.postings.wordlists import WordList

F = TypeVar("F", bound=Callable[..., Any])

_THRESHOLDS: list[Any] = [
    click.option(
        "--lint-config",
        "lint_config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="YAML file of thresholds (any of min_words, max_words, min_reading_ease, max_grade, "
        "max_sentence_words, max_requirements); the options below override it.",
    ),
    click.option("--min-words", type=click.IntRange(min=0), help="Fewest words of the posting (default 300)."),
    click.option("--max-words", type=click.IntRange(min=1), help="Most words of the posting (default 900)."),
    click.option("--min-reading-ease", type=float, help="Lowest Flesch reading ease (default 40)."),
    click.option("--max-grade", type=float, help="Highest Flesch-Kincaid grade (default 12)."),
    click.option(
        "--max-sentence-words",
        type=click.FloatRange(min=0, min_open=True),
        help="Most words per sentence (default 15).",
    ),
    click.option("--max-requirements", type=click.IntRange(min=0), help="Most must-have requirements (default 7)."),
    click.option(
        "--lists",
        "list_paths",
        multiple=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="Extra word lists, same shape as posting/language.yaml (repeatable).",
    ),
]
_CONFIG_FIELDS = ("min_words", "max_words", "min_reading_ease", "max_grade", "max_sentence_words", "max_requirements")


def lint_options(func: F) -> F:
    """The lint thresholds and extra word lists, as options."""
    return apply_options(func, _THRESHOLDS)


def lint_settings(options: dict[str, Any]) -> tuple[LintConfig, tuple[WordList, ...]]:
    """The thresholds (file, then options) and the word lists (built-in, then --lists)."""
    from pydantic import ValidationError

    from jdgen.postings.lint import LintConfig, load_lint_config
    from jdgen.postings.wordlists import language_lists

    path: Path | None = options.pop("lint_config_path", None)
    config = load_lint_config(path) if path else LintConfig()
    values = {k: options.pop(k, None) for k in _CONFIG_FIELDS}
    given = {k: v for k, v in values.items() if v is not None}
    if given:
        low, high = given.get("min_words", config.min_words), given.get("max_words", config.max_words)
        if low > high:
            raise click.UsageError(
                f"the word band is empty: --min-words {low} is above --max-words {high}; change one of them"
            )
        try:
            config = LintConfig.model_validate({**config.model_dump(), **given})
        except ValidationError as exc:
            error = exc.errors()[0]
            name = "--" + str(error["loc"][0]).replace("_", "-") if error["loc"] else "a threshold"
            raise click.UsageError(f"{name}: {error['msg'].lower()}") from None
    lists = language_lists(options.pop("list_paths", ()) or ())
    return config, lists


# --- the terminal report ---------------------------------------------------------------------


def _wrap(text: str, indent: str, room: int, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        room,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent]


def finding_lines(finding: Finding, details: bool = True, room: int | None = None) -> list[str]:
    """A finding as terminal lines: level and message, then (with `details`) advice and source.

    Lines are wrapped at `room` columns (by default the width of the terminal standard output goes to).
    """
    from jdgen.cli.terminal import width

    room = room or width()
    indent = " " * 9
    lines = textwrap.wrap(f"{finding.level.upper():8} {finding.message}", room, subsequent_indent=indent)
    if details:
        if finding.advice:
            lines += _wrap(f"advice: {finding.advice}", indent, room)
        if finding.source:
            lines += _wrap(f"source: {finding.source}", indent, room)
    return lines


def report_text(report: LintReport) -> str:
    """The whole report, for `jdgen lint`."""
    from jdgen.cli.terminal import width
    from jdgen.postings.lint_measures import limit, shown

    room = width()
    m, c = report.metrics, report.config
    requirements = "no requirements section found" if m.requirements is None else f"{m.requirements} requirements"
    measures = {
        "length": f"{m.words} words, {m.characters:,} characters (band {c.min_words}-{c.max_words} words)",
        "readability": (
            f"reading ease {shown(m.reading_ease)} (at least {limit(c.min_reading_ease)}), grade {shown(m.grade)} "
            f"(at most {limit(c.max_grade)}), {shown(m.words_per_sentence)} words per sentence "
            f"(at most {limit(c.max_sentence_words)})"
        ),
        "must-haves": f"{requirements} (at most {c.max_requirements})",
        "gender": f"{m.gender_verdict} ({m.masculine} masculine-coded, {m.feminine} feminine-coded words)",
    }
    if report.pay_rules:
        measures["pay rules"] = "; ".join(report.pay_rules)
    lines = [report.label]
    for name, text in measures.items():
        lines += _wrap(text, " " * 15, room, first=f"  {name:11}  ")
    lines.append("")
    for finding in report.findings:
        lines += finding_lines(finding, room=room)
    for item in report.suppressed:
        lines += _wrap(f"{item.check}: {item.message}; reason: {item.reason} ({item.by})", " " * 9, room, "SUPPRESSED ")
    warnings = len(report.warnings)
    infos = len(report.findings) - warnings
    hushed = f", {len(report.suppressed)} suppressed" if report.suppressed else ""
    lines.append(
        f"{warnings} warning{'s' * (warnings != 1)}, {infos} note{'s' * (infos != 1)}{hushed} (positions are line:column)"
    )
    return "\n".join(line.rstrip() for line in lines)


def report_lint(report: LintReport, strict: bool) -> None:
    """`generate`'s lint: a summary line and the findings on stderr; `strict` fails at a warning."""
    from jdgen.cli.terminal import width
    from jdgen.postings.lint_measures import shown

    m = report.metrics
    summary = (
        f"jdgen: posting check: {m.words} words, reading ease {shown(m.reading_ease)}, grade {shown(m.grade)}, "
        f"gender coding {m.gender_verdict}; {len(report.warnings)} warning(s)"
    )
    click.echo(summary, err=True)
    prefix = "jdgen:   "
    room = width(err=True) - len(prefix)
    for finding in report.findings:
        for line in finding_lines(finding, details=finding.level == "warning", room=room):
            click.echo(f"{prefix}{line}", err=True)
    if strict and report.warnings:
        raise StrictModeError(
            f"--strict: {len(report.warnings)} posting check(s) at warning level; nothing was written "
            "(run `jdgen lint` on the posting for details)"
        )


# --- the command -----------------------------------------------------------------------------


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "junit"]),
    help="text (default), json, sarif (SARIF 2.1.0, for code review) or junit (JUnit XML, for CI).",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--strict", is_flag=True, help="Exit 3 when a finding reaches warning level.")
@click.option("--title", help="The job title, for the gender-neutral title check (default: the first heading).")
@location_options
@click.option(
    "--date",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Posting date the pay rules are judged on (default: the profile's date_posted, else today).",
)
@lint_options
@debug_option
def lint(
    paths: tuple[str, ...],
    fmt: str | None,
    as_json: bool,
    strict: bool,
    profile_path: Path | None,
    title: str | None,
    on: datetime.datetime | None,
    **options: Any,
) -> None:
    """Check job postings: files (.md, .txt, .html or .docx), folders of them, or - for standard input.

    Reports gender-coded wording (Gaucher, Friesen & Kay 2011) with the position of each word,
    gendered pronouns and nouns, unrealistic expectations and clichés, length, readability and
    the number of must-haves. With a location (--profile or --city/--region/--country/--remote-scope),
    also checks the pay-transparency laws that apply against the pay shown in the text.
    Several files get a summary table. A finding accepted on purpose is suppressed, with its
    reason, by an allow comment in the text or by the --lint-config file; suppressed findings
    are listed, never dropped.

    Exit 0 whatever is found, 3 with --strict when a finding reaches warning level, 1 on an error
    (the other files are still checked).
    """
    from jdgen.cli.lint_run import lint_paths

    if as_json and fmt not in (None, "json"):
        raise click.UsageError(f"--json and --format {fmt} ask for different outputs; give one")
    config, lists = lint_settings(options)
    location_given = profile_path or any(
        options.get(k) for k in ("city", "region", "country", "remote", "remote_scope", "employees")
    )
    profile = profile_from(profile_path, options) if location_given else None
    lint_paths(
        paths,
        "json" if as_json else (fmt or "text"),
        strict,
        config=config,
        lists=lists,
        profile=profile,
        title=title,
        on=on.date() if on else None,
    )


def lint_generated(
    jd: JobDescription,
    profile: Profile,
    config: LintConfig,
    lists: Sequence[WordList],
    fmt: str,
    strict: bool,
    template_dirs: Sequence[Path] = (),
) -> None:
    """Lint the posting edition of a JD `generate` is about to write (with the user's templates), and report it."""
    from jdgen.postings.lint import lint_posting

    jsonld = fmt in ("jsonld", "html")  # every HTML JD carries its JobPosting
    _, report = lint_posting(jd, profile, config=config, lists=lists, jsonld=jsonld, template_dirs=template_dirs)
    report_lint(report, strict)
