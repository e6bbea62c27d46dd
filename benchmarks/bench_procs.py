"""Whole-process measurements: CLI cold starts and `jdgen batch` throughput with peak memory.

Peak memory of a batch is measured two ways, both reported:

- polling: every 50 ms the process tree under the batch is walked through
  ``/proc/PID/task/*/children`` and each process's ``VmHWM`` (its own peak resident set, kept
  by the kernel) is read from ``/proc/PID/status``; the last value read per process is its peak
  (growth in a process's final ~50 ms could be missed; ``VmHWM`` never decreases).
- rusage: the batch runs under a tiny wrapper process, which reports
  ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` after waiting for it: the kernel's exact peak RSS of
  the largest single process in the tree (the jdgen process or one of its workers).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_WRAPPER = """\
import json, resource, subprocess, sys, time
start = time.perf_counter_ns()
code = subprocess.call(sys.argv[2:])
elapsed = time.perf_counter_ns() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    cpu = usage.ru_utime + usage.ru_stime
    json.dump({"rc": code, "wall_ns": elapsed, "maxrss_kb": usage.ru_maxrss, "cpu_s": cpu}, f)
sys.exit(code)
"""


class CommandFailed(RuntimeError):
    """A measured command exited with an error; the message has its command line and stderr's end."""


def jdgen_command() -> list[str]:
    """The venv's ``jdgen`` script next to the running interpreter, else ``python -m jdgen``."""
    script = Path(sys.executable).parent / "jdgen"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "jdgen"]


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def run_timed(cmd: Sequence[str], cwd: Path, timeout: float = 120) -> float:
    """Run a command to completion and return its wall time in ms; raise CommandFailed on an error."""
    start = time.perf_counter_ns()
    try:
        proc = subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise CommandFailed(f"timed out after {timeout:.0f} s: {' '.join(cmd)}") from exc
    except OSError as exc:
        raise CommandFailed(f"cannot run {' '.join(cmd)}: {exc}") from exc
    elapsed = time.perf_counter_ns() - start
    if proc.returncode != 0:
        raise CommandFailed(
            f"exit code {proc.returncode}: {' '.join(cmd)}\n--- stderr (end) ---\n{_tail(proc.stderr or proc.stdout)}"
        )
    return elapsed / 1_000_000


def cold_starts(commands: dict[str, list[str]], cwd: Path, rounds: int, warmup: int = 1) -> dict[str, list[float]]:
    """Wall times (ms) of each command, interleaved: one run of each per round, rotating the order."""
    names = list(commands)
    for _ in range(warmup):
        for name in names:
            run_timed(commands[name], cwd)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_no in range(rounds):
        k = round_no % len(names)
        for name in names[k:] + names[:k]:
            samples[name].append(run_timed(commands[name], cwd))
    return samples


# --- batch ------------------------------------------------------------------------------------

_COMPANIES = ("Acme", "Beta Bank", "Gamma Health", "Delta Air", "Epsilon Energy", "Zeta Retail", "Eta Telecom")
_PLACES = (
    ("Denver", "Colorado", "United States", "USD"),
    ("Austin", "Texas", "United States", "USD"),
    ("Toronto", "Ontario", "Canada", "CAD"),
    ("Manchester", "England", "United Kingdom", "GBP"),
    ("Dublin", "Leinster", "Ireland", "EUR"),
)
_INDUSTRIES = ("Outdoor retail", "Banking", "Health care", "Airlines", "Utilities", "Retail", "Telecommunications")


def write_batch_spec(folder: Path, rows: int, answers: Path, posting: bool = False) -> Path:
    """A batch spec over a profiles CSV of `rows` companies × all archetypes, .docx only; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    header = [
        "company",
        "industry",
        "location.city",
        "location.region",
        "location.country",
        "remote",
        "employees",
        "team_size",
        "pay.min",
        "pay.max",
        "pay.currency",
    ]
    with (folder / "profiles.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for i in range(rows):
            city, region, country, currency = _PLACES[i % len(_PLACES)]
            pay = 200_000 + 5_000 * (i % 20)
            writer.writerow(
                [
                    f"{_COMPANIES[i % len(_COMPANIES)]} {i + 1:03d}",
                    _INDUSTRIES[i % len(_INDUSTRIES)],
                    city,
                    region,
                    country,
                    ("no", "hybrid", "yes")[i % 3],
                    str(500 + 37 * i),
                    str(3 + i % 9),
                    str(pay),
                    str(pay + 60_000),
                    currency,
                ]
            )
    spec = folder / ("spec-posting.yaml" if posting else "spec.yaml")
    spec.write_text(
        "# written by benchmarks/run.py\n"
        f"archetypes: all\nanswers: {json.dumps(str(answers))}\nprofiles_csv: profiles.csv\nformats: [docx]\n"
        f"posting: {'true' if posting else 'false'}\n",
        encoding="utf-8",
    )
    return spec


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        try:
            out.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return out


def _status_kb(pid: int, key: str) -> int | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def _role(pid: int) -> str:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    if "resource_tracker" in cmdline:
        return "resource tracker"
    if "multiprocessing" in cmdline or "spawn_main" in cmdline:
        return "worker"
    if " batch " in f"{cmdline} ":
        return "jdgen main"
    return "other"


@dataclass
class TreePoller:
    """Polls the process tree under `root` for each process's peak RSS (VmHWM), until stopped."""

    root: int
    interval: float = 0.05
    peaks_kb: dict[int, int] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        """Start polling in a daemon thread."""
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop polling and wait for the thread."""
        self._stop.set()
        if self._thread:
            self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self.interval)

    def poll(self) -> None:
        """One walk of the tree (the wrapper itself is not counted)."""
        todo = _children(self.root)
        while todo:
            pid = todo.pop()
            todo.extend(_children(pid))
            hwm = _status_kb(pid, "VmHWM")
            if hwm is None:
                continue
            if pid not in self.roles:
                self.roles[pid] = _role(pid)
            self.peaks_kb[pid] = max(hwm, self.peaks_kb.get(pid, 0))

    def by_role(self) -> dict[str, dict[str, float]]:
        """Per role: how many processes were seen and the largest peak RSS among them, in MB."""
        out: dict[str, dict[str, float]] = {}
        for pid, kb in self.peaks_kb.items():
            entry = out.setdefault(self.roles.get(pid, "?"), {"processes": 0, "max_peak_mb": 0.0})
            entry["processes"] += 1
            entry["max_peak_mb"] = max(entry["max_peak_mb"], round(kb / 1024, 1))
        return out


def _written(summary: Path) -> int:
    with summary.open(encoding="utf-8") as f:
        return sum(1 for row in csv.DictReader(f) if row.get("status") == "written")


def _stop_tree(proc: subprocess.Popen[bytes]) -> None:
    """Kill the wrapper's process group (the wrapper, jdgen and its workers) and reap the wrapper."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def run_batch(spec: Path, out_dir: Path, jobs: int, expected: int, timeout: float = 900) -> dict[str, Any]:
    """Run ``jdgen batch`` once as a whole process (under the rusage wrapper); return its figures."""
    report = out_dir.parent / f"{out_dir.name}.rusage.json"
    stderr_path = out_dir.parent / f"{out_dir.name}.stderr.txt"
    cmd = [*jdgen_command(), "batch", str(spec), "-o", str(out_dir), "--jobs", str(jobs), "--force", "--quiet"]
    load_before = os.getloadavg()[0]
    with stderr_path.open("w", encoding="utf-8") as stderr:
        start = time.perf_counter_ns()
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRAPPER, str(report), *cmd],
            cwd=spec.parent,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # its own process group, so that the whole tree can be stopped
        )
        poller = TreePoller(proc.pid)
        poller.start()
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _stop_tree(proc)
            raise CommandFailed(f"timed out after {timeout:.0f} s: {' '.join(cmd)}") from exc
        except BaseException:  # Ctrl-C or SIGTERM: leave no batch running behind
            _stop_tree(proc)
            raise
        finally:
            poller.stop()
        outer_ns = time.perf_counter_ns() - start
    err = stderr_path.read_text(encoding="utf-8", errors="replace")
    if rc != 0 or not report.is_file():
        raise CommandFailed(f"exit code {rc}: {' '.join(cmd)}\n--- stderr (end) ---\n{_tail(err)}")
    usage = json.loads(report.read_text(encoding="utf-8"))
    written = _written(out_dir / "batch-summary.csv")
    if written != expected:
        raise CommandFailed(f"{' '.join(cmd)}: wrote {written} items, expected {expected}\n{_tail(err)}")
    match = re.search(r"items \(.*\) in ([0-9.]+) s", err)
    wall_s = usage["wall_ns"] / 1e9
    load_after = os.getloadavg()[0]
    run_phase = float(match.group(1)) if match else None
    return {
        "jobs": jobs,
        "items": written,
        "wall_s": round(wall_s, 3),
        "wall_s_with_wrapper": round(outer_ns / 1e9, 3),
        "jd_per_s": round(written / wall_s, 1),
        "run_phase_s": run_phase,
        "jd_per_s_run_phase": round(written / run_phase, 1) if run_phase else None,
        "cpu_s": round(usage["cpu_s"], 2),
        "cpu_parallelism": round(usage["cpu_s"] / wall_s, 2),
        "loadavg_1min_before_after": [round(load_before, 2), round(load_after, 2)],
        "rusage_max_rss_mb": round(usage["maxrss_kb"] / 1024, 1),
        "polled": poller.by_role(),
        "polled_max_peak_mb": round(max(poller.peaks_kb.values(), default=0) / 1024, 1),
    }


_BURN = "import time\nt = time.perf_counter()\nx = 0\nfor i in range({n}):\n    x += i\nprint(time.perf_counter() - t)"


def cpu_scaling(n: int = 10_000_000) -> dict[str, float]:
    """How much faster two CPU-bound processes finish than one after the other, on this machine now.

    One pure-Python loop runs alone, then two copies at once; the speed-up is 2 × alone / together
    (2.0 on two free cores; lower when the cores are shared or busy with other work).
    """
    cmd = [sys.executable, "-c", _BURN.format(n=n)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    alone = time.perf_counter() - start
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL) for _ in range(2)]
    codes = [p.wait() for p in procs]
    together = time.perf_counter() - start
    if any(codes):
        raise CommandFailed(f"the CPU calibration loop failed: exit codes {codes}")
    return {"alone_s": round(alone, 3), "two_at_once_s": round(together, 3), "speedup": round(2 * alone / together, 2)}
