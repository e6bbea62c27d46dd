"""`jdgen lint` in an HR pipeline: folders of mixed files, SARIF and JUnit XML, suppressions with reasons.

The SARIF log is checked against the SARIF 2.1.0 JSON Schema, read from ``$JDGEN_SARIF_SCHEMA``
(`.ci/run` fetches Microsoft's copy of the schema from the npm registry); without it the check is
skipped, or fails under ``JDGEN_REQUIRE_SARIF=1``. The JUnit XML is read back by junitparser, as a
CI server reads it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result
from junitparser import Failure, JUnitXml, Skipped

import jdgen
from jdgen.cli import main
from jdgen.common.errors import InputError
from jdgen.postings.lint import LintConfig, lint_text, load_lint_config
from jdgen.postings.suppressions import SuppressRule

TESTIMONIAL = """# Chief Customer Officer

You will own the customer agenda across the company.

<!-- jdgen-lint: allow pronoun "she" reason: a quoted testimonial -->
"She turned our service around in a year," says a regional director.

She will report to the CEO.
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _checks(report: jdgen.LintReport) -> list[tuple[str, str]]:
    return [(f.check, m.text) for f in report.findings for m in f.matches]


def test_an_allow_comment_silences_its_words_in_the_next_block_only_and_says_why() -> None:
    report = lint_text(TESTIMONIAL)
    assert ("pronoun", "She") in _checks(report)  # line 8 is outside the comment's block
    assert [(s.check, s.text, s.line, s.reason, s.by) for s in report.suppressed] == [
        ("pronoun", "She", 6, "a quoted testimonial", "line 5")
    ]
    flagged = next(f for f in report.findings if f.check == "pronoun")
    assert [m.line for m in flagged.matches] == [8]


def test_the_comment_itself_is_not_part_of_the_posting() -> None:
    bare = lint_text(TESTIMONIAL.replace('<!-- jdgen-lint: allow pronoun "she" reason: a quoted testimonial -->', ""))
    assert lint_text(TESTIMONIAL).metrics.words == bare.metrics.words  # "she", "reason"… are not counted


def test_a_comment_that_silences_nothing_or_cannot_be_read_is_reported() -> None:
    text = TESTIMONIAL + (
        '\n<!-- jdgen-lint: allow cliche "synergy" reason: house style -->\nPlain words here.\n'
        "\n<!-- jdgen-lint: allow pronoun -->\n"
    )
    problems = [f for f in lint_text(text).findings if f.check == "suppression"]
    assert [f.level for f in problems] == ["warning", "warning"]
    assert "line 10: this allow comment (cliche) silences nothing" in problems[0].message
    assert "line 13: cannot read this jdgen-lint comment" in problems[1].message


def test_a_whole_check_is_silenced_for_the_whole_text_or_from_the_config() -> None:
    short = "# CCO\n\nA short teaser.\n\n<!-- jdgen-lint: allow-file length reason: a teaser for the careers page -->\n"
    report = lint_text(short)
    assert "length" not in {f.check for f in report.findings}
    assert [(s.check, s.text, s.reason) for s in report.suppressed] == [
        ("length", None, "a teaser for the careers page")
    ]
    rule = SuppressRule(check="pronoun", term="she", reason="quoted", files=("postings/*.md",))
    config = LintConfig(suppress=(rule,))
    assert "pronoun" not in {c for c, _ in _checks(lint_text(TESTIMONIAL, config=config, label="postings/cco.md"))}
    assert "pronoun" in {c for c, _ in _checks(lint_text(TESTIMONIAL, config=config, label="drafts/cco.md"))}


def test_suppressed_gender_coded_words_leave_the_count() -> None:
    text = '# CCO\n\nWe are competitive.\n\n<!-- jdgen-lint: allow gender-coded "competitive" reason: sales league tables -->\nOur competitive edge.\n'
    report = lint_text(text)
    assert report.metrics.masculine == 1 and [s.line for s in report.suppressed] == [6]


def test_a_suppression_in_the_config_needs_a_reason(tmp_path: Path) -> None:
    config = tmp_path / "lint.yaml"
    config.write_text("suppress:\n  - {check: cliche, term: fast-paced}\n", encoding="utf-8")
    with pytest.raises(InputError, match="reason"):
        load_lint_config(config)
    config.write_text("suppress:\n  - {check: cliche, term: fast-paced, reason: house style}\n", encoding="utf-8")
    assert load_lint_config(config).suppress[0].reason == "house style"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Postings as an HR team keeps them: Markdown, plain text, a web page and a Word file, in sub-folders."""
    catalog = jdgen.load_catalog()
    jd = jdgen.compose(catalog, "customer-success", {"resources": "no"}, {"company": "Acme"})
    root = tmp_path / "postings"
    (root / "web").mkdir(parents=True)
    (root / "cco.md").write_text(TESTIMONIAL, encoding="utf-8")
    (root / "teaser.txt").write_text("Chief Customer Officer\n\nWe want a rockstar who can juggle.\n", encoding="utf-8")
    (root / "web" / "acme.html").write_text(str(jdgen.render(jd, "html", posting=True)), encoding="utf-8")
    (root / "acme.docx").write_bytes(bytes(jdgen.render(jd, "docx", posting=True)))
    (root / "notes.json").write_text("{}", encoding="utf-8")  # not a posting: left out
    (root / ".drafts").mkdir()
    (root / ".drafts" / "old.md").write_text("He", encoding="utf-8")  # hidden: left out
    return root


def test_a_folder_of_mixed_files_gets_every_report_and_a_summary(folder: Path) -> None:
    result = run("lint", str(folder))
    assert result.exit_code == 0, result.output
    table = result.stdout.split("FILE")[-1]
    for name in ("acme.docx", "cco.md", "teaser.txt", "web/acme.html"):
        assert name in table
    assert "notes.json" not in result.stdout and "old.md" not in result.stdout
    assert run("lint", str(folder), "--strict").exit_code == 3
    missing = run("lint", str(folder / "cco.md"), str(folder / "gone.md"))
    assert missing.exit_code == 1 and "gone.md: no such file" in missing.output
    assert "Gendered pronoun" in missing.stdout  # the other file was still checked


def test_sarif_is_valid_and_carries_places_and_suppressions(folder: Path) -> None:
    result = run("lint", str(folder), "--format", "sarif")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    schema_path = os.environ.get("JDGEN_SARIF_SCHEMA")
    if schema_path:
        schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema)(schema).validate(log)
    elif os.environ.get("JDGEN_REQUIRE_SARIF") == "1":
        pytest.fail("JDGEN_REQUIRE_SARIF=1 but JDGEN_SARIF_SCHEMA names no schema file")
    results = log["runs"][0]["results"]
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    she = [
        r
        for r in results
        if r["ruleId"] == "pronoun"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("cco.md")
    ]
    regions = sorted((r["locations"][0]["physicalLocation"]["region"]["startLine"], "suppressions" in r) for r in she)
    assert regions == [(6, True), (8, False)]
    suppressed = next(r for r in she if "suppressions" in r)
    assert suppressed["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "a quoted testimonial"}
    ]
    if not schema_path:
        pytest.skip("the SARIF schema was not checked: set JDGEN_SARIF_SCHEMA (see .ci/run)")


def test_junit_xml_reads_as_a_ci_server_reads_it(folder: Path) -> None:
    result = run("lint", str(folder), "--format", "junit", "--strict")
    assert result.exit_code == 3  # the format does not change the exit codes
    suites = {suite.name: suite for suite in JUnitXml.fromstring(result.stdout.encode())}
    assert {Path(name).name for name in suites} == {"acme.docx", "cco.md", "teaser.txt", "acme.html"}
    cco = next(s for n, s in suites.items() if n.endswith("cco.md"))
    outcomes = [(case.name.split(":")[0], type(case.result[0]).__name__ if case.result else "passed") for case in cco]
    assert ("pronoun", "Failure") in outcomes and ("pronoun", "Skipped") in outcomes
    skipped = next(c for c in cco if c.result and isinstance(c.result[0], Skipped))
    assert "a quoted testimonial" in (skipped.result[0].message or "")
    failures = sum(1 for s in suites.values() for c in s for r in c.result if isinstance(r, Failure))
    assert failures == sum(int(s.failures) for s in suites.values())


def test_json_is_one_report_for_one_file_and_a_list_for_more(folder: Path) -> None:
    one = json.loads(run("lint", str(folder / "cco.md"), "--json").stdout)
    assert one["label"].endswith("cco.md") and one["suppressed"][0]["reason"] == "a quoted testimonial"
    many = json.loads(run("lint", str(folder), "--format", "json").stdout)
    assert isinstance(many, list) and len(many) == 4
    assert run("lint", str(folder), "--json", "--format", "sarif").exit_code == 2


def test_an_allow_comment_in_a_web_page_works_as_in_markdown(tmp_path: Path) -> None:
    page = tmp_path / "cco.html"
    page.write_text(
        '<html><body><h1>CCO</h1><p>Intro.</p><!-- jdgen-lint: allow pronoun "she" reason: testimonial -->'
        '<p>"She is great," says a client.</p><p>She reports to the CEO.</p></body></html>',
        encoding="utf-8",
    )
    report = json.loads(run("lint", str(page), "--json").stdout)
    assert [s["reason"] for s in report["suppressed"]] == ["testimonial"]
    assert [len(f["matches"]) for f in report["findings"] if f["check"] == "pronoun"] == [1]


@pytest.mark.parametrize("archetype", [a.id for a in jdgen.load_catalog().archetypes])
def test_jdgens_own_postings_are_neutral_coded(archetype: str) -> None:
    """No built-in posting leans either way, whatever the sector, the gaps and the priorities."""
    catalog = jdgen.load_catalog()
    every_gap = dict.fromkeys(catalog.statements.ids(), "no")
    some_holding = dict.fromkeys(catalog.statements.ids(), "partial")
    priorities = [p.id for p in catalog.priorities]
    for sector in catalog.sectors:
        for answers, chosen in ((every_gap, priorities[:3]), (some_holding, priorities[3:6]), ({}, priorities[6:])):
            profile = {"company": "Acme", "sector": sector.id, "priorities": chosen}
            _, report = jdgen.lint_posting(jdgen.compose(catalog, archetype, answers, profile), None)
            coded = [m.text for m in (*report.metrics.masculine_words, *report.metrics.feminine_words)]
            assert report.metrics.gender_verdict in ("neutral", "empty"), (sector.id, coded)


def test_a_strongly_feminine_posting_is_told_to_aim_at_neutral_not_the_other_way() -> None:
    text = "# CCO\n\nYou will support a warm, loyal, supportive team that shares and trusts together.\n"
    (finding,) = [f for f in lint_text(text).findings if f.check == "gender-coded"]
    assert finding.level == "info" and "strongly feminine-coded" in finding.message
    assert finding.advice and "neutral" in finding.advice and "Castilla & Rho (2023)" in (finding.source or "")


def test_age_coded_and_ability_wording_are_warnings_and_everyday_words_are_not() -> None:
    text = (
        "# Chief Customer Officer\n\nWe want a digital native and a recent college grad for a young and energetic team.\n"
        "Must have a valid driver’s license and be able to lift 20 kg. Prolonged standing required.\n"
        "Young customers and an energetic market; we lift revenue and stand by our grades.\n"
    )
    found = {f.check: [m.text for m in f.matches] for f in lint_text(text).findings if f.level == "warning"}
    assert found["age-coded"] == ["digital native", "recent college grad", "young and energetic"]
    assert found["ability"] == ["driver’s license", "able to lift", "Prolonged standing"]


def test_an_allow_comment_left_open_hides_nothing() -> None:
    text = '# CCO\n\n<!-- jdgen-lint: allow pronoun "he" reason: never closed\nHe is here.\n\nShe leads. Rockstar.\n'
    report = lint_text(text)
    assert not report.suppressed
    assert [m.line for f in report.findings if f.check == "pronoun" for m in f.matches] == [4, 6]
    assert any("cannot read this jdgen-lint comment" in f.message for f in report.findings)


def test_an_allow_comment_covers_one_list_item_and_never_an_example_in_code() -> None:
    listed = '# CCO\n\n<!-- jdgen-lint: allow pronoun "she" reason: a quote -->\n- She said so.\n- She again.\n'
    report = lint_text(listed)
    assert [s.line for s in report.suppressed] == [4]
    example = "# CCO\n\n```\n<!-- jdgen-lint: allow-file pronoun reason: example -->\n```\n\nShe leads.\n"
    assert not lint_text(example).suppressed


def test_words_in_an_allow_comment_are_the_words_as_written_not_a_stem() -> None:
    text = '# CCO\n\n<!-- jdgen-lint: allow-file gender-coded "lead" reason: a verb here -->\nLead the leaders to leadership.\n'
    report = lint_text(text)
    assert [s.text for s in report.suppressed] == ["Lead"]
    assert report.metrics.masculine == 2


def test_control_characters_and_odd_file_names_keep_the_outputs_valid(tmp_path: Path) -> None:
    posting = tmp_path / "my posting #1.md"
    posting.write_text(
        '# CCO\n\n<!-- jdgen-lint: allow pronoun "she" reason: a \x07 bell -->\nShe said.\n', encoding="utf-8"
    )
    xml = run("lint", str(posting), "--format", "junit").stdout
    (suite,) = JUnitXml.fromstring(xml.encode())
    assert any(case.result and isinstance(case.result[0], Skipped) for case in suite)
    log = json.loads(run("lint", str(posting), "--format", "sarif").stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {posting.as_posix().replace(" ", "%20").replace("#", "%23")}


def test_a_config_pattern_matches_however_the_path_is_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "postings").mkdir()
    (tmp_path / "postings" / "cco.md").write_text(TESTIMONIAL, encoding="utf-8")
    (tmp_path / "lint.yaml").write_text(
        'suppress:\n  - {check: pronoun, term: she, reason: quoted, files: ["postings/*.md"]}\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    for typed in ("postings/cco.md", "./postings/cco.md", str(tmp_path / "postings" / "cco.md")):
        report = json.loads(run("lint", typed, "--lint-config", "lint.yaml", "--json").stdout)
        assert len(report["suppressed"]) == 2, typed
    assert run("lint", "-", "-").exit_code == 2
