"""The benchmark's plan and fixed inputs: how many runs of each kind, and the JD every group measures."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_stats import Summary

ARCHETYPE = "enterprise-cx"
FORMATS = ("md", "html", "json", "docx")
EDITIONS = {"internal": False, "posting": True}


@dataclass
class Plan:
    """How many times each kind of measurement runs."""

    runs: int  # rounds of each in-process group
    warmup: int
    fresh_runs: int  # fresh catalog builds (about 100 ms each)
    cached_inner: int  # cached load_catalog() calls per sample
    cli_rounds: int
    batch_rows: int  # profiles in the batch CSV; × every archetype
    batch_repeats: int
    serve_rounds: int = 4  # alternating calm and attacked rounds of the serve load test
    serve_requests: int = 25  # requests of each kind per round

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Plan:
        """The full plan, the quick one, or either scaled by --runs."""
        if args.quick:
            plan = cls(runs=10, warmup=2, fresh_runs=4, cached_inner=1000, cli_rounds=3, batch_rows=10, batch_repeats=1)
            plan.serve_rounds, plan.serve_requests = 2, 5
        else:
            plan = cls(
                runs=200, warmup=5, fresh_runs=40, cached_inner=1000, cli_rounds=25, batch_rows=125, batch_repeats=2
            )
        if args.runs:
            plan.runs = args.runs
            plan.fresh_runs = max(3, round(args.runs * 0.3))
            plan.cli_rounds = max(3, args.runs // 4)
        if args.batch_rows:
            plan.batch_rows = args.batch_rows
        if args.batch_repeats:
            plan.batch_repeats = args.batch_repeats
        return plan


@dataclass
class Bench:
    """The fixed inputs, the temporary folder and everything measured so far."""

    plan: Plan
    tmp: Path
    summaries: list[Summary] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    inputs: dict[str, Any] = field(default_factory=dict)

    def load_inputs(self) -> None:
        """The bundled examples: profile.yaml, answers.yaml (one respondent) and team.csv (three)."""
        import jdgen
        from jdgen.common import resources

        examples = resources.examples_dir()
        catalog = jdgen.load_catalog()
        self.inputs = {
            "examples": examples,
            "catalog": catalog,
            "answers_path": examples / "answers.yaml",
            "profile_path": examples / "profile.yaml",
            "answers": jdgen.load_answers(examples / "answers.yaml", catalog),
            "team": jdgen.load_answers(examples / "team.csv", catalog),
            "profile": jdgen.load_profile(examples / "profile.yaml"),
        }

    def compose(self) -> Any:
        """Compose the fixed JD."""
        import jdgen

        i = self.inputs
        return jdgen.compose(i["catalog"], ARCHETYPE, i["answers"], i["profile"])
