"""Timing harness and summary statistics for the benchmarks (no jdgen imports here)."""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

NS_PER_MS = 1_000_000


@dataclass
class Case:
    """One thing to time: `fn` is called `inner` times per sample; the sample is the mean of those calls."""

    name: str
    fn: Callable[[], Any]
    inner: int = 1
    note: str = ""


@dataclass
class Summary:
    """The distribution of one measurement's samples, in milliseconds."""

    name: str
    group: str
    n: int
    median_ms: float
    p10_ms: float
    p90_ms: float
    min_ms: float
    max_ms: float
    mean_ms: float
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready values, rounded to microseconds (1e-6 ms for the tiny ones)."""
        out: dict[str, Any] = {"name": self.name, "group": self.group, "n": self.n}
        for key in ("median_ms", "p10_ms", "p90_ms", "min_ms", "max_ms", "mean_ms"):
            out[key] = round_ms(getattr(self, key))
        if self.note:
            out["note"] = self.note
        out.update(self.extra)
        return out


def round_ms(value: float) -> float:
    """Round to 3 significant decimals below one microsecond, else to a microsecond."""
    return round(value, 6) if abs(value) < 0.01 else round(value, 3)


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) with linear interpolation between the closest ranks."""
    if not sorted_values:
        return math.nan
    if len(sorted_values) == 1:
        return sorted_values[0]
    pos = (len(sorted_values) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def summarise(name: str, group: str, samples_ms: Sequence[float], note: str = "") -> Summary:
    """Median, p10, p90, min, max and mean of the samples."""
    values = sorted(samples_ms)
    return Summary(
        name=name,
        group=group,
        n=len(values),
        median_ms=percentile(values, 50),
        p10_ms=percentile(values, 10),
        p90_ms=percentile(values, 90),
        min_ms=values[0] if values else math.nan,
        max_ms=values[-1] if values else math.nan,
        mean_ms=sum(values) / len(values) if values else math.nan,
        note=note,
    )


def measure(group: str, cases: Sequence[Case], runs: int, warmup: int) -> list[Summary]:
    """Time every case `runs` times, interleaved: one sample of each case per round.

    Each case is warmed up first (`warmup` calls). Between rounds the order rotates, so no
    case is always first after another one's garbage. The garbage collector stays on (the
    real cost of a call includes the collections it causes) but is run before the rounds.
    """
    for case in cases:
        for _ in range(warmup):
            case.fn()
    gc.collect()
    samples: dict[str, list[float]] = {case.name: [] for case in cases}
    order = list(cases)
    clock = time.perf_counter_ns
    for round_no in range(runs):
        k = round_no % len(order)
        for case in order[k:] + order[:k]:
            fn, inner = case.fn, case.inner
            start = clock()
            for _ in range(inner):
                fn()
            elapsed = clock() - start
            samples[case.name].append(elapsed / inner / NS_PER_MS)
    gc.collect()
    return [summarise(case.name, group, samples[case.name], case.note) for case in cases]


def fmt_ms(value: float | None) -> str:
    """A duration in ms for a table: 3 significant digits, µs-precision below 1 ms."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if value < 0.01:
        return f"{value * 1000:.2f} µs"
    if value < 1:
        return f"{value:.3f}"
    if value < 100:
        return f"{value:.2f}"
    return f"{value:.0f}"


def fmt_duration(value: float | None) -> str:
    """A duration with its unit: ``0.22 µs`` or ``15.8 ms``."""
    text = fmt_ms(value)
    return text if text == "–" or text.endswith("µs") else f"{text} ms"
