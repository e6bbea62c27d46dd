"""The limits the README promises hold against hostile inputs: memory, CPU and message size.

The costly cases run jdgen in a child process under an address-space limit (RLIMIT_AS), so a
regression is a MemoryError or a kill, never a machine that swaps; time is bounded by the
limit's timeout, not asserted.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

import jdgen
from jdgen.errors import InputError, Problem, quoted
from jdgen.yamlio import MAX_COLLECTION_ALIASES, parse_yaml

MEMORY_LIMIT = 1024 * 1024 * 1024  # jdgen needs about 100 MB; a bomb needs gigabytes


def run_limited(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``jdgen ARGS`` in a child process that may use at most `MEMORY_LIMIT` bytes of address space."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "jdgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        check=False,
    )


def laughs(levels: int, width: int = 10) -> str:
    """A flow list whose every level repeats the one before `width` times through aliases."""
    first = "[&a0 [" + ",".join(["lol"] * width) + "]"
    rest = (f"&a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels + 1))
    return ", ".join([first, *rest]) + "]"


# --- YAML aliases (review D3) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("spec.yaml", f"archetypes: all\nprofiles:\n  - {laughs(8)}\n"),
        ("spec.yaml", f"archetypes: [{laughs(8)}]\nprofiles:\n  - {{company: A}}\n"),
        ("cat/blocks.yaml", f"blocks:\n  - id: {laughs(8)}\n    domain: alignment\n"),
        ("cat/blocks.yaml", f"blocks:\n  - id: {laughs(24, width=2)}\n    domain: alignment\n"),
    ],
)
def test_a_yaml_alias_bomb_is_one_short_line(tmp_path: Path, name: str, body: str) -> None:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(body, encoding="utf-8")
    args = ["batch", name, "-o", "out"] if name == "spec.yaml" else ["catalog", "validate", "cat"]
    done = run_limited(args, tmp_path)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert len(done.stderr) < 2000
    assert "aliases" in done.stderr


def test_a_few_aliases_still_work_and_each_document_has_its_own_budget() -> None:
    data, problem = parse_yaml("base: &b [1, 2]\ncopies: [*b, *b, *b]\n", "t.yaml")
    assert problem is None and data == {"base": [1, 2], "copies": [[1, 2]] * 3}
    many = "base: &b [1]\ncopies: [" + ", ".join(["*b"] * MAX_COLLECTION_ALIASES) + "]\n"
    assert parse_yaml(many, "t.yaml")[1] is None
    too_many = many.replace("[*b", "[*b, *b")
    _, problem = parse_yaml(too_many, "t.yaml")
    assert problem is not None and f"more than {MAX_COLLECTION_ALIASES} aliases" in problem.message
    scalars = "word: &w hello\nrepeats: [" + ", ".join(["*w"] * 500) + "]\n"  # scalars multiply nothing
    assert parse_yaml(scalars, "t.yaml")[1] is None


def test_a_value_that_refers_to_itself_is_read_without_looping() -> None:
    data, problem = parse_yaml("loop: &a [1, *a]\n", "t.yaml")
    assert problem is None and data["loop"][1] is data["loop"]


# --- messages stay short ------------------------------------------------------------------------


def test_messages_quote_a_long_or_nested_value_cut_short() -> None:
    assert quoted("enterprise") == "'enterprise'"
    assert quoted("x" * 10_000) == repr("x" * 60 + "…")
    nested: list[object] = [["lol"] * 10]
    for _ in range(6):
        nested = [nested] * 10
    assert len(quoted(nested)) < 80


def test_an_error_with_thousands_of_problems_shows_twenty_and_counts_the_rest() -> None:
    error = InputError(problems=tuple(Problem("rows.csv", f"line {n}: bad") for n in range(30_000)))
    lines = error.lines()
    assert len(lines) == 21
    assert lines[0] == "rows.csv: line 0: bad"
    assert lines[-1] == "… and 29,980 more problems"


def test_thirty_thousand_bad_answer_rows_print_a_screenful(tmp_path: Path) -> None:
    rows = ["respondent,role,statement,answer", *(f"P{n},R{n},not-a-statement,maybe" for n in range(30_000))]
    (tmp_path / "answers.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = run_limited(["compare", "--answers", "answers.csv", "-o", "board.md"], tmp_path)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) <= 21 and lines[-1].startswith("jdgen: error: … and ")
    assert len(done.stderr) < 20_000


def test_an_unknown_archetype_of_a_megabyte_is_quoted_cut(catalog: jdgen.Catalog) -> None:
    with pytest.raises(jdgen.JdgenError) as caught:
        jdgen.compose(catalog, "x" * 1_000_000)
    assert len(str(caught.value)) < 1000
