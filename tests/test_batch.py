"""`jdgen batch`: many JDs from a spec, in parallel, failures isolated, reruns skip what exists."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner, Result

import jdgen
from jdgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
JDGEN = [sys.executable, "-m", "jdgen"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def summary(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "northwind.yaml").write_text((EXAMPLES / "profile.yaml").read_text())
    (tmp_path / "team.csv").write_text((EXAMPLES / "team.csv").read_text())
    (tmp_path / "requisitions.csv").write_text(
        "company,industry,location.city,location.region,location.country,employees,pay.min,pay.max,pay.currency,archetypes\n"
        'Beta Bank,Banking,Austin,TX,United States,"2,400",250000,300000,USD,best\n'
        "Gamma Goods,Retail,,,,,not a number,,,digital\n"
    )
    path = tmp_path / "spec.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "archetypes": ["enterprise-cx", "digital"],
                "answers": "team.csv",
                "profiles": [
                    "profiles/northwind.yaml",
                    {"company": "Zeta <Telecom> & Co", "industry": "Telecom"},
                    "profiles/missing.yaml",
                    {"file": "profiles/northwind.yaml", "archetypes": "service-led"},
                ],
                "profiles_csv": "requisitions.csv",
                "formats": ["docx", "md"],
            },
            sort_keys=False,
        )
    )
    return path


def test_every_item_is_written_or_reported_and_one_failure_does_not_stop_the_others(spec: Path) -> None:
    out = spec.parent / "out"
    result = run("batch", str(spec), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1  # some items failed
    rows = summary(out / "batch-summary.csv")
    assert [(r["item"], r["archetype"], r["status"]) for r in rows] == [
        ("1", "enterprise-cx", "written"),
        ("2", "digital", "written"),
        ("3", "enterprise-cx", "written"),
        ("4", "digital", "written"),
        ("5", "enterprise-cx", "failed"),
        ("6", "digital", "failed"),
        ("7", "service-led", "written"),
        ("8", rows[7]["archetype"], "written"),  # "best": the board ranking's first for Beta Bank
        ("9", "digital", "failed"),
    ]
    assert rows[7]["archetype"] in jdgen.load_catalog().archetypes
    assert rows[4]["error"].endswith("profiles/missing.yaml: no such file")
    assert "pay.min: expected a number (got 'not a number')" in rows[8]["error"]
    assert rows[8]["profile"].endswith("requisitions.csv: line 3")
    for row in rows:
        if row["status"] == "written":
            files = row["outputs"].split(";")
            assert [Path(f).suffix for f in files] == [".docx", ".md"]
            assert all(Path(f).is_file() for f in files)
    assert rows[0]["outputs"].split(";")[0].endswith("northwind-cco-enterprise-cx.docx")  # named after the file
    assert rows[2]["company"] == "Zeta <Telecom> & Co"
    assert "zeta-telecom-co-cco-digital.md" in rows[3]["outputs"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("jdgen: error:")]
    assert len(errors) == 3
    assert "jdgen: batch: 9 items (6 written, 3 failed)" in result.stderr
    assert result.stderr.strip().endswith(f"jdgen: wrote the summary to {out / 'batch-summary.csv'}")


def test_a_batch_item_is_the_same_file_generate_writes(spec: Path) -> None:
    out = spec.parent / "out"
    run("batch", str(spec), "-o", str(out), "--jobs", "1")
    alone = spec.parent / "alone.docx"
    result = run(
        "generate", "-a", "digital", "--profile", str(spec.parent / "profiles" / "northwind.yaml"),
        "--answers", str(spec.parent / "team.csv"), "-o", str(alone),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (out / "northwind-cco-digital.docx").read_bytes() == alone.read_bytes()


def test_a_batch_with_pack_writes_each_items_role_pack_as_the_commands_do(tmp_path: Path) -> None:
    (tmp_path / "northwind.yaml").write_text((EXAMPLES / "profile.yaml").read_text())
    (tmp_path / "team.csv").write_text((EXAMPLES / "team.csv").read_text())
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "profiles: [northwind.yaml]\narchetypes: [digital]\nanswers: team.csv\n"
        "formats: [md, jsonld]\nposting: true\npack: true\n"
    )
    out = tmp_path / "out"
    result = run("batch", str(spec), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir() if p.suffix != ".csv")
    assert names == [
        "northwind-cco-digital-charter.md",
        "northwind-cco-digital-interview.md",
        "northwind-cco-digital-posting.jsonld",  # the pack has no JSON-LD: it is never posted
        "northwind-cco-digital-posting.md",
        "northwind-cco-digital-scorecard.md",
    ]
    for kind in ("scorecard", "interview", "charter"):
        alone = tmp_path / f"{kind}.md"
        inputs = [
            "-a",
            "digital",
            "--profile",
            str(tmp_path / "northwind.yaml"),
            "--answers",
            str(tmp_path / "team.csv"),
        ]
        assert run(kind, *inputs, "-o", str(alone)).exit_code == 0
        assert (out / f"northwind-cco-digital-{kind}.md").read_text() == alone.read_text()  # the internal JD's pack


def test_parallel_processes_write_the_same_bytes_as_one(spec: Path) -> None:
    one, two = spec.parent / "one", spec.parent / "two"
    run("batch", str(spec), "-o", str(one), "--jobs", "1")
    done = subprocess.run(
        [*JDGEN, "batch", str(spec), "-o", str(two), "--jobs", "2"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr
    names = sorted(p.name for p in one.iterdir() if p.name != "batch-summary.csv")
    assert names == sorted(p.name for p in two.iterdir() if p.name != "batch-summary.csv")
    assert len(names) == 12
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert [r["status"] for r in summary(one / "batch-summary.csv")] == [
        r["status"] for r in summary(two / "batch-summary.csv")
    ]


def test_a_rerun_skips_what_exists_and_force_writes_again(spec: Path) -> None:
    out = spec.parent / "out"
    run("batch", str(spec), "-o", str(out), "--jobs", "1")
    target = out / "northwind-cco-digital.md"
    target.write_text("edited by hand\n")
    (out / "northwind-cco-enterprise-cx.md").unlink()
    again = run("batch", str(spec), "-o", str(out), "--jobs", "1", "--summary", str(out / "second.json"))
    report = json.loads((out / "second.json").read_text())
    assert report["counts"] == {"written": 1, "skipped": 5, "failed": 3, "interrupted": 0}
    assert report["items"][0]["status"] == "written"  # its .md was missing: written again
    assert (out / "northwind-cco-enterprise-cx.md").is_file()
    assert target.read_text() == "edited by hand\n"
    assert again.exit_code == 1
    forced = run("batch", str(spec), "-o", str(out), "--jobs", "1", "--force")
    assert "6 written" in forced.stderr
    assert target.read_text() != "edited by hand\n"


def test_items_that_would_share_a_name_are_numbered(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "archetypes: [digital, digital]\nformats: [md, md]\nprofiles:\n  - {company: Acme}\n  - {company: ACME}\n  - {}\n  - {}\n"
    )
    result = run("batch", str(spec), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert names == [
        "acme-cco-digital-2.md",
        "acme-cco-digital.md",
        "profile-3-cco-digital.md",
        "profile-4-cco-digital.md",
    ]


def test_fixing_a_broken_entry_never_moves_another_entrys_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("company: Acme\nindustry: [unclosed\n")
    (tmp_path / "b.yaml").write_text("company: Acme\nindustry: Widgets B\n")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "archetypes: digital\nformats: md\nprofiles: [{file: a.yaml}, {company: Acme, industry: Widgets C}, b.yaml]\n"
    )
    out = tmp_path / "out"
    assert run("batch", str(spec), "-o", str(out), "-j", "1").exit_code == 1
    (tmp_path / "a.yaml").write_text("company: Acme\nindustry: Widgets A\n")
    assert run("batch", str(spec), "-o", str(out), "-j", "1").exit_code == 0
    rows = summary(out / "batch-summary.csv")
    assert [r["status"] for r in rows] == ["written", "skipped", "skipped"]
    for row, industry in zip(rows, ("Widgets A", "Widgets C", "Widgets B"), strict=True):
        assert industry in Path(row["outputs"]).read_text(), row


def test_csv_amounts_are_read_strictly(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(
        "company;pay.min;pay.max;pay.currency\n"
        'Plain;250000;300000;USD\nThousands;"250,000";"300,000.50";USD\n'
        'Decimal comma;"85,5";90;EUR\nThousands point;265.000;310.000;EUR\n'
    )
    spec = tmp_path / "spec.yaml"
    spec.write_text("archetypes: digital\nformats: json\nprofiles_csv: p.csv\n")
    run("batch", str(spec), "-o", str(tmp_path / "out"), "-j", "1")
    rows = summary(tmp_path / "out" / "batch-summary.csv")
    assert [r["status"] for r in rows] == ["written", "written", "failed", "failed"]
    pays = [json.loads(Path(r["outputs"]).read_text())["pay"] for r in rows[:2]]
    assert [(p["min"], p["max"]) for p in pays] == [(250000, 300000), (250000, 300000.5)]
    assert "pay.min: expected a number (got '85,5')" in rows[2]["error"]
    assert "pay.min: expected a number (got '265.000')" in rows[3]["error"]


def test_an_entry_asking_for_no_archetype_is_a_failed_item_not_a_silent_one(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("archetypes: digital\nformats: md\nprofiles: [{company: Acme, archetypes: []}, {company: Beta}]\n")
    result = run("batch", str(spec), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 1
    assert [r["status"] for r in summary(tmp_path / "out" / "batch-summary.csv")] == ["failed", "written"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "the file is empty"),
        ("   \n\n", "the file is empty"),
        ("profiles: [a.yaml]\nformat: docx\n", "format: unknown field"),
        ("archetypes: [no-such]\nprofiles: [{company: A}]\n", "unknown archetype 'no-such'"),
        ("formats: [rtf]\nprofiles: [{company: A}]\n", "formats"),
        ("archetypes: all\n", "lists no profiles"),
        ("archetypes: []\nprofiles: [{company: A}]\n", "give archetype ids"),
        ("archetypes: [Digital]\nprofiles: [{company: A}]\n", "'Digital' is not an archetype id"),
        ("profiles: [5]\n", "entry 0 is 5; give a profile file name or a mapping"),
        ("- just\n- a list\n", "expected a mapping"),
        ("profiles: [\n", "not valid YAML"),
    ],
)
def test_a_bad_spec_is_one_clear_error_and_nothing_is_written(tmp_path: Path, content: str, message: str) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(content)
    result = run("batch", str(spec), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_progress_bar_on_a_terminal_and_none_otherwise(tmp_path: Path) -> None:
    import pty

    spec = tmp_path / "spec.yaml"
    spec.write_text("archetypes: [digital, service-led]\nformats: md\nprofiles: [{company: A}, {company: B}]\n")
    piped = subprocess.run(
        [*JDGEN, "batch", str(spec), "-o", str(tmp_path / "a"), "-j", "1"], capture_output=True, text=True, check=False
    )
    assert piped.returncode == 0
    lines = piped.stderr.strip().splitlines()  # the count and the summary's name, no bar
    assert len(lines) == 2 and lines[0].startswith("jdgen: batch: 4 items (4 written)")
    assert "\r" not in piped.stderr and "4/4" not in piped.stderr
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [*JDGEN, "batch", str(spec), "-o", str(tmp_path / "b"), "-j", "1"], stderr=follower, stdout=subprocess.DEVNULL
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            chunks.append(chunk)
    os.close(leader)
    shown = b"".join(chunks).decode()
    assert proc.returncode == 0
    assert "jdgen: batch" in shown and "4/4" in shown
    quiet = subprocess.run(
        [*JDGEN, "batch", str(spec), "-o", str(tmp_path / "c"), "-j", "1", "-q"], capture_output=True, check=False
    )
    assert quiet.returncode == 0


def test_ctrl_c_stops_the_run_and_leaves_only_whole_files(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    # Enough items that the run is still going when Ctrl-C comes, even on a loaded machine
    profiles = [{"company": f"Company {n}"} for n in range(200)]
    spec.write_text(yaml.safe_dump({"archetypes": "all", "profiles": profiles, "formats": ["docx", "html"]}))
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [*JDGEN, "batch", str(spec), "-o", str(out), "--jobs", "2"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: Ctrl-C reaches the workers too, as on a terminal
    )
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.docx"))) < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "jdgen: interrupted; no partly written file was left" in stderr
    written = sorted(out.glob("*.docx"))
    assert 10 <= len(written) < 1600
    for path in written:
        docx.Document(str(path))  # every file there is whole
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left
    rows = summary(out / "batch-summary.csv")
    assert len(rows) == 1600
    assert {r["status"] for r in rows} == {"written", "interrupted"}
    # a rerun finishes the job
    done = subprocess.run([*JDGEN, "batch", str(spec), "-o", str(out), "--jobs", "2"], capture_output=True, check=False)
    assert done.returncode == 0
    assert len(list(out.glob("*.docx"))) == 1600 and len(list(out.glob("*.html"))) == 1600


def test_the_library_runs_a_spec_as_the_command_does(spec: Path) -> None:
    from jdgen import batch

    tasks = batch.plan(batch.load_spec(spec), spec, spec.parent / "lib")
    (spec.parent / "lib").mkdir()
    result = batch.run(tasks, batch.Settings(), jobs=1)
    assert (result.count("written"), result.count("failed")) == (6, 3)
    assert not result.interrupted
    text = batch.summary_text(result, "json")
    assert json.loads(text)["counts"]["written"] == 6
    first = docx.Document(io.BytesIO((spec.parent / "lib" / "northwind-cco-enterprise-cx.docx").read_bytes()))
    assert first.paragraphs[0].text == "Chief Customer Officer"


def test_a_summary_that_cannot_be_written_is_refused_before_any_item(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("archetypes: [digital]\nprofiles: [{company: A}]\n")
    (tmp_path / "out" / "batch-summary.csv").mkdir(parents=True)
    result = run("batch", str(spec), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr == f"jdgen: error: {tmp_path / 'out' / 'batch-summary.csv'}: is a folder; give a file name\n"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["batch-summary.csv"]
