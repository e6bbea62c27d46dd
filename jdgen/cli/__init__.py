"""The `jdgen` command: its group, one module per command group, shared options, tables, the questionnaire. May import: `common`, `data`, `decide`, `render`, `postings`, `ats`, `batch`, `store`, `web`.

`command` is the group and its dispatch; `launch` is the console script, which prints ``--help``
from the user's cache. ``jdgen.cli.main`` is the group, as in jdgen 0.4 (imported on first use).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jdgen.cli.command import main

__all__ = ["main"]


def __getattr__(name: str) -> Any:
    if name == "main":
        from jdgen.cli.command import main

        return main
    raise AttributeError(f"module 'jdgen.cli' has no attribute {name!r}")
