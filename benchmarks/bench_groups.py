"""The benchmark's groups: each measures one part of jdgen side by side with what it is compared to."""

from __future__ import annotations

import shutil
import statistics
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_docxtpl
import bench_procs
import bench_serve
from bench_plan import ARCHETYPE, EDITIONS, FORMATS, Bench
from bench_stats import Case, Summary, measure, summarise


def group_catalog(bench: Bench) -> list[Summary]:
    """The cached ``load_catalog()`` call and a fresh build + validation of the built-in catalog."""
    import jdgen
    from jdgen.data import catalog as catalog_module

    build, layers = catalog_module._build, catalog_module._builtin_layers  # the uncached builder
    fresh = build(layers())
    cached = jdgen.load_catalog()
    bench.info["catalog_once"] = {
        "same_object": jdgen.load_catalog() is cached,
        "fresh_equals_cached_sizes": all(
            len(getattr(fresh, kind)) == len(getattr(cached, kind)) for kind in catalog_module.KINDS
        ),
    }
    p = bench.plan
    out = measure(
        "catalog",
        [Case("catalog.cached", jdgen.load_catalog, inner=p.cached_inner, note="load_catalog(), mean of 1000 calls")],
        p.runs,
        p.warmup,
    )
    note = "catalog._build(_builtin_layers()): read + validate + cross-check"
    out += measure("catalog", [Case("catalog.fresh_build", lambda: build(layers()), note=note)], p.fresh_runs, 1)
    return out


def group_compose(bench: Bench) -> list[Summary]:
    """`jdgen.decide.compose` of the fixed inputs."""
    return measure(
        "compose", [Case("compose", bench.compose, note=f"{ARCHETYPE}, answers.yaml, profile.yaml")], *_rw(bench)
    )


def _rw(bench: Bench) -> tuple[int, int]:
    return bench.plan.runs, bench.plan.warmup


def group_render(bench: Bench) -> list[Summary]:
    """`jdgen.render` of one composed JD to every format, both editions, interleaved."""
    import jdgen

    jd = bench.compose()
    cases = [
        Case(f"render.{fmt}.{ed}", lambda fmt=fmt, posting=posting: jdgen.render(jd, fmt, posting=posting))
        for fmt in FORMATS
        for ed, posting in EDITIONS.items()
    ]
    return measure("render", cases, *_rw(bench))


def group_jd_docx(bench: Bench) -> list[Summary]:
    """Compose + render .docx, beside docxtpl over the same reference and the zip floor, interleaved."""
    import jdgen
    from jdgen.common import resources

    cases: list[Case] = []
    for ed, posting in EDITIONS.items():
        note = "compose + render(docx)"
        cases.append(Case(f"jd_docx.{ed}", lambda p=posting: jdgen.render(bench.compose(), "docx", posting=p), 1, note))
    produced = {ed: bytes(jdgen.render(bench.compose(), "docx", posting=p)) for ed, p in EDITIONS.items()}
    try:
        import docxtpl  # noqa: F401
    except ImportError:  # the rest still runs; the report says what is missing
        bench.skipped.append("docxtpl is not installed (pip install -e '.[bench]'): its figures are left out")
    else:
        cases += _docxtpl_cases(bench, resources.templates_dir() / "reference.docx", produced)
    for ed, blob in produced.items():
        parts = bench_docxtpl.zip_parts(blob)
        cases.append(
            Case(f"zip_floor.{ed}", lambda parts=parts: bench_docxtpl.zip_floor(parts), 1, "re-zip jdgen's parts")
        )
    return measure("jd_docx", cases, *_rw(bench))


def _docxtpl_cases(bench: Bench, reference: Path, produced: dict[str, bytes]) -> list[Case]:
    template = bench_docxtpl.build_template(reference, bench.tmp / "docxtpl-template.docx")
    cases = []
    equivalence = {}
    for ed, blob in produced.items():
        content = bench_docxtpl.extract(blob)
        equivalence[ed] = bench_docxtpl.equivalence(blob, bench_docxtpl.per_document(template, content))
        reused = bench_docxtpl.Reused(template)
        per_doc_note = "DocxTemplate(path) + context + render + save"
        cases.append(
            Case(f"docxtpl.per_doc.{ed}", lambda c=content: bench_docxtpl.per_document(template, c), 1, per_doc_note)
        )
        cases.append(Case(f"docxtpl.reused.{ed}", lambda c=content, r=reused: r(c), 1, "one DocxTemplate, re-rendered"))
    bench.info["docxtpl"] = {
        "variant": (
            "docxtpl template built from jdgen's templates/reference.docx: one `{%p for b in blocks %}` loop with a "
            "`{%p if/elif %}` branch per paragraph style (Title, Heading1–3, ListBullet, ListBullet2, ListNumber, "
            "Advisory, Normal) holding `{{r b.text }}`, a JDTable table with `{%tr %}`/`{%tc %}` loops, `{{r header }}` "
            "in the page header and Jinja core properties; the context (RichText per paragraph, hyperlinks related "
            "to the template) is built from jdgen's own output, and that building is timed. per_doc = "
            "DocxTemplate(path) each time; reused = one DocxTemplate over the template's bytes in memory (docxtpl "
            "still re-parses the package on every render)."
        ),
        "equivalence": equivalence,
    }
    return cases


def group_compare(bench: Bench) -> list[Summary]:
    """The board comparison of team.csv, rendered to .docx (and the comparison alone)."""
    import jdgen

    i = bench.inputs

    def compare() -> Any:
        return jdgen.compare(i["catalog"], i["team"], i["profile"])

    cases = [
        Case(
            "compare.docx", lambda: jdgen.render(compare(), "docx"), note="compare(catalog, team.csv, profile) + docx"
        ),
        Case("compare.only", compare, note="compare() alone"),
        Case("compare.jd_docx", lambda: jdgen.render(bench.compose(), "docx"), note="the internal JD .docx, beside it"),
    ]
    return measure("compare", cases, *_rw(bench))


def group_pack(bench: Bench) -> list[Summary]:
    """Each role-pack document of the fixed JD rendered to .docx, beside the zip floor of its own parts."""
    import jdgen

    i = bench.inputs
    pack = jdgen.role_pack(i["catalog"], bench.compose(), i["profile"])
    cases = []
    for doc in ("scorecard", "interview", "charter"):
        document = getattr(pack, doc)
        cases.append(Case(f"pack.docx.{doc}", lambda d=document: jdgen.render(d, "docx"), note="render(docx)"))
        parts = bench_docxtpl.zip_parts(bytes(jdgen.render(document, "docx")))
        cases.append(Case(f"zip_floor.pack.{doc}", lambda p=parts: bench_docxtpl.zip_floor(p), note="re-zip its parts"))
    return measure("pack", cases, *_rw(bench))


def group_generate(bench: Bench) -> list[Summary]:
    """``jdgen generate … -o file.docx --force`` in-process through click's CliRunner."""
    from click.testing import CliRunner

    from jdgen.cli import main
    from jdgen.data import catalog as catalog_module

    i = bench.inputs
    out = bench.tmp / "generate-in-process.docx"
    args = ["generate", "-a", ARCHETYPE, "--answers", str(i["answers_path"]), "--profile", str(i["profile_path"])]
    args += ["-o", str(out), "--force"]
    runner = CliRunner()

    def generate() -> None:
        result = runner.invoke(main, args)
        if result.exit_code != 0:
            detail = "".join(traceback.format_exception(result.exception)) if result.exception else result.output
            raise bench_procs.CommandFailed(f"jdgen {' '.join(args)} → exit {result.exit_code}\n{detail[-2000:]}")

    generate()
    original = catalog_module._build
    builds = 0

    def counting_build(*a: Any, **k: Any) -> Any:
        nonlocal builds
        builds += 1
        return original(*a, **k)

    catalog_module._build = counting_build  # count catalog rebuilds while generating (there should be none)
    try:
        summaries = measure(
            "generate", [Case("generate.in_process", generate, note="CliRunner, internal .docx")], *_rw(bench)
        )
    finally:
        catalog_module._build = original
    bench.info.setdefault("catalog_once", {})["builds_during_generate_runs"] = builds
    return summaries


def group_cli(bench: Bench) -> list[Summary]:
    """Cold starts as whole processes: python -c pass, import jdgen, jdgen --help, jdgen generate."""
    i = bench.inputs
    jdgen_cmd = bench_procs.jdgen_command()
    py = sys.executable
    generate = [*jdgen_cmd, "generate", "-a", ARCHETYPE, "--answers", str(i["answers_path"])]
    generate += ["--profile", str(i["profile_path"]), "-o", str(bench.tmp / "cold.docx"), "--force"]
    commands = {
        "cli.python_pass": [py, "-c", "pass"],
        "cli.import_jdgen": [py, "-c", "import jdgen"],
        "cli.help": [*jdgen_cmd, "--help"],
        "cli.generate": generate,
    }
    shown = {
        "cli.python_pass": "python -c pass",
        "cli.import_jdgen": "python -c 'import jdgen'",
        "cli.help": "jdgen --help",
        "cli.generate": f"jdgen generate -a {ARCHETYPE} --answers answers.yaml --profile profile.yaml -o F.docx --force",
    }
    samples = bench_procs.cold_starts(commands, bench.tmp, bench.plan.cli_rounds)
    base = statistics.median(samples["cli.python_pass"])
    out = []
    for name, values in samples.items():
        s = summarise(name, "cli", values, note="wall, whole process")
        s.extra = {"command": shown[name], "argv": commands[name], "minus_python_pass_ms": round(s.median_ms - base, 3)}
        out.append(s)
    return out


def _by_jobs(runs: list[dict[str, Any]], expected: int) -> dict[str, Any]:
    by_jobs: dict[str, Any] = {}
    for jobs in (1, 2):
        mine = [r for r in runs if r["jobs"] == jobs]
        if not mine:
            continue
        phase = [r["jd_per_s_run_phase"] for r in mine if r["jd_per_s_run_phase"]]
        by_jobs[str(jobs)] = {
            "items": expected,
            "runs": len(mine),
            "median_wall_s": statistics.median(r["wall_s"] for r in mine),
            "median_jd_per_s": round(statistics.median(r["jd_per_s"] for r in mine), 1),
            "median_jd_per_s_run_phase": round(statistics.median(phase), 1) if phase else None,
            "peak_main_mb": max(r["polled"].get("jdgen main", {}).get("max_peak_mb", 0) for r in mine),
            "peak_worker_mb": max(r["polled"].get("worker", {}).get("max_peak_mb", 0) for r in mine) or None,
            "rusage_max_rss_mb": max(r["rusage_max_rss_mb"] for r in mine),
            "median_cpu_parallelism": statistics.median(r["cpu_parallelism"] for r in mine),
        }
    return by_jobs


def group_batch(bench: Bench) -> list[Summary]:
    """``jdgen batch`` of rows × all archetypes (.docx), --jobs 1 and --jobs 2, alternating; internal and posting."""
    p = bench.plan
    i = bench.inputs
    expected = p.batch_rows * len(i["catalog"].archetypes)
    specs = {
        edition: bench_procs.write_batch_spec(
            bench.tmp / "batch", p.batch_rows, i["answers_path"], edition == "posting"
        )
        for edition in ("internal", "posting")
    }
    runs: list[dict[str, Any]] = []
    posting_runs: list[dict[str, Any]] = []
    scaling = [bench_procs.cpu_scaling()]
    for repeat in range(p.batch_repeats):
        for edition, spec in specs.items():
            for jobs in (1, 2):
                out_dir = bench.tmp / "batch" / f"out-{edition}-j{jobs}-{repeat}"
                what = f"{expected} {edition} items, run {repeat + 1}/{p.batch_repeats}"
                print(f"  batch --jobs {jobs} ({what})…", file=sys.stderr)
                result = bench_procs.run_batch(spec, out_dir, jobs, expected)
                (runs if edition == "internal" else posting_runs).append(result)
                shutil.rmtree(out_dir, ignore_errors=True)
    scaling.append(bench_procs.cpu_scaling())
    by_jobs = _by_jobs(runs, expected)
    by_jobs_posting = _by_jobs(posting_runs, expected)
    summaries = []
    for label, source, table in (("batch", runs, by_jobs), ("batch.posting", posting_runs, by_jobs_posting)):
        for jobs in (1, 2):
            mine = [r for r in source if r["jobs"] == jobs]
            s = summarise(
                f"{label}.jobs{jobs}", "batch", [r["wall_s"] * 1000 for r in mine], note=f"{expected} JDs, wall"
            )
            s.extra = {"jd_per_s_median": table[str(jobs)]["median_jd_per_s"]}
            summaries.append(s)
    runs = runs + posting_runs
    peak = max(max(r["rusage_max_rss_mb"], r["polled_max_peak_mb"]) for r in runs)
    bench.info["batch"] = {
        "spec": f"profiles CSV of {p.batch_rows} rows × archetypes: all, formats [docx], answers.yaml",
        "items": expected,
        "by_jobs": by_jobs,
        "by_jobs_posting": by_jobs_posting,
        "runs": runs,
        "peak_mb_per_process": peak,
        "cpu_scaling_before_after": scaling,
        "memory_note": (
            "Peak RSS per process: VmHWM of each process in the batch's tree, polled from /proc every 50 ms "
            "(main and workers shown apart), and getrusage(RUSAGE_CHILDREN).ru_maxrss of a wrapper process "
            "(the kernel's exact peak of the largest process in the tree). The target uses the larger of the two. "
            "JD/s whole process = items / wall time of the whole `jdgen batch` process (start-up, catalog, planning, "
            "worker spawn included); run phase = jdgen's own reported time (0.1 s resolution). CPU parallelism = "
            "CPU seconds (user + system) of the whole process tree / wall seconds. Machine 2-process speed-up = "
            "2 × (a CPU-bound loop alone) / (two copies at once), measured just before and after the batch runs: "
            "2.0 means two free cores."
        ),
    }
    return summaries


def group_serve(bench: Bench) -> list[Summary]:
    """``jdgen serve`` on loopback: request latency and success, calm vs with idle and slow-header sockets open."""
    try:
        import uvicorn  # noqa: F401  (the web extra)
    except ImportError:
        bench.skipped.append("serve: the web extra is not installed (pip install -e '.[web]')")
        return []
    summaries, rates = bench_serve.group_serve(bench.plan.serve_rounds, bench.plan.serve_requests)
    bench.info["serve"] = rates
    return summaries


GROUP_FUNCTIONS: dict[str, Callable[[Bench], list[Summary]]] = {
    "catalog": group_catalog,
    "compose": group_compose,
    "render": group_render,
    "jd_docx": group_jd_docx,
    "compare": group_compare,
    "pack": group_pack,
    "generate": group_generate,
    "cli": group_cli,
    "batch": group_batch,
    "serve": group_serve,
}
