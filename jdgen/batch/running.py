"""Many job descriptions in one run (``jdgen batch``): the planned items written by worker processes.

`jdgen.batch.planning` reads the spec and plans the items; this module runs them (each item all
or nothing), collects what became of each, and writes the summary. The summary is the truth
about the folder: a worker that dies, a second batch writing into the same folder, or a file
that appears meanwhile never makes an item look failed or skipped when it was not.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from jdgen.ats import ats_export, placeholder_help, to_json
from jdgen.batch.planning import BatchSpec, Task, error_text, load_spec, plan
from jdgen.common.errors import TargetExistsError
from jdgen.data.catalog import Catalog, load_catalog
from jdgen.decide.compose import compose
from jdgen.decide.pack import RolePack, role_pack
from jdgen.decide.results import JobDescription
from jdgen.render import Document, render
from jdgen.render.output import write_atomic

__all__ = ["BatchResult", "BatchSpec", "ItemResult", "Settings", "Task", "load_spec", "plan", "run", "summary_text"]

Status = Literal["written", "skipped", "failed", "interrupted"]
#: How often a worker checks that the batch's process is still there (seconds).
_PARENT_CHECK_SECONDS = 1.0
#: File times may be coarser than the clock (whole seconds on some file systems).
_CLOCK_SLACK = 2.0
#: A cell starting with one of these is a formula to a spreadsheet (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SUMMARY_COLUMNS = ("item", "profile", "company", "archetype", "status", "outputs", "warnings", "error")


@dataclass(frozen=True)
class Settings:
    """What every item of a run shares (picklable, for the worker processes)."""

    posting: bool = False
    force: bool = False
    catalog_dirs: tuple[Path, ...] = ()
    template_dirs: tuple[Path, ...] = ()
    reference: Path | None = None
    #: Values for the ATS requests' placeholders (name, value), as --fill.
    fill: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ItemResult:
    """What became of one item: its files, or its error."""

    item: int
    profile: str
    company: str
    archetype: str
    status: Status
    outputs: tuple[str, ...] = ()
    warnings: int = 0
    error: str = ""


@dataclass
class BatchResult:
    """Every item's result in spec order, and whether the run was interrupted."""

    items: list[ItemResult] = field(default_factory=list)
    interrupted: bool = False

    def count(self, status: Status) -> int:
        """How many items ended with `status`."""
        return sum(1 for r in self.items if r.status == status)


@lru_cache(maxsize=4)
def _catalog(dirs: tuple[Path, ...]) -> Catalog:
    return load_catalog(dirs)  # once per process; the built-in catalog is cached by load_catalog


def run_task(task: Task, settings: Settings, ours_since: float | None = None) -> ItemResult:
    """Compose and write one item; any error becomes a failed result (nothing else is raised).

    A file that exists is skipped (unless `settings.force`), also one that appears while the item
    is being written (another batch into the same folder). `ours_since`: when the item is tried
    again after its worker died, files changed since then were written by this run, so the item
    counts as written, not skipped.
    """
    company = (task.profile.company or "") if task.profile else ""

    def result(status: Status, outputs: Iterable[Path], warnings: int = 0, error: str = "") -> ItemResult:
        paths = tuple(str(p) for p in outputs)
        return ItemResult(task.item, task.profile_label, company, task.archetype, status, paths, warnings, error)

    if task.error:
        return result("failed", (), error=task.error)
    todo = [(doc, fmt, path) for doc, fmt, path in task.outputs if settings.force or not _exists(path)]
    every = [path for _, _, path in task.outputs]
    if not todo:
        ours = ours_since is not None and all(_changed_since(path, ours_since) for path in every)
        return result("written" if ours else "skipped", every)
    written: list[Path] = []
    warnings = 0
    try:
        catalog = _catalog(settings.catalog_dirs)
        jd = compose(catalog, task.archetype, task.survey, task.profile)
        warnings = len(jd.warnings)
        needs_pack = any(doc.endswith(":pack") or not doc.startswith(("jd", "export:")) for doc, _, _ in todo)
        made = role_pack(catalog, jd, task.profile) if needs_pack else None
        for doc, fmt, path in todo:
            if doc.startswith("export:"):
                target, _, with_pack = doc.removeprefix("export:").partition(":")
                data: bytes | str = _ats_requests(jd, target, settings, made if with_pack else None)
            else:
                document: Document = jd if made is None or doc == "jd" else getattr(made, doc)
                posting = settings.posting and doc == "jd"
                data = render(
                    document, fmt, posting=posting, template_dirs=settings.template_dirs, reference=settings.reference
                )
            try:
                written.append(write_atomic(path, data, force=settings.force))
            except TargetExistsError:  # it appeared meanwhile: as if it had been there at the start
                continue
    except Exception as exc:  # noqa: BLE001  (one item's failure, whatever it is, never stops the others)
        return result("failed", written, warnings, error_text(exc))
    return result("written" if written else "skipped", every, warnings)


def _ats_requests(jd: JobDescription, target: str, settings: Settings, pack: RolePack | None) -> str:
    """The item's requests for one ATS, with the run's values for that target's placeholders."""
    known = placeholder_help(target)
    fill = {k: v for k, v in settings.fill if k in known}
    return to_json(ats_export(jd, target, settings.template_dirs, fill, pack))


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _changed_since(path: Path, since: float) -> bool:
    try:
        return path.stat().st_mtime >= since
    except OSError:
        return False


def _run_chunk(tasks: Sequence[Task], settings: Settings, ours_since: float | None = None) -> list[ItemResult]:
    return [run_task(task, settings, ours_since) for task in tasks]


def run(
    tasks: Sequence[Task],
    settings: Settings,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> BatchResult:
    """Run every task, in `jobs` worker processes (in this process when 1), and collect the results.

    Ctrl-C stops the run: the workers finish the items they are writing (they do not see the
    interrupt themselves), the rest are reported as interrupted, and no file is left half-written.
    If a worker process dies (out of memory, say), the items whose results were lost are tried
    once more in fresh workers, each once; one whose files this run wrote before the worker died
    counts as written. Workers stop by themselves if this process is killed.
    """
    done: dict[int, ItemResult] = {}
    step = progress or (lambda _n: None)
    interrupted = False
    started = time.time() - _CLOCK_SLACK
    try:
        if jobs <= 1 or len(tasks) <= 1:
            for task in tasks:
                done[task.item] = run_task(task, settings)
                step(1)
        else:
            lost = _run_pool(tasks, settings, jobs, done, step)
            if lost:  # a worker died: the unfinished items once more, one per chunk
                for task in _run_pool(lost, settings, jobs, done, step, chunk_size=1, ours_since=started):
                    done[task.item] = _lost(task)
                    step(1)
    except KeyboardInterrupt:
        interrupted = True
    items = [
        done.get(t.item)
        or ItemResult(t.item, t.profile_label, "", t.archetype, "interrupted", error="the run was interrupted")
        for t in tasks
    ]
    return BatchResult(items, interrupted or len(done) < len(tasks))


def _run_pool(
    tasks: Sequence[Task],
    settings: Settings,
    jobs: int,
    done: dict[int, ItemResult],
    step: Callable[[int], None],
    chunk_size: int = 0,
    ours_since: float | None = None,
) -> list[Task]:
    """Run `tasks` in a pool of worker processes; return the tasks lost to a worker that died (each once)."""
    size = chunk_size or max(1, min(25, len(tasks) // (jobs * 8)))
    chunks = [list(tasks[i : i + size]) for i in range(0, len(tasks), size)]
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(chunks)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_watch_parent,
        initargs=(os.getpid(),),
    )
    futures: dict[Future[list[ItemResult]], list[Task]] = {}
    collected: set[Future[list[ItemResult]]] = set()
    lost: list[Task] = []
    try:
        with _workers_ignore_ctrl_c():  # the workers start now; they inherit "ignore SIGINT"
            for chunk in chunks:
                futures[pool.submit(_run_chunk, chunk, settings, ours_since)] = chunk
        for future in as_completed(futures):
            collected.add(future)
            step(_collect(future, futures[future], done, lost))
    finally:
        # On Ctrl-C: chunks not started are cancelled; the ones running finish their files.
        pool.shutdown(wait=True, cancel_futures=True)
        for future, chunk in futures.items():
            if future not in collected and future.done() and not future.cancelled():
                _collect(future, chunk, done, lost)
    return list({t.item: t for t in lost if t.item not in done}.values())


def _watch_parent(parent: int) -> None:
    """In a worker: exit when the batch's process is gone (killed), instead of waiting forever for work."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="jdgen-parent-watch", daemon=True).start()


@contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Ignore SIGINT while worker processes start, so that they start ignoring it (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _collect(future: Future[list[ItemResult]], chunk: list[Task], done: dict[int, ItemResult], lost: list[Task]) -> int:
    try:
        results = future.result()
    except BrokenProcessPool:
        lost.extend(chunk)
        return 0
    for r in results:
        done[r.item] = r
    return len(results)


def _lost(task: Task) -> ItemResult:
    return ItemResult(
        task.item,
        task.profile_label,
        (task.profile.company or "") if task.profile else "",
        task.archetype,
        "failed",
        error="its worker process stopped unexpectedly (out of memory?); run it alone with --jobs 1 to see why",
    )


def default_jobs() -> int:
    """The number of worker processes by default: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def summary_text(result: BatchResult, fmt: str) -> str:
    """The summary as CSV (one row per item) or JSON (counts and items)."""
    rows = [asdict(r) | {"outputs": list(r.outputs)} for r in result.items]
    if fmt == "json":
        counts = {s: result.count(s) for s in ("written", "skipped", "failed", "interrupted")}
        return json.dumps({"counts": counts, "items": rows}, indent=2, ensure_ascii=False) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = row | {"outputs": ";".join(row["outputs"])}
        writer.writerow({key: _not_a_formula(value) for key, value in cells.items()})
    return out.getvalue()


def _not_a_formula(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, with ``'`` in front so that it shows as text."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value
