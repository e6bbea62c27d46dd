"""The `jdgen` command: its group, one module per command group, shared options, tables, the questionnaire. May import: `common`, `data`, `decide`, `render`, `postings`, `batch`, `web`.

`command` is the group and its dispatch; ``jdgen.cli:main`` is the console script, as in jdgen 0.4.
"""

from jdgen.cli.command import main

__all__ = ["main"]
