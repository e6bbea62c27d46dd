"""The `jdgen` command: `command` is the group, one module per command group, shared options, terminal tables, the questionnaire. May import every folder.

``jdgen.cli:main`` is the console script, as in jdgen 0.4.
"""

from jdgen.cli.command import main

__all__ = ["main"]
