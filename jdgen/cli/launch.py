"""The console script: ``jdgen --help`` from the user's cache, everything else through the command group.

Printing the help loads click and every command's module, for their one-line summaries: most
of what ``jdgen --help`` costs. The text is kept in the user's cache (`jdgen.common.cache`),
under the terminal width and the files it is made from; a later ``jdgen --help`` or
``jdgen -h`` prints it without loading either.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HELP = (["--help"], ["-h"])


def run() -> None:
    """Run the ``jdgen`` command line (the console script's entry point)."""
    if sys.argv[1:] in _HELP:
        text = help_text()
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
            sys.exit(0)
    from jdgen.cli.command import main

    main(prog_name="jdgen")


def help_text() -> str | None:
    """What ``jdgen --help`` prints, from the user's cache (made, and kept, on a miss); None with no cache."""
    import shutil

    from jdgen.common import cache

    if cache.folder() is None:
        return None
    here = Path(__file__).parent
    made_from = [cache.file_key(path) for path in sorted(here.glob("*.py"))]
    name = "help-" + cache.key(shutil.get_terminal_size().columns, made_from, _click_stamp())
    return cache.remembered(name, _click_help)


def _click_stamp() -> object:
    from importlib.util import find_spec

    spec = find_spec("click")
    origin = spec.origin if spec is not None else None
    return Path(origin).stat().st_mtime_ns if origin else None


def _click_help() -> str:
    """The help text as click prints it for ``jdgen --help``."""
    import click

    from jdgen.cli.command import main

    with click.Context(main, info_name="jdgen", **main.context_settings) as context:
        return main.get_help(context) + "\n"
