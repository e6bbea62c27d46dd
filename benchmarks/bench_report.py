"""Targets, ratios and the Markdown report of a benchmark run."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from bench_stats import Summary, fmt_duration, fmt_ms

EDITIONS = ("internal", "posting")
#: The pack documents measured against their own zip floors.
PACK_DOCUMENTS = ("scorecard", "interview", "charter")


def _median(results: dict[str, Summary], name: str) -> float | None:
    summary = results.get(name)
    return summary.median_ms if summary and summary.n else None


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0 or math.isnan(a) or math.isnan(b):
        return None
    return round(a / b, 2)


def ratios(results: dict[str, Summary]) -> dict[str, float | None]:
    """The ratios docxtpl / jdgen and jdgen / zip floor, per edition, from the medians."""
    out: dict[str, float | None] = {}
    for ed in EDITIONS:
        one_jd = _median(results, f"jd_docx.{ed}")
        render_only = _median(results, f"render.docx.{ed}")
        per_doc = _median(results, f"docxtpl.per_doc.{ed}")
        reused = _median(results, f"docxtpl.reused.{ed}")
        floor = _median(results, f"zip_floor.{ed}")
        out[f"docxtpl_per_doc / jdgen_one_jd ({ed})"] = _ratio(per_doc, one_jd)
        out[f"docxtpl_reused / jdgen_one_jd ({ed})"] = _ratio(reused, one_jd)
        out[f"docxtpl_per_doc / jdgen_render_docx ({ed})"] = _ratio(per_doc, render_only)
        out[f"jdgen_one_jd / zip_floor ({ed})"] = _ratio(one_jd, floor)
        out[f"jdgen_render_docx / zip_floor ({ed})"] = _ratio(render_only, floor)
    for doc in PACK_DOCUMENTS:
        out[f"pack {doc} .docx / zip floor"] = _ratio(
            _median(results, f"pack.docx.{doc}"), _median(results, f"zip_floor.pack.{doc}")
        )
    for kind in ("health", "jd_json"):
        attacked, calm = _median(results, f"serve.{kind}.attacked"), _median(results, f"serve.{kind}.calm")
        out[f"serve {kind}: with idle and slow clients / calm"] = _ratio(attacked, calm)
    return out


def _check(value: float | None, ok: Callable[[float], bool]) -> bool | None:
    return None if value is None else ok(value)


def _docx_targets(results: dict[str, Summary], add: Callable[..., None]) -> None:
    one = _median(results, "jd_docx.internal")
    tpl = [m for m in (_median(results, f"docxtpl.{v}.internal") for v in ("per_doc", "reused")) if m is not None]
    faster = _ratio(min(tpl), one) if tpl else None
    add(
        "internal JD .docx vs docxtpl, same content and reference (times faster)",
        "≥ 3×",
        faster,
        _check(faster, lambda v: v >= 3),
        unit="×",
    )
    for ed in EDITIONS:
        r = _ratio(_median(results, f"jd_docx.{ed}"), _median(results, f"zip_floor.{ed}"))
        add(f"{ed} JD .docx vs the zip floor of its own parts", "≤ 4×", r, _check(r, lambda v: v <= 4), unit="×")
    comp = _ratio(_median(results, "compare.docx"), _median(results, "compare.jd_docx"))
    add("comparison .docx vs the internal JD .docx", "≤ 1.5×", comp, _check(comp, lambda v: v <= 1.5), unit="×")
    for doc in PACK_DOCUMENTS:
        r = _ratio(_median(results, f"pack.docx.{doc}"), _median(results, f"zip_floor.pack.{doc}"))
        add(f"pack {doc} .docx vs its zip floor", "≤ 5×", r, _check(r, lambda v: v <= 5), unit="×")
    for ed in EDITIONS:
        r = _ratio(_median(results, f"render.html.{ed}"), _median(results, f"render.md.{ed}"))
        add(f"HTML vs Markdown of the same JD ({ed})", "≤ 1.5×", r, _check(r, lambda v: v <= 1.5), unit="×")


def _process_targets(results: dict[str, Summary], info: dict[str, Any], add: Callable[..., None]) -> None:
    base = _median(results, "cli.python_pass")
    gen = _ratio(_median(results, "cli.generate"), base)
    add("`jdgen generate … -o x.docx` cold vs `python -c pass`", "≤ 25×", gen, _check(gen, lambda v: v <= 25), unit="×")
    help_ratio = _ratio(_median(results, "cli.help"), base)
    add("`jdgen --help` cold vs `python -c pass`", "≤ 5×", help_ratio, _check(help_ratio, lambda v: v <= 5), unit="×")
    for edition, key in (("internal", "by_jobs"), ("posting", "by_jobs_posting")):
        rate2 = info.get("batch", {}).get(key, {}).get("2", {}).get("median_jd_per_s")
        one = _median(results, f"jd_docx.{edition}")
        ratio = _ratio(rate2, 2 * 1000 / one) if rate2 is not None and one else None
        goal = "≥ 0.85"
        add(
            f"batch ({edition}), 2 processes, vs 2 × the in-process rate of one",
            goal,
            ratio,
            _check(ratio, lambda v: v >= 0.85),
        )
    peak = info.get("batch", {}).get("peak_mb_per_process")
    add("peak memory per batch process", "≤ 80 MB", peak, _check(peak, lambda v: v <= 80), unit="MB")


def targets(results: dict[str, Summary], info: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target with the measured value and whether it is met (None: not measured).

    Each is a ratio of two figures measured in the same run (absolute times drift with the
    machine); in-process pairs are measured interleaved, in the same group.
    """
    out: list[dict[str, Any]] = []

    def add(name: str, goal: str, value: Any, met: bool | None, stretch: bool = False, unit: str = "") -> None:
        shown = value if isinstance(value, str) or value is None else round(value, 3)
        out.append({"target": name, "goal": goal, "value": shown, "unit": unit, "met": met, "stretch": stretch})

    _docx_targets(results, add)
    _process_targets(results, info, add)
    cached, fresh = _median(results, "catalog.cached"), _median(results, "catalog.fresh_build")
    once = info.get("catalog_once", {})
    if cached is None or fresh is None:
        add("catalog loaded once per process", "cached call ≤ 1% of a fresh build; no rebuilds", None, None)
    else:
        rebuilds = once.get("builds_during_generate_runs")
        met = cached <= fresh / 100 and once.get("same_object", False) and rebuilds in (0, None)
        shown = f"cached {fmt_duration(cached)} vs fresh {fmt_duration(fresh)}; rebuilds while generating: {rebuilds}"
        add("catalog loaded once per process", "cached call ≤ 1% of a fresh build; no rebuilds", shown, met)
    return out


# --- Markdown ---------------------------------------------------------------------------------


def _met(met: bool | None) -> str:
    return "not measured" if met is None else ("**met**" if met else "**not met**")


def _value(t: dict[str, Any]) -> str:
    value = t["value"]
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if t["unit"] == "ms":
        return fmt_duration(value)
    if t["unit"] == "×":
        return f"{value:g}×"
    return f"{value:g} {t['unit']}".strip()


def _timing_table(summaries: list[Summary]) -> list[str]:
    lines = ["| measurement | n | median ms | p10 | p90 | min | note |", "|---|---:|---:|---:|---:|---:|---|"]
    for s in summaries:
        lines.append(
            f"| {s.name} | {s.n} | {fmt_ms(s.median_ms)} | {fmt_ms(s.p10_ms)} | {fmt_ms(s.p90_ms)} "
            f"| {fmt_ms(s.min_ms)} | {s.note} |"
        )
    return lines


def _cli_table(summaries: list[Summary]) -> list[str]:
    lines = [
        "| command | n | wall median ms | p10 | p90 | min | − `python -c pass` (median) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in summaries:
        delta = s.extra.get("minus_python_pass_ms")
        lines.append(
            f"| `{s.extra.get('command', s.name)}` | {s.n} | {fmt_ms(s.median_ms)} | {fmt_ms(s.p10_ms)} "
            f"| {fmt_ms(s.p90_ms)} | {fmt_ms(s.min_ms)} | {'–' if delta is None else f'{delta:+.1f}'} |"
        )
    return lines


def _batch_table(batch: dict[str, Any]) -> list[str]:
    lines = [
        (
            "| edition | jobs | items | runs | wall s (median) | JD/s whole process (median) | JD/s run phase | "
            "CPU parallelism | peak RSS main MB | peak RSS worker MB | rusage max RSS MB |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [("internal", k, v) for k, v in sorted(batch.get("by_jobs", {}).items())]
    rows += [("posting", k, v) for k, v in sorted(batch.get("by_jobs_posting", {}).items())]
    for edition, jobs, b in rows:
        lines.append(
            f"| {edition} | {jobs} | {b['items']} | {b['runs']} | {b['median_wall_s']:.2f} | {b['median_jd_per_s']:.0f} "
            f"| {b['median_jd_per_s_run_phase'] or '–'} | {b['median_cpu_parallelism']:.2f} | {b['peak_main_mb']} | {b['peak_worker_mb'] or '–'} "
            f"| {b['rusage_max_rss_mb']} |"
        )
    return lines


def _equivalence_lines(eq: dict[str, Any]) -> list[str]:
    lines = [
        (
            "| edition | paragraphs jdgen / docxtpl | styles equal | tables | bold / italic runs | hyperlinks "
            "| style+text mismatches | header equal | core properties equal | bytes jdgen / docxtpl |"
        ),
        "|---|---|---|---|---|---|---:|---|---|---|",
    ]
    for ed, e in eq.items():
        a, b = e["jdgen"], e["docxtpl"]
        lines.append(
            f"| {ed} | {a['paragraphs']} / {b['paragraphs']} | {a['styles'] == b['styles']} "
            f"| {', '.join(a['tables']) or 'none'} / {', '.join(b['tables']) or 'none'} "
            f"| {a['bold_runs']}/{a['italic_runs']} vs {b['bold_runs']}/{b['italic_runs']} "
            f"| {a['hyperlinks']} / {b['hyperlinks']} | {e['style_and_text_mismatches']} | {e['header_equal']} "
            f"| {len(e['properties_equal'])}/6 | {e['docx_bytes']['jdgen']:,} / {e['docx_bytes']['docxtpl']:,} |"
        )
    styles = next(iter(eq.values()))["jdgen"]["styles"] if eq else {}
    if styles:
        lines.append("")
        lines.append(
            "Paragraph styles (internal edition when run): " + ", ".join(f"{k} {v}" for k, v in styles.items())
        )
    return lines


def markdown(report: dict[str, Any], summaries: list[Summary]) -> str:
    """The whole report as Markdown."""
    m = report["machine"]
    lines = [
        "# jdgen benchmarks",
        "",
        (
            f"Run {report['started']} ({report['mode']}, {report['duration_s']:.0f} s) · jdgen {m['packages'].get('jdgen')}"
            f" at {m.get('git_commit', '?')[:10]} · {m['cpu_model']}, {m['cores']} cores (usable {m['usable_cores']})"
            f" · Python {m['python']} · python-docx {m['packages'].get('python-docx')}"
            f" · pyromark {m['packages'].get('pyromark')} · docxtpl {m['packages'].get('docxtpl') or 'not installed'}"
            f" · load average {m['loadavg_start']} → {m['loadavg_end']}"
        ),
        "",
        "## Targets",
        "",
        "Each a ratio of two figures from this run (in-process pairs measured interleaved, in one group).",
        "",
        "| target | goal | measured (median) | status |",
        "|---|---|---|---|",
    ]
    for t in report["targets"]:
        name = f"{t['target']} (stretch)" if t["stretch"] else t["target"]
        lines.append(f"| {name} | {t['goal']} | {_value(t)} | {_met(t['met'])} |")
    in_process = [s for s in summaries if s.group not in ("cli", "batch", "serve")]
    if in_process:
        lines += ["", "## In-process timings", "", *_timing_table(in_process)]
    cli = [s for s in summaries if s.group == "cli"]
    if cli:
        lines += ["", "## CLI cold start (whole processes, interleaved)", "", *_cli_table(cli)]
    if report.get("batch"):
        b = report["batch"]
        speedups = " → ".join(f"{c['speedup']:.2f}×" for c in b.get("cpu_scaling_before_after", []))
        lines += ["", f"## Batch: {b['items']} JD .docx per run ({b['spec']})", "", *_batch_table(b), ""]
        lines += [f"Machine 2-process speed-up (before → after the batch runs): {speedups}", "", b["memory_note"]]
    serve = [s for s in summaries if s.group == "serve"]
    if serve:
        lines += ["", "## Serve on loopback, calm vs with idle and slow-header clients", "", *_timing_table(serve)]
    rat = {k: v for k, v in report["ratios"].items() if v is not None}
    if rat:
        lines += ["", "## Ratios (medians)", "", "| ratio | value |", "|---|---:|"]
        lines += [f"| {k} | {v:g}× |" for k, v in rat.items()]
    eq = (report.get("docxtpl") or {}).get("equivalence")
    if eq:
        lines += [
            "",
            "## docxtpl output vs jdgen output",
            "",
            report["docxtpl"]["variant"],
            "",
            *_equivalence_lines(eq),
        ]
    if report.get("skipped"):
        lines += ["", "## Left out", "", *[f"- {reason}" for reason in report["skipped"]]]
    if report["errors"]:
        lines += ["", "## Errors", ""]
        lines += [f"- **{e['group']}**: `{e['error'].splitlines()[0]}`" for e in report["errors"]]
    return "\n".join(lines) + "\n"
