"""Faults injected into batch worker processes (importable by spawned workers, which cannot see a test's closures)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from jdgen.batch import running as batch

DIE_AFTER_ITEM = 3


def die_after_writing(
    tasks: Sequence[batch.Task], settings: batch.Settings, ours_since: float | None = None
) -> list[batch.ItemResult]:
    """Run a chunk as a worker does, but die (as the out-of-memory killer would) right after item 3's files.

    With ``$JDGEN_TEST_RUN_LOG``, each item tried again is logged there, one line each.
    """
    results = []
    log = os.environ.get("JDGEN_TEST_RUN_LOG")
    for task in tasks:
        if log and ours_since is not None:
            with Path(log).open("a", encoding="utf-8") as handle:  # one short line: appends do not interleave
                handle.write(f"{task.item}\n")
        results.append(batch.run_task(task, settings, ours_since))
        if task.item == DIE_AFTER_ITEM and ours_since is None:  # only in the first pool, not the retry
            os._exit(1)
    return results
