"""jdgen inside other programs: renders from several threads, the same bytes in any process, an HR tool.

- A thread pool renders a mix of documents (every kind and format, user template folders, a
  reference .docx) in shuffled order, several rounds, and must give the serial output byte for byte.
- Two fresh Python processes with different hash seeds, time zones and clocks render the same
  documents and must agree byte for byte (the in-process clock test is in test_render.py).
- ``tests/example_hr_tool.py``, a small typed program on the public API, runs end to end.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import textwrap
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest

import jdgen
from jdgen.common import resources
from tests import example_hr_tool

ROOT = Path(__file__).resolve().parent.parent
GAPS = {"resources": "no", "role-clarity": "partial", "customer-roadmap": "no", "participation": "yes"}
CUSTOM_JD_HEADING = "## What you will own (custom template)"
CUSTOM_POSTING_HEADING = "## Your work here (custom posting template)"


# --- rendering from several threads ----------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One render, composed from scratch inside the worker: compose, compare and render all run concurrently."""

    kind: str  # "jd", "comparison" or "readiness"
    fmt: str
    archetype: str = "enterprise-cx"
    answers: str = "none"  # "none", "team" (examples/team.csv) or "gaps" (GAPS)
    posting: bool = False
    template_dirs: tuple[Path, ...] = ()
    reference: Path | None = None

    @property
    def key(self) -> str:
        dirs = "+".join(d.name for d in self.template_dirs) or "built-in"
        edition = "posting" if self.posting else "internal"
        ref = f" ref={self.reference.name}" if self.reference else ""
        return f"{self.kind}:{self.archetype}:{self.answers}:{edition}:{dirs}{ref}.{self.fmt}"


@dataclass(frozen=True)
class Inputs:
    catalog: jdgen.Catalog
    team: jdgen.Survey
    profile: jdgen.Profile


def _run(job: Job, inputs: Inputs) -> bytes | str:
    answers: Any = {"none": None, "team": inputs.team, "gaps": dict(GAPS)}[job.answers]
    profile: Any = inputs.profile if job.answers == "team" else {"company": f"{job.archetype.title()} Co"}
    document: jdgen.JobDescription | jdgen.Comparison | jdgen.ReadinessReport
    if job.kind == "jd":
        document = jdgen.compose(inputs.catalog, job.archetype, answers, profile)
    elif job.kind == "comparison":
        archetypes = None if job.answers == "team" else ["service-led", "digital", job.archetype]
        document = jdgen.compare(inputs.catalog, answers, profile, archetypes)
    else:
        document = jdgen.readiness_report(inputs.catalog, answers, profile)
    return jdgen.render(
        document, job.fmt, posting=job.posting, template_dirs=job.template_dirs, reference=job.reference
    )


def _jobs(custom_jd: Path, custom_posting: Path, reference: Path) -> list[Job]:
    jobs: list[Job] = []
    archetypes = jdgen.load_catalog().archetypes.ids()
    variants = ("none", "team", "gaps")
    for i, archetype in enumerate(archetypes):
        answers = variants[i % 3]
        jobs += [Job("jd", fmt, archetype, answers) for fmt in ("md", "html", "json", "jsonld")]
        jobs += [Job("jd", fmt, archetype, answers, posting=True) for fmt in ("md", "html", "json")]
        if i % 2 == 0:
            jobs += [Job("jd", "docx", archetype, answers), Job("jd", "docx", archetype, answers, posting=True)]
    jobs += [Job("jd", "md", "enterprise-cx", answers) for answers in variants if answers != variants[0]]
    # User template folders: three Jinja environments besides the built-in one, used at once.
    for dirs in [(custom_jd,), (custom_posting,), (custom_jd, custom_posting)]:
        for posting in (False, True):
            jobs += [Job("jd", fmt, "enterprise-cx", "team", posting, dirs) for fmt in ("md", "html")]
        jobs.append(Job("jd", "docx", "enterprise-cx", "team", posting=dirs == (custom_posting,), template_dirs=dirs))
    jobs.append(Job("jd", "docx", "enterprise-cx", "team", reference=reference))
    jobs += [Job("comparison", fmt, answers="team") for fmt in ("md", "html", "json", "docx")]
    jobs += [Job("comparison", fmt, "marketing-led", "gaps") for fmt in ("md", "html")]
    jobs += [Job("readiness", fmt, answers="team") for fmt in ("md", "html", "json", "docx")]
    jobs.append(Job("readiness", "md", answers="gaps"))
    return jobs


def _customised(folder: Path, name: str, old: str, new: str) -> Path:
    """A copy of a built-in template with one line changed."""
    text = (resources.templates_dir() / name).read_text(encoding="utf-8")
    assert old in text, f"{name} no longer has {old!r}; update this test"
    folder.mkdir()
    (folder / name).write_text(text.replace(old, new), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def inputs() -> Inputs:
    catalog = jdgen.load_catalog()
    team = jdgen.load_answers([resources.examples_dir() / "team.csv"], catalog)
    return Inputs(catalog, team, jdgen.load_profile(resources.examples_dir() / "profile.yaml"))


def test_rendering_from_a_thread_pool_gives_the_serial_output(tmp_path: Path, inputs: Inputs) -> None:
    custom_jd = _customised(tmp_path / "custom-jd", "jd.md.j2", "## Responsibilities", CUSTOM_JD_HEADING)
    custom_posting = _customised(
        tmp_path / "custom-posting", "posting.md.j2", "## What you will do", CUSTOM_POSTING_HEADING
    )
    reference = tmp_path / "brand" / "reference.docx"
    reference.parent.mkdir()
    reference.write_bytes((resources.templates_dir() / "reference.docx").read_bytes())
    jobs = _jobs(custom_jd, custom_posting, reference)
    assert len({job.key for job in jobs}) == len(jobs), "every job should be different"

    serial = {job.key: _run(job, inputs) for job in jobs}

    # The serial run itself shows the template folders are in use, so the threads below really
    # share several Jinja environments.
    def md(key: str) -> str:
        out = serial[key]
        assert isinstance(out, str)
        return out

    assert CUSTOM_JD_HEADING in md("jd:enterprise-cx:team:internal:custom-jd.md")
    assert CUSTOM_JD_HEADING not in md("jd:enterprise-cx:team:internal:built-in.md")
    assert CUSTOM_POSTING_HEADING in md("jd:enterprise-cx:team:posting:custom-jd+custom-posting.md")
    assert CUSTOM_POSTING_HEADING.removeprefix("## ") in md("jd:enterprise-cx:team:posting:custom-posting.html")
    assert len({out for key, out in serial.items() if key.endswith(".docx")}) >= 8

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)  # switch threads often, so that they interleave inside each render
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            for round_number in range(3):
                order = jobs[:]
                random.Random(round_number).shuffle(order)
                outputs = dict(zip((j.key for j in order), pool.map(lambda j: _run(j, inputs), order), strict=True))
                differ = sorted(key for key in serial if outputs[key] != serial[key])
                assert not differ, f"round {round_number}: {len(differ)} threaded renders differ: {differ[:10]}"
    finally:
        sys.setswitchinterval(interval)


def test_the_first_parses_in_a_fresh_process_agree_when_several_threads_run_them() -> None:
    """Threads that parse at once, from the first parse of a process on, get the same tokens.

    jdgen 0.4's parser (markdown-it-py) built its rule caches lazily, without a lock, and threads
    parsing for the first time at once could see a half-built cache; a round showed that race
    about one time in eight. The parser now keeps no state between parses: this holds it so.
    """
    from jdgen.render import markdown

    text = "# Title\n\nA paragraph\n- and a list right after it\n\n> a quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"

    def tokens() -> list[tuple[str, str, str]] | str:
        try:
            return [(t.type, t.tag, t.content) for t in markdown.parse(text)]
        except Exception as exc:  # noqa: BLE001 - any failure counts as a wrong result
            return repr(exc)

    expected = tokens()
    assert isinstance(expected, list) and len(expected) > 10
    wrong: list[Any] = []
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _ in range(300):
                barrier = threading.Barrier(8)

                def first_parse(barrier: threading.Barrier = barrier) -> list[tuple[str, str, str]] | str:
                    barrier.wait()
                    return tokens()

                wrong = [r for r in pool.map(lambda _: first_parse(), range(8)) if r != expected]
                if wrong:
                    break
    finally:
        sys.setswitchinterval(interval)
    assert not wrong, f"{len(wrong)} of 8 first parses differ, e.g. {str(wrong[0])[:300]}"


# --- the same bytes in any process ----------------------------------------------------------------

# Renders every document kind and format into a folder; reports what the process saw.
_RENDER_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path

    if sys.argv[2] == "later":  # a clock 400 days on, as in test_render.py, before jdgen is imported
        later = time.time() + 86400 * 400
        time.time = lambda: later
        time.localtime = lambda *_: time.gmtime(later)

    import jdgen
    from jdgen.common import resources

    out = Path(sys.argv[1])
    ex = resources.examples_dir()
    catalog = jdgen.load_catalog()
    answers = jdgen.load_answers(ex / "answers.yaml", catalog)
    team = jdgen.load_answers([ex / "team.csv"], catalog)
    profile = jdgen.load_profile(ex / "profile.yaml")
    demo = jdgen.compose(catalog, "enterprise-cx", answers, profile)
    # Every format but PDF, which LibreOffice stamps with the time it was made.
    outputs = {f"demo.{fmt}": jdgen.render(demo, fmt) for fmt in jdgen.FORMATS if fmt != "pdf"}
    outputs |= {f"demo-posting.{fmt}": jdgen.render(demo, fmt, posting=True) for fmt in ("docx", "md", "html", "json")}
    bare = jdgen.compose(catalog, "service-led")
    outputs |= {f"bare.{fmt}": jdgen.render(bare, fmt) for fmt in ("docx", "md", "jsonld")}
    board = jdgen.compare(catalog, team, profile)
    report = jdgen.readiness_report(catalog, team, profile)
    for fmt in ("docx", "md", "html", "json"):
        outputs[f"comparison.{fmt}"] = jdgen.render(board, fmt)
        outputs[f"readiness.{fmt}"] = jdgen.render(report, fmt)
    for name, data in outputs.items():
        (out / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    seen = {"hash": hash("jdgen"), "utc_offset_hours": -time.timezone // 3600}
    (out / "process.json").write_text(json.dumps(seen))
    """
)


def test_two_processes_with_other_hash_seeds_time_zones_and_clocks_write_the_same_bytes(tmp_path: Path) -> None:
    settings = {
        "a": {"PYTHONHASHSEED": "1", "TZ": "JDA+11", "LC_ALL": "C"},  # POSIX TZ strings need no tz database
        "b": {"PYTHONHASHSEED": "4242", "TZ": "JDB-14", "LC_ALL": "C.UTF-8"},
    }
    processes = {}
    for name, extra in settings.items():
        out = tmp_path / name
        out.mkdir()
        env = {
            **os.environ,
            **extra,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        clock = "later" if name == "b" else "now"
        processes[name] = subprocess.Popen(
            [sys.executable, "-c", _RENDER_SCRIPT, str(out), clock],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    for name, process in processes.items():
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, f"process {name} failed:\n{stdout}\n{stderr}"

    seen = {name: json.loads((tmp_path / name / "process.json").read_text()) for name in settings}
    assert seen["a"]["hash"] != seen["b"]["hash"], "the hash seeds did not differ"
    assert (seen["a"]["utc_offset_hours"], seen["b"]["utc_offset_hours"]) == (-11, 14), "TZ was not applied"

    files = sorted(p.name for p in (tmp_path / "a").iterdir() if p.name != "process.json")
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir() if p.name != "process.json")
    assert {Path(f).suffix for f in files} == {".docx", ".md", ".html", ".json", ".jsonld"}
    differ = [f for f in files if (tmp_path / "a" / f).read_bytes() != (tmp_path / "b" / f).read_bytes()]
    assert not differ, f"these outputs depend on the process: {differ}"


# --- an HR tool on the public API -----------------------------------------------------------------

GOOD_PROFILE: dict[str, Any] = {
    "company": "Harbor Freightways",
    "location": {"city": "Denver", "region": "Colorado", "country": "United States"},
    "pay": {"min": 240000, "max": 290000, "currency": "USD", "period": "year"},
    "date_posted": "2026-11-02",
}
REQUISITIONS: list[dict[str, Any]] = [
    {"id": "req-101", "archetype": "enterprise-cx", "profile": GOOD_PROFILE, "answers": GAPS},
    {"id": "req-102", "archetype": "customer-success", "profile": {"company": "Beta Health"}},
    {"id": "req-103", "archetype": "chief-happiness-officer", "profile": {"company": "Gamma"}},
    {"id": "req-104", "archetype": "digital", "answers": {"resources": "maybe"}},
    {"id": "../escape", "archetype": "digital"},
    {"id": "req-105", "archetype": "public-sector", "profile": {"company": "City of Example"}, "answers": GAPS},
]
GOOD = {"req-101", "req-102", "req-105"}


def _hr_tool(tmp_path: Path, requisitions: object, *extra: str) -> tuple[Path, int]:
    path = tmp_path / "requisitions.json"
    path.write_text(json.dumps(requisitions), encoding="utf-8")
    out = tmp_path / "out"
    return out, example_hr_tool.main([str(path), str(out), *extra])


def _expected_jd(catalog: jdgen.Catalog, requisition: Mapping[str, Any]) -> jdgen.JobDescription:
    return jdgen.compose(catalog, requisition["archetype"], requisition.get("answers"), requisition.get("profile"))


def test_the_example_hr_tool_writes_each_requisition_and_reports_the_bad_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], catalog: jdgen.Catalog
) -> None:
    out, status = _hr_tool(tmp_path, REQUISITIONS)
    summary = json.loads(capsys.readouterr().out)
    assert status == 1
    assert (summary["succeeded"], summary["failed"]) == (3, 3)
    outcomes = {o["id"]: o for o in summary["requisitions"]}
    assert list(outcomes) == [r["id"] for r in REQUISITIONS]

    assert "unknown archetype 'chief-happiness-officer'" in outcomes["req-103"]["error"]
    assert "enterprise-cx" in outcomes["req-103"]["error"]  # the valid ones are named
    assert "maybe" in outcomes["req-104"]["error"]
    assert "'id'" in outcomes["../escape"]["error"]
    assert all(outcomes[i]["status"] == "error" and not outcomes[i]["files"] for i in outcomes if i not in GOOD)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{i}{s}" for i in GOOD for s in ("-posting.md", ".docx"))

    for requisition in REQUISITIONS:
        if requisition["id"] not in GOOD:
            continue
        ident, jd = requisition["id"], _expected_jd(catalog, requisition)
        outcome = outcomes[ident]
        assert outcome["status"] == "ok" and outcome["title"] == jd.title
        assert (out / f"{ident}-posting.md").read_text(encoding="utf-8") == jdgen.render(jd, "md", posting=True)
        document = docx.Document(io.BytesIO((out / f"{ident}.docx").read_bytes()))
        assert document.core_properties.author == requisition["profile"]["company"]
        assert "Internal advisory: not for posting" in [p.text for p in document.paragraphs]  # the internal edition
        assert [w["title"] for w in outcome["warnings"]] == [w.title for w in jd.warnings]
        assert outcome["readiness"] == (jd.readiness.band if jd.readiness else None)
        _, report = jdgen.lint_posting(jd)
        assert outcome["lint_clean"] == report.clean
        assert len(outcome["lint_warnings"]) == len(report.warnings)
    assert outcomes["req-101"]["warnings"], "resources answered no should raise a warning"
    assert any(w["severity"] == "critical" for w in outcomes["req-105"]["warnings"])


def test_the_example_hr_tool_succeeds_when_every_requisition_is_good(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, status = _hr_tool(tmp_path, [r for r in REQUISITIONS if r["id"] in GOOD])
    summary = json.loads(capsys.readouterr().out)
    assert (status, summary["succeeded"], summary["failed"]) == (0, 3, 0)


@pytest.mark.parametrize(
    ("requisitions", "extra", "message"),
    [
        ({"id": "req-1"}, (), "expected a JSON list"),
        (REQUISITIONS, ("--catalog", "no-such-overlay"), "catalog folder not found"),
    ],
    ids=["not-a-list", "missing-overlay"],
)
def test_the_example_hr_tool_stops_when_its_inputs_are_unusable(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    requisitions: object,
    extra: Sequence[str],
    message: str,
) -> None:
    out, status = _hr_tool(tmp_path, requisitions, *extra)
    captured = capsys.readouterr()
    assert status == 2 and message in captured.err and not captured.out
    assert not out.exists()


def test_the_example_hr_tool_uses_only_the_public_api() -> None:
    source = Path(example_hr_tool.__file__).read_text(encoding="utf-8")
    imports = [line for line in source.splitlines() if line.startswith(("import jdgen", "from jdgen"))]
    assert imports, "the tool should import jdgen"
    for line in imports:
        assert line.startswith("from jdgen import "), f"not the public API: {line}"
        names = {n.strip() for n in line.removeprefix("from jdgen import ").split(",")}
        assert names <= set(jdgen.__all__), f"not in jdgen.__all__: {names - set(jdgen.__all__)}"
