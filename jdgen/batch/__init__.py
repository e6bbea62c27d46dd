"""Many JDs in one run (`jdgen batch`): `planning` reads the spec, `running` writes the items. May import: `common`, `data`, `decide`, `render`, `postings`, `ats`.

The library's batch API is here, as in jdgen 0.4::

    from jdgen import batch
    spec = batch.load_spec("batch.yaml")
    result = batch.run(batch.plan(spec, "batch.yaml", "out"), batch.Settings(), jobs=2)
    print(batch.summary_text(result, "csv"))
"""

from __future__ import annotations

from jdgen.batch.planning import BatchSpec, Task, load_spec, plan
from jdgen.batch.running import BatchResult, ItemResult, Settings, default_jobs, run, summary_text

__all__ = [
    "BatchResult",
    "BatchSpec",
    "ItemResult",
    "Settings",
    "Task",
    "default_jobs",
    "load_spec",
    "plan",
    "run",
    "summary_text",
]
