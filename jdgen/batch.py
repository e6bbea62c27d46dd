"""Many job descriptions in one run: profiles × archetypes from a spec file (``jdgen batch``).

A spec is YAML (paths in it are relative to its folder)::

    archetypes: [enterprise-cx, digital]   # or "all", or "best" (the board ranking's first)
    answers: team.csv                      # optional: readiness answers for every profile
    profiles:                              # profile files, inline profiles, or both
      - profiles/acme.yaml
      - {company: Beta Bank, industry: Banking, archetypes: best}
      - {file: profiles/gamma.yaml, answers: gamma-answers.yaml}
    profiles_csv: requisitions.csv         # and/or one profile per CSV row
    formats: [docx, md]                    # default: docx
    posting: false                         # the posting edition instead of the internal one
    catalog: [my-catalog]                  # overlays, as --catalog
    templates: [my-templates]              # as --templates
    reference: brand.docx                  # as --reference

Each profile × archetype is an item, written to ``[company-]cco-ARCHETYPE[-posting].FMT`` in the
output folder (``-2``, ``-3``… when two items would share a name). An item that fails (a bad
profile file, a CSV row with a bad value, a template error) is reported and the others go on.
Problems that concern every item (the spec itself, the catalog, the templates, the reference
document) stop the run before anything is written.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator

from jdgen.answers_csv import csv_rows, read_text
from jdgen.catalog import Catalog, load_catalog
from jdgen.compare import compare
from jdgen.compose import compose
from jdgen.errors import InputError, JdgenError, Problem, quoted
from jdgen.inputs import NUMBER_FIELDS, load_answers, load_profile, number_from_text, override_profile, parse_profile
from jdgen.models import Frozen, Profile, Survey, Text
from jdgen.output import slug, write_atomic
from jdgen.render import Format, render
from jdgen.render.pdf import NOT_INSTALLED as PDF_NOT_INSTALLED
from jdgen.render.pdf import pdf_available
from jdgen.validation import problems_from
from jdgen.yamlio import read_yaml

Status = Literal["written", "skipped", "failed", "interrupted"]
SUMMARY_COLUMNS = ("item", "profile", "company", "archetype", "status", "outputs", "warnings", "error")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_LIST_COLUMNS = frozenset({"archetypes", "answers", "remote_scope", "benefits"})
_CSV_HINT = "a profiles CSV has a header row of profile fields (company, industry, location.city, pay.min…)"


def _listify(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class BatchSpec(Frozen):
    """What `jdgen batch` makes: every profile × every archetype, in the given formats."""

    profiles: tuple[Any, ...] = Field(
        default=(), description="Profile files, inline profiles, or {file, archetypes, answers} mappings."
    )
    profiles_csv: Text | None = Field(default=None, description="A CSV file with one profile per row.")
    archetypes: tuple[str, ...] | str = Field(
        default="all", description="Archetype ids, 'all', or 'best' (the board comparison's first)."
    )
    answers: tuple[Text, ...] = Field(default=(), description="Answers files (YAML or CSV) for every profile.")
    formats: tuple[Format, ...] = Field(default=("docx",), min_length=1)
    posting: bool = False
    catalog: tuple[Text, ...] = ()
    templates: tuple[Text, ...] = ()
    reference: Text | None = None

    @field_validator("answers", "catalog", "templates", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _listify(value)

    @field_validator("formats", mode="before")
    @classmethod
    def _formats(cls, value: Any) -> Any:
        value = _listify(value)
        return tuple(dict.fromkeys(value)) if isinstance(value, list | tuple) else value

    @field_validator("profiles", mode="after")
    @classmethod
    def _profiles(cls, value: tuple[Any, ...]) -> tuple[Any, ...]:
        for n, entry in enumerate(value):
            if not (isinstance(entry, dict) or (isinstance(entry, str) and entry.strip())):
                raise ValueError(
                    f"entry {n} is {quoted(entry)}; give a profile file name or a mapping of profile fields"
                )
        return value

    @field_validator("archetypes", mode="before")
    @classmethod
    def _archetypes(cls, value: Any) -> Any:
        if value in ("all", "best"):
            return value
        ids = _listify(value)
        if not isinstance(ids, list | tuple) or not ids:
            raise ValueError("give archetype ids (a list), all, or best")
        bad = [i for i in ids if not isinstance(i, str) or not _ID.match(i)]
        if bad:
            raise ValueError(
                f"{quoted(bad[0])} is not an archetype id (lower-case words joined by hyphens, e.g. enterprise-cx)"
            )
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class Settings:
    """What every item of a run shares (picklable, for the worker processes)."""

    posting: bool = False
    force: bool = False
    catalog_dirs: tuple[Path, ...] = ()
    template_dirs: tuple[Path, ...] = ()
    reference: Path | None = None


@dataclass(frozen=True)
class Task:
    """One profile × archetype, with its output files; `error` when it cannot even be planned."""

    item: int
    profile_label: str
    archetype: str
    profile: Profile | None = None
    survey: Survey | None = None
    outputs: tuple[tuple[str, Path], ...] = ()
    error: str = ""


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


# --- planning ----------------------------------------------------------------------------------


def load_spec(path: str | Path) -> BatchSpec:
    """Read and validate a batch spec file.

    Raises:
        InputError: naming the file and each bad field.
    """
    label = str(path)
    data, problem = read_yaml(Path(path), label)
    if problem is not None:
        raise InputError(problems=(problem,))
    if not isinstance(data, dict):
        raise InputError(problems=(Problem(label, "expected a mapping of fields (profiles, archetypes, formats…)"),))
    try:
        spec = BatchSpec.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems=problems_from(exc, BatchSpec, label)) from None
    if not spec.profiles and spec.profiles_csv is None:
        raise InputError(problems=(Problem(label, "lists no profiles; give profiles, profiles_csv or both"),))
    return spec


@dataclass
class _Planner:
    catalog: Catalog
    base: Path
    output_dir: Path
    formats: tuple[str, ...]
    posting: bool
    default_archetypes: tuple[str, ...] | str
    default_survey: Survey | None
    tasks: list[Task] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)
    _surveys: dict[tuple[Path, ...], Survey] = field(default_factory=dict)

    def add(
        self, label: str, load: Callable[[], Profile], hint: str, archetypes: Any = None, answers: Any = None
    ) -> None:
        """Plan one profile entry: its archetypes × the formats; a failure becomes failed items.

        File names come from `hint` (the company as written, or the profile file's name) and are
        reserved whether or not the entry loads, so fixing a broken entry never moves another
        entry's file name (a rerun would otherwise skip the wrong file).
        """
        wanted = archetypes if archetypes is not None else self.default_archetypes
        named = self._named(wanted)
        stem = f"{slug(hint) + '-' if slug(hint) else ''}cco"
        suffixes = {key: self._reserve(f"{stem}-{key}") for key in named}
        try:
            profile = load()
            survey = self._survey(answers) if answers else self.default_survey
            chosen = self._archetypes(wanted, survey, profile)
        except JdgenError as exc:
            for archetype in named:
                self.tasks.append(Task(len(self.tasks) + 1, label, archetype, error=error_text(exc)))
            return
        for archetype in chosen:
            suffix = suffixes.get(archetype, suffixes.get("best", ""))
            name = f"{stem}-{archetype}{suffix}{'-posting' if self.posting else ''}"
            outputs = tuple((fmt, self.output_dir / f"{name}.{fmt}") for fmt in self.formats)
            self.tasks.append(Task(len(self.tasks) + 1, label, archetype, profile, survey, outputs))

    def _named(self, wanted: Any) -> tuple[str, ...]:
        """The archetypes an entry asks for, as far as they can be told before it loads."""
        if wanted == "all":
            return self.catalog.archetypes.ids()
        if wanted == "best" or wanted == ["best"]:
            return ("best",)
        try:
            return tuple(_strings(wanted, "archetypes"))
        except InputError:
            return ("",)

    def _reserve(self, stem: str) -> str:
        """The suffix of the next item with this name stem: none for the first, then ``-2``, ``-3``."""
        n = self._counts.get(stem, 0) + 1
        self._counts[stem] = n
        return "" if n == 1 else f"-{n}"

    def _survey(self, answers: Any) -> Survey:
        paths = tuple(self.base / p for p in _strings(answers, "answers"))
        if paths not in self._surveys:
            self._surveys[paths] = load_answers(paths, self.catalog)
        return self._surveys[paths]

    def _archetypes(self, value: Any, survey: Survey | None, profile: Profile) -> tuple[str, ...]:
        if isinstance(value, list | tuple) and len(value) == 1:  # a CSV cell is read as a list
            value = value[0]
        if value == "all":
            return self.catalog.archetypes.ids()
        if value == "best":
            return (compare(self.catalog, survey, profile).ranking[0].archetype,)
        ids = tuple(_strings(value, "archetypes"))
        unknown = [a for a in ids if a not in self.catalog.archetypes]
        if unknown or not ids:
            valid = ", ".join(self.catalog.archetypes.ids())
            raise InputError(f"unknown archetype {quoted(unknown[0] if unknown else '')}; valid: all, best, {valid}")
        return ids


def _strings(value: Any, name: str) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(";") if v.strip()] if ";" in value else [value.strip()]
    if not isinstance(value, list | tuple) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{name}: expected a name or a list of names")
    return list(dict.fromkeys(value))


def plan(spec: BatchSpec, spec_path: str | Path, output_dir: str | Path, catalog: Catalog | None = None) -> list[Task]:
    """Every item of the spec with its output files, in spec order (profiles, then CSV rows).

    Raises:
        JdgenError: a problem that concerns every item (the shared answers, an unknown
            archetype in the spec, a profiles CSV that cannot be read).
    """
    base = Path(spec_path).parent
    if "pdf" in spec.formats and not pdf_available():
        raise InputError(f"{spec_path}: formats: {PDF_NOT_INSTALLED}")
    catalog = catalog or load_catalog([base / d for d in spec.catalog])
    if isinstance(spec.archetypes, tuple):
        unknown = [a for a in spec.archetypes if a not in catalog.archetypes]
        if unknown:
            valid = ", ".join(catalog.archetypes.ids())
            raise InputError(f"{spec_path}: unknown archetype {quoted(unknown[0])}; valid: all, best, {valid}")
    shared = load_answers([base / p for p in spec.answers], catalog) if spec.answers else None
    planner = _Planner(catalog, base, Path(output_dir), spec.formats, spec.posting, spec.archetypes, shared)
    for n, entry in enumerate(spec.profiles):
        if isinstance(entry, str):
            planner.add(entry, _from_file(base / entry), Path(entry).stem)
        elif "file" in entry:
            extra = sorted(set(entry) - {"file", "archetypes", "answers"})
            path = base / str(entry["file"])
            loader = _from_file(path, extra)
            planner.add(str(entry["file"]), loader, path.stem, entry.get("archetypes"), entry.get("answers"))
        else:
            label = f"{spec_path}: profiles[{n}]"
            data = dict(entry)
            archetypes, answers = data.pop("archetypes", None), data.pop("answers", None)
            hint = _company_hint(data) or f"profile-{n + 1}"
            planner.add(label, _inline(data, label, parse_profile), hint, archetypes, answers)
    if spec.profiles_csv is not None:
        for label, line, row in _csv_profiles(base / spec.profiles_csv):
            archetypes, answers = row.pop("archetypes", None), row.pop("answers", None)
            hint = _company_hint(row) or f"row-{line}"
            planner.add(label, _inline(row, label, _profile_from_row), hint, archetypes, answers)
    return planner.tasks


def _company_hint(data: dict[str, Any]) -> str:
    company = data.get("company")
    return company if isinstance(company, str) else ""


def _from_file(path: Path, extra: Sequence[str] = ()) -> Callable[[], Profile]:
    def load() -> Profile:
        if extra:
            raise InputError(f"{path}: unknown key {quoted(extra[0])} beside file; use file, archetypes and answers")
        return load_profile(path)

    return load


def _inline(data: dict[str, Any], label: str, parse: Callable[[dict[str, Any], str], Profile]) -> Callable[[], Profile]:
    return lambda: parse(data, label)


def _csv_profiles(path: Path) -> list[tuple[str, int, dict[str, Any]]]:
    header, rows = csv_rows(read_text(path, str(path)), str(path), _CSV_HINT)
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise InputError(f"{path}: column {quoted(repeated[0])} appears twice in the header")
    out = []
    for line, cells in rows:
        if len(cells) > len(header):
            row: dict[str, Any] = {"__error__": f"has {len(cells)} cells but the header has {len(header)} columns"}
        else:
            row = {}
            for column, cell in zip(header, cells, strict=False):
                if cell:
                    row[column] = [v.strip() for v in cell.split(";") if v.strip()] if column in _LIST_COLUMNS else cell
        out.append((f"{path}: line {line}", line, row))
    return out


def _profile_from_row(row: dict[str, Any], label: str) -> Profile:
    if "__error__" in row:
        raise InputError(f"{label}: {row['__error__']}")
    fields = Profile.model_fields
    unknown = sorted(k for k in row if k.split(".")[0] not in fields)
    if unknown:
        raise InputError(f"{label}: unknown column {quoted(unknown[0])}; {_CSV_HINT}")
    values = {k: number_from_text(v) if k in NUMBER_FIELDS else v for k, v in row.items()}
    return override_profile(None, values, label=label)


# --- running -----------------------------------------------------------------------------------


def error_text(exc: BaseException) -> str:
    """An error as one line: its problems joined with ``; ``."""
    if isinstance(exc, JdgenError):
        return "; ".join(exc.lines())
    return f"unexpected {type(exc).__name__} (a bug in jdgen; please report it): {exc}"


@lru_cache(maxsize=4)
def _catalog(dirs: tuple[Path, ...]) -> Catalog:
    return load_catalog(dirs)  # once per process; the built-in catalog is cached by load_catalog


def run_task(task: Task, settings: Settings) -> ItemResult:
    """Compose and write one item; any error becomes a failed result (nothing else is raised)."""
    company = (task.profile.company or "") if task.profile else ""

    def result(status: Status, outputs: Iterable[Path], warnings: int = 0, error: str = "") -> ItemResult:
        paths = tuple(str(p) for p in outputs)
        return ItemResult(task.item, task.profile_label, company, task.archetype, status, paths, warnings, error)

    if task.error:
        return result("failed", (), error=task.error)
    todo = [(fmt, path) for fmt, path in task.outputs if settings.force or not (path.exists() or path.is_symlink())]
    if not todo:
        return result("skipped", (p for _, p in task.outputs))
    written: list[Path] = []
    warnings = 0
    try:
        jd = compose(_catalog(settings.catalog_dirs), task.archetype, task.survey, task.profile)
        warnings = len(jd.warnings)
        for fmt, path in todo:
            data = render(
                jd, fmt, posting=settings.posting, template_dirs=settings.template_dirs, reference=settings.reference
            )
            written.append(write_atomic(path, data, force=settings.force))
    except Exception as exc:  # noqa: BLE001  (one item's failure, whatever it is, never stops the others)
        return result("failed", written, warnings, error_text(exc))
    return result("written", (p for _, p in task.outputs), warnings)


def _run_chunk(tasks: Sequence[Task], settings: Settings) -> list[ItemResult]:
    return [run_task(task, settings) for task in tasks]


def run(
    tasks: Sequence[Task],
    settings: Settings,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> BatchResult:
    """Run every task, in `jobs` worker processes (in this process when 1), and collect the results.

    Ctrl-C stops the run: the workers finish the items they are writing (they do not see the
    interrupt themselves), the rest are reported as interrupted, and no file is left half-written.
    If a worker process dies (out of memory, say), the items it had not finished are tried once
    more in fresh workers.
    """
    done: dict[int, ItemResult] = {}
    step = progress or (lambda _n: None)
    interrupted = False
    try:
        if jobs <= 1 or len(tasks) <= 1:
            for task in tasks:
                done[task.item] = run_task(task, settings)
                step(1)
        else:
            lost = _run_pool(tasks, settings, jobs, done, step)
            if lost:  # a worker died: the unfinished items once more, one per chunk
                for task in _run_pool(lost, settings, jobs, done, step, chunk_size=1):
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
) -> list[Task]:
    """Run `tasks` in a pool of worker processes; return the tasks lost to a worker that died."""
    size = chunk_size or max(1, min(25, len(tasks) // (jobs * 8)))
    chunks = [list(tasks[i : i + size]) for i in range(0, len(tasks), size)]
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=multiprocessing.get_context("spawn"))
    futures: dict[Future[list[ItemResult]], list[Task]] = {}
    lost: list[Task] = []
    try:
        with _workers_ignore_ctrl_c():  # the workers start now; they inherit "ignore SIGINT"
            for chunk in chunks:
                futures[pool.submit(_run_chunk, chunk, settings)] = chunk
        for future in as_completed(futures):
            step(_collect(future, futures[future], done, lost))
    finally:
        # On Ctrl-C: chunks not started are cancelled; the ones running finish their files.
        pool.shutdown(wait=True, cancel_futures=True)
        for future, chunk in futures.items():
            if future.done() and not future.cancelled() and not any(t.item in done for t in chunk):
                _collect(future, chunk, done, lost)
    return [t for t in lost if t.item not in done]


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
        writer.writerow(row | {"outputs": ";".join(row["outputs"])})
    return out.getvalue()
