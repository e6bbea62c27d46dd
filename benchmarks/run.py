"""Benchmark jdgen: in-process timings, CLI cold starts, batch throughput, docxtpl side by side.

Run ``python benchmarks/run.py`` (``--quick`` for a smoke check); see
benchmarks/README.md for what each figure means. Prints a Markdown report and writes it to
``benchmarks/results.md``, with the same figures as JSON in ``benchmarks/results.json``.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the helper modules beside this file

import bench_report
from bench_groups import GROUP_FUNCTIONS
from bench_plan import Bench, Plan

GROUPS = tuple(GROUP_FUNCTIONS)
PACKAGES = ("jdgen", "python-docx", "pyromark", "docxtpl", "jinja2", "lxml", "click", "pydantic")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _git_commit() -> str:
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=HERE.parent, capture_output=True, text=True, timeout=10, check=False
        )
    except OSError:
        return "unknown"
    return proc.stdout.strip() or "unknown"


def machine_info() -> dict[str, Any]:
    """CPU, cores, Python, package versions, git commit, load average."""
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "platform": platform.platform(),
        "packages": packages,
        "git_commit": _git_commit(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="few runs and a small batch: a smoke check (< 1 min)")
    parser.add_argument("--runs", type=int, metavar="N", help="rounds of each in-process measurement")
    parser.add_argument("--skip-batch", action="store_true", help="leave out the batch runs")
    parser.add_argument("--only", nargs="+", choices=GROUPS, metavar="NAME", help=f"only these groups: {GROUPS}")
    parser.add_argument("--batch-rows", type=int, metavar="N", help="profiles in the batch CSV (× every archetype)")
    parser.add_argument("--batch-repeats", type=int, metavar="N", help="batch runs per --jobs value")
    parser.add_argument("--output-dir", type=Path, default=HERE, help="where results.md/json go (default: benchmarks/)")
    parser.add_argument("--no-save", action="store_true", help="print the report only; write no files")
    args = parser.parse_args(argv)
    for name in ("runs", "batch_rows", "batch_repeats"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def _customised(args: argparse.Namespace) -> bool:
    return bool(args.only or args.runs or args.skip_batch or args.batch_rows or args.batch_repeats)


def run_groups(bench: Bench, groups: list[str]) -> None:
    """Run each group; an exception is recorded as that group's error and the next group goes on."""
    for name in groups:
        gc.collect()
        started = time.perf_counter()
        print(f"[{name}] …", file=sys.stderr, flush=True)
        try:
            bench.summaries += GROUP_FUNCTIONS[name](bench)
        except Exception as exc:  # noqa: BLE001 - one group's failure is reported, the others still run
            detail = "".join(traceback.format_exception(exc))
            bench.errors.append({"group": name, "error": f"{type(exc).__name__}: {exc}", "traceback": detail})
            print(f"[{name}] FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        print(f"[{name}] done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; 0 when every group ran (targets not met are not an error), 1 otherwise."""
    args = parse_args(argv)
    plan = Plan.from_args(args)
    # SIGTERM unwinds like Ctrl-C: the temporary folder is removed and no child is left running.
    signal.signal(signal.SIGTERM, lambda _sig, _frame: sys.exit(128 + signal.SIGTERM))
    groups = [g for g in (args.only or GROUPS) if not (args.skip_batch and g == "batch")]
    started = datetime.datetime.now(datetime.UTC)
    t0 = time.perf_counter()
    machine = machine_info()
    with tempfile.TemporaryDirectory(prefix="jdgen-bench-") as tmp:
        bench = Bench(plan, Path(tmp))
        try:
            bench.load_inputs()
        except Exception as exc:  # noqa: BLE001 - jdgen itself cannot be used: say so plainly
            print(f"cannot load jdgen's example inputs: {type(exc).__name__}: {exc}", file=sys.stderr)
            traceback.print_exc()
            return 1
        run_groups(bench, groups)
    machine["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    results = {s.name: s for s in bench.summaries}
    report: dict[str, Any] = {
        "schema": 1,
        "started": started.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - t0, 1),
        "mode": ("quick" if args.quick else "full") + (" (custom)" if _customised(args) else ""),
        "argv": sys.argv[1:] if argv is None else argv,
        "plan": plan.__dict__,
        "groups": groups,
        "machine": machine,
        "measurements": [s.as_dict() for s in bench.summaries],
        "ratios": bench_report.ratios(results),
        "targets": bench_report.targets(results, bench.info),
        "catalog_once": bench.info.get("catalog_once"),
        "batch": bench.info.get("batch"),
        "docxtpl": bench.info.get("docxtpl"),
        "serve": bench.info.get("serve"),
        "errors": bench.errors,
        "skipped": bench.skipped,
    }
    text = bench_report.markdown(report, bench.summaries)
    print(text)
    if not args.no_save:
        args.output_dir.mkdir(parents=True, exist_ok=True)
        (args.output_dir / "results.md").write_text(text, encoding="utf-8")
        (args.output_dir / "results.json").write_text(
            json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
        )
        print(f"wrote {args.output_dir / 'results.md'} and results.json", file=sys.stderr)
    for error in bench.errors:
        print(f"error in {error['group']}:\n{error.get('traceback') or error['error']}", file=sys.stderr)
    return 1 if bench.errors else 0


if __name__ == "__main__":
    sys.exit(main())
