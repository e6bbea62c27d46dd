"""A measure printed next to its threshold never contradicts it: the value shown is the value compared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import jdgen
from jdgen.cli import main
from jdgen.postings.lint import LintConfig, lint_text

READABILITY = re.compile(
    r"reading ease (?P<ease>-?[\d.]+) \(below (?P<min_ease>-?[\d.]+)\)"
    r"|grade (?P<grade>-?[\d.]+) \(above (?P<max_grade>-?[\d.]+)\)"
    r"|(?P<wps>[\d.]+) words per sentence \(above (?P<max_wps>[\d.]+)\)"
)


@pytest.fixture(scope="module")
def posting(catalog: jdgen.Catalog) -> str:
    text, _ = jdgen.lint_posting(jdgen.compose(catalog, "digital", {"resources": "no"}))
    return text


def near(value: float) -> list[float]:
    """Thresholds on either side of a measure, close enough that rounding to whole numbers would cross them."""
    tiny = 0.0000001  # shown to six significant digits, a threshold this close would read as the value
    return [
        value - 0.5,
        value - 0.04,
        value - tiny,
        value,
        value + tiny,
        value + 0.04,
        value + 0.4,
        float(round(value)),
    ]


def test_every_readability_finding_shows_a_value_on_the_right_side_of_its_threshold(posting: str) -> None:
    metrics = lint_text(posting).metrics
    configs = [
        LintConfig(min_reading_ease=ease, max_grade=grade, max_sentence_words=wps)
        for ease, grade, wps in zip(
            near(metrics.reading_ease), near(metrics.grade), near(metrics.words_per_sentence), strict=True
        )
    ]
    fired = {"ease": 0, "grade": 0, "wps": 0}
    for config in configs:
        findings = [f for f in lint_text(posting, config=config).findings if f.check == "readability"]
        for match in READABILITY.finditer(" ".join(f.message for f in findings)):
            fired[next(k for k in fired if match[k])] += 1
            if match["ease"]:
                assert float(match["ease"]) < float(match["min_ease"]), match[0]
                assert float(match["min_ease"]) == config.min_reading_ease  # the threshold as set
            if match["grade"]:
                assert float(match["grade"]) > float(match["max_grade"]), match[0]
            if match["wps"]:
                assert float(match["wps"]) > float(match["max_wps"]), match[0]
    assert min(fired.values()) >= 2  # each measure crossed a threshold near it at least twice


def test_reading_ease_just_below_a_whole_threshold_is_not_shown_as_the_threshold(posting: str) -> None:
    ease = lint_text(posting).metrics.reading_ease
    threshold = float(int(ease) + 1)  # 48.4 → 49: a whole-number rounding could show 48 or 49
    report = lint_text(posting, config=LintConfig(min_reading_ease=threshold))
    (finding,) = [f for f in report.findings if f.check == "readability"]
    assert f"reading ease {ease:.1f} (below {threshold:g})" in finding.message


def test_the_lint_report_shows_each_measure_as_compared_with_its_threshold(tmp_path: Path, posting: str) -> None:
    path = tmp_path / "posting.md"
    path.write_text(posting)
    metrics = lint_text(posting).metrics
    threshold = metrics.grade - 0.0000001
    result = CliRunner().invoke(main, ["lint", str(path), "--max-grade", repr(threshold), "--max-words", "2000"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert f"grade {metrics.grade:.1f} (at most {threshold!r})" in text
    assert f"Readability: grade {metrics.grade:.1f} (above {threshold!r})" in text
    assert f"reading ease {metrics.reading_ease:.1f} (at least 40)" in text
    assert f"{metrics.words_per_sentence:.1f} words per sentence (at most 15)" in text
    assert f"{metrics.words} words, " in text and "(band 300-2000 words)" in text
