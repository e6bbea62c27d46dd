"""The ``jdgen`` command: parses options, calls the library, prints. Nothing else.

Exit codes: 0 success; 1 an error (one line per problem on stderr; ``--debug`` shows the
traceback); 2 a usage error; 3 ``--strict`` and a warning (or worse) fired. This module is the
group; the commands are in the other modules of `jdgen.cli` (job descriptions in `generate`,
listings in `catalog`, the assessment and board commands in `board`, the examples and the demo in
`start`, posting checks in `lint`, batch runs in `batch`, the server in `serve`, templates and
schemas in `custom`), shared options and output in `common`, and the profile's options in
`profile_options`.

Starting fast: a command's module is imported only when that command runs (or for --help,
which shows each command's first line), and command modules import the library inside their
functions, so that ``jdgen --help`` loads neither pydantic nor the renderers
(tests/test_cold_start.py checks it).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Mapping
from importlib import import_module
from typing import Any

import click

from jdgen.cli.common import EXIT_ERROR, EXIT_STRICT, debug_option
from jdgen.common.errors import JdgenError, StrictModeError, quoted

#: Each command's name and its ``module:attribute``.
COMMANDS = {
    "archetypes": "jdgen.cli.catalog:archetypes",
    "assess": "jdgen.cli.board:assess",
    "batch": "jdgen.cli.batch:batch",
    "blocks": "jdgen.cli.catalog:blocks",
    "catalog": "jdgen.cli.catalog:catalog_group",
    "charter": "jdgen.cli.pack:charter",
    "compare": "jdgen.cli.board:compare_command",
    "demo": "jdgen.cli.start:demo",
    "examples": "jdgen.cli.start:examples",
    "export": "jdgen.cli.export:export",
    "generate": "jdgen.cli.generate:generate",
    "interview": "jdgen.cli.pack:interview",
    "lint": "jdgen.cli.lint:lint",
    "pack": "jdgen.cli.pack:pack",
    "priorities": "jdgen.cli.catalog:priorities",
    "schema": "jdgen.cli.custom:schema_command",
    "scorecard": "jdgen.cli.pack:scorecard",
    "sectors": "jdgen.cli.catalog:sectors",
    "serve": "jdgen.cli.serve:serve",
    "show": "jdgen.cli.catalog:show",
    "statements": "jdgen.cli.catalog:statements",
    "survey": "jdgen.cli.survey:survey_group",
    "templates": "jdgen.cli.custom:templates_group",
}


class JdgenGroup(click.Group):
    """A click group that turns jdgen's errors into one line each on stderr, and loads its commands lazily.

    `lazy_commands` maps each command's name to ``module:attribute``; the module is imported
    when the command is looked up (to run it, or for its line in --help).
    """

    def __init__(self, *args: Any, lazy_commands: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The names of the commands, loaded or not, in alphabetical order."""
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command of that name, its module imported the first time (None: no such command)."""
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            module, attribute = self.lazy_commands[cmd_name].split(":")
            self.add_command(getattr(import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

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
        given = args[0] if args else kwargs.get("args")
        undecodable = next((a for a in (sys.argv[1:] if given is None else given) if _undecodable(a)), None)
        if undecodable is not None:
            click.echo(f"jdgen: error: {_undecodable_message(undecodable)}", err=True)
            sys.exit(EXIT_ERROR)
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            if "--debug" in (args[0] if args else kwargs.get("args") or sys.argv[1:]):
                raise
            _report_os_error(exc)
            sys.exit(EXIT_ERROR)


def _undecodable(argument: object) -> bool:
    """Whether a command-line argument holds bytes the locale could not decode.

    Python keeps such bytes as lone surrogates, which jdgen's text cleaning would drop without a word.
    """
    return isinstance(argument, str) and any("\udc80" <= ch <= "\udcff" for ch in argument)


def _undecodable_message(argument: str) -> str:
    raw = argument.encode("utf-8", "surrogateescape")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        shown = quoted(raw.decode("utf-8", "replace"))
        return f"the argument {shown} holds bytes that are not UTF-8 text (shown as �); type it again in UTF-8"
    return f"the argument {quoted(text)} is UTF-8 but this terminal's locale is not; use one that is, e.g. LANG=C.UTF-8"


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


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: click's own message, with the version looked up only when asked."""
    if value and not ctx.resilient_parsing:
        from jdgen import __version__

        click.echo(f"jdgen, version {__version__}")
        ctx.exit()


@click.group(cls=JdgenGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
@debug_option
def main() -> None:
    """Write Chief Customer Officer job descriptions from evidence.

    Pick an archetype, optionally answer the 11 readiness statements and describe the
    company, and get a Word job description with its internal execution-chasm advisory.
    Executive teams answer with `jdgen assess` and read `jdgen assess --report`; boards
    weigh the archetypes with `jdgen compare`. Start with `jdgen demo`, or with
    `jdgen examples` (a profile and answers to edit), `jdgen archetypes` and
    `jdgen generate --help`.

    Your own wording and Word look: `jdgen templates export DIR`, then --templates DIR and
    --reference FILE.docx. Many JDs at once: `jdgen batch SPEC.yaml -o DIR`. The JSON Schema
    of each input: `jdgen schema profile|answers|catalog`.
    """
