"""The posting checks: gender-coded words (a superset of genderdecoder's), word lists, length,
readability, requirements, pay transparency through `lint_text`, files of every type, and the
built-in content linting clean for every archetype."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import runpy
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner, Result

import jdgen
from jdgen.cli import main
from jdgen.common.errors import CatalogError, InputError
from jdgen.data.input_models import Profile
from jdgen.postings.files import read_posting
from jdgen.postings.lint import LintConfig, count_requirements, lint_posting, lint_text, load_lint_config, outline
from jdgen.postings.wordlists import coded_words, gender_verdict, gender_words, language_lists, phrase_matches

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEMO = Profile.model_validate(__import__("yaml").safe_load((EXAMPLES / "profile.yaml").read_text()))


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def check(report: jdgen.postings.lint.LintReport, name: str) -> list[jdgen.postings.findings.Finding]:
    return [f for f in report.findings if f.check == name]


# --- genderdecoder as the reference ----------------------------------------------------------


def _genderdecoder_lists() -> dict[str, Any]:
    """genderdecoder's word lists, loaded as data (its package does not import on Python 3)."""
    spec = importlib.util.find_spec("genderdecoder")
    assert spec is not None and spec.submodule_search_locations, "pip install genderdecoder (a test dependency)"
    path = Path(next(iter(spec.submodule_search_locations))) / "wordlists.py"
    return runpy.run_path(str(path))


def _genderdecoder_flags(text: str, stems: list[str]) -> set[int]:
    """The start offsets of the tokens genderdecoder's assess() flags, tokenising as it does:
    non-ASCII characters become spaces, the text splits on whitespace, `. \\t , : ; ( )` are
    removed from each token, and a token is flagged when it starts with a stem (case-sensitive)."""
    ascii_text = "".join(c if ord(c) < 128 else " " for c in text)  # same length as text
    flagged = set()
    for chunk in re.finditer(r"\S+", ascii_text):
        token = re.sub(r"[.\t,:;()]", "", chunk.group())
        if token and any(token.startswith(stem) for stem in stems):
            flagged.add(chunk.start())
    return flagged


def _our_flags(text: str, matches: tuple[jdgen.postings.findings.Match, ...]) -> set[int]:
    """The start offsets of the whitespace-delimited chunks our matches fall in."""
    ascii_text = "".join(c if ord(c) < 128 else " " for c in text)
    chunks = [(m.start(), m.end()) for m in re.finditer(r"\S+", ascii_text)]
    return {start for start, end in chunks for m in matches if start <= m.offset < end}


TRICKY = """\
Our Leader, a self-confident and co-operative person (decisive; analytical) leads: LEADERSHIP.
She is an Ambitious, competitive, data-driven team-player who is dependable, warm and supportive.
We want someone headstrong yet understanding—compassionate, honest, loyal... Collaboration: yes.
Inter-personal skills; interpersonal; inter-dependent teams; self-reliant; selfreliant; force; forceful.
Contact leadership@example.com or visit https://example.com/leadership-team for the "lead" role.
Kids & children's programs; cheerful; committed; connected; considerate; sharing; shared; yielding.
Adventurous, aggressive, assertive, athletic, autonomous, boastful, challenging, championship,
courageous, decision, defending, determined, dominating, fearless, fighting, greedy, hierarchy,
hostile, impulsive, implusive, independent, individual, intellectual, logic, objective, opinionated,
outspoken, persistent, principled, reckless, stubborn, superior, unreasonable.
Affectionate, emotional, empathy, feeling, flatterable, gentle, interdependent, kind, kinship,
nurturing, pleasant, polite, quiet, responsive, sensitive, submissive, sympathetic, tender, together,
trusting, whiny, enthusiastic, inclusive, agreeable, communal.
"""


def _texts(catalog: jdgen.Catalog) -> dict[str, str]:
    texts = {"tricky": TRICKY}
    all_no = {s.id: "no" for s in catalog.statements}
    for archetype in catalog.archetypes:
        for label, answers in (("none", None), ("all-no", all_no)):
            jd = jdgen.compose(catalog, archetype.id, answers, DEMO)
            texts[f"{archetype.id}/{label}/posting"] = str(jdgen.render(jd, "md", posting=True))
            texts[f"{archetype.id}/{label}/internal"] = str(jdgen.render(jd, "md"))
    return texts


def test_our_stems_include_every_genderdecoder_stem() -> None:
    theirs = _genderdecoder_lists()
    ours = gender_words()
    assert {s.casefold() for s in theirs["masculine_coded_words"]} <= {s.casefold() for s in ours.masculine}
    assert {s.casefold() for s in theirs["feminine_coded_words"]} <= {s.casefold() for s in ours.feminine}


def test_every_word_genderdecoder_flags_we_flag_too(catalog: jdgen.Catalog) -> None:
    theirs = _genderdecoder_lists()
    lists = gender_words()
    checked = 0
    for name, text in _texts(catalog).items():
        found = coded_words(text, lists)
        for coding in ("masculine", "feminine"):
            expected = _genderdecoder_flags(text, theirs[f"{coding}_coded_words"])
            missing = expected - _our_flags(text, found[coding])
            assert not missing, f"{name}: {coding} words genderdecoder flags and we do not: " + ", ".join(
                text[i : i + 20] for i in sorted(missing)
            )
            checked += len(expected)
    assert checked > 300  # the texts exercise the lists for real


def test_matching_ignores_case_and_punctuation_and_reports_positions() -> None:
    text = "# Role\n\nLEADER, (leadership) and a Self-Confident; co-operative, data-driven pro.\n"
    found = coded_words(text, gender_words())
    masc = [(m.text, m.term, m.line, m.column) for m in found["masculine"]]
    assert masc == [
        ("LEADER", "lead", 3, 1),
        ("leadership", "lead", 3, 10),
        ("Self-Confident", "self-confiden", 3, 28),
        ("driven", "driven", 3, 63),
    ]
    assert [(m.text, m.term) for m in found["feminine"]] == [("co-operative", "co-operat")]
    for m in found["masculine"]:
        assert text[m.offset : m.offset + len(m.text)] == m.text


def test_web_addresses_are_not_prose() -> None:
    found = coded_words("See https://example.com/leadership-team and www.leaders.org today.", gender_words())
    assert found == {"masculine": (), "feminine": ()}


@pytest.mark.parametrize(
    ("masculine", "feminine", "verdict"),
    [
        (0, 0, "empty"),
        (2, 2, "neutral"),
        (1, 0, "masculine-coded"),
        (3, 0, "masculine-coded"),
        (4, 0, "strongly masculine-coded"),
        (5, 1, "strongly masculine-coded"),
        (0, 3, "feminine-coded"),
        (1, 5, "strongly feminine-coded"),
    ],
)
def test_verdict_follows_gender_decoders_scale(masculine: int, feminine: int, verdict: str) -> None:
    assert gender_verdict(masculine, feminine) == verdict


def test_strongly_masculine_wording_is_a_warning_and_other_verdicts_are_notes() -> None:
    strong = lint_text("# Job\n\nA competitive, driven, decisive, ambitious leader.\n")
    (finding,) = check(strong, "gender-coded")
    assert finding.level == "warning"
    assert "strongly masculine-coded (5 masculine-coded" in finding.message
    assert "Gaucher, Friesen & Kay (2011)" in (finding.source or "")
    assert strong.metrics.masculine == 5 and strong.metrics.gender_verdict == "strongly masculine-coded"
    mild = lint_text("# Job\n\nA competitive and supportive colleague.\n")
    assert [f.level for f in check(mild, "gender-coded")] == ["info"]


# --- pronouns, nouns, expectations, clichés -------------------------------------------------


def test_pronouns_gendered_nouns_and_unrealistic_expectations_are_warnings() -> None:
    text = (
        "# Job\n\nHe or she reports to the Chairman. The hire will work hard, play hard and hit the\n"
        "ground running; juggling priorities is normal. Other duties: the theme, shelf.\n"
    )
    report = lint_text(text)
    pronoun, noun, unrealistic = check(report, "pronoun"), check(report, "gendered-term"), check(report, "unrealistic")
    assert [m.text for m in pronoun[0].matches] == ["He or she"]
    assert [m.text for m in noun[0].matches] == ["Chairman"]
    assert [m.text for m in unrealistic[0].matches] == ["work hard, play hard", "hit the\nground running", "juggling"]
    assert (unrealistic[0].matches[1].line, unrealistic[0].matches[1].column) == (3, 75)
    assert {f.level for f in (*pronoun, *noun, *unrealistic)} == {"warning"}


def test_cliches_are_notes() -> None:
    report = lint_text("# Job\n\nWe want a rockstar, a rock-star or a Ninja who is a self-starter.\n")
    (cliche,) = check(report, "cliche")
    assert cliche.level == "info"
    assert [m.text.lower() for m in cliche.matches] == ["rockstar", "rock-star", "ninja", "self-starter"]


def test_longest_phrase_wins_and_words_match_whole() -> None:
    matches = phrase_matches("his or her; her; hers; sheer; othersome", ["her", "hers", "his or her"])
    assert [m.text for m in matches] == ["his or her", "her", "hers"]


def test_extra_lists_extend_the_built_in_ones_and_clash_by_id(tmp_path: Path) -> None:
    extra = tmp_path / "house.yaml"
    extra.write_text(
        "lists:\n  - id: house-jargon\n    level: warning\n    title: House jargon\n    advice: Say it plainly.\n"
        "    source: Our style guide\n    terms: [synergy, move the needle]\n"
    )
    lists = language_lists([extra])
    report = lint_text("# Job\n\nFind synergy and move the needle.\n", lists=lists)
    assert [m.text for m in check(report, "house-jargon")[0].matches] == ["synergy", "move the needle"]
    clash = tmp_path / "clash.yaml"
    clash.write_text(extra.read_text().replace("house-jargon", "cliche"))
    with pytest.raises(CatalogError, match=r"clash.yaml: list id 'cliche' is already defined in .*language.yaml"):
        language_lists([clash])


# --- length, readability, requirements ------------------------------------------------------


def _words_text(n: int) -> str:
    sentence = [
        "Our",
        "team",
        "helps",
        "each",
        "store",
        "serve",
        "people",
        "well",
        "and",
        "fix",
        "the",
        "root",
        "of",
        "every",
        "issue",
    ]
    words = (sentence * (n // len(sentence) + 1))[:n]
    lines = [" ".join(words[i : i + 8]) + "." for i in range(0, n, 8)]
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize(("words", "flagged"), [(299, True), (300, False), (900, False), (901, True)])
def test_length_band_boundaries(words: int, flagged: bool) -> None:
    report = lint_text(_words_text(words))
    assert report.metrics.words == words
    assert bool(check(report, "length")) is flagged


def test_length_band_is_configurable() -> None:
    report = lint_text(_words_text(400), config=LintConfig(min_words=100, max_words=350))
    assert "above the 100-350 band" in check(report, "length")[0].message


def test_readability_thresholds() -> None:
    dense = (
        "# Role\n\nThe incumbent will institutionalize organizational capabilities, operationalizing "
        "cross-functional accountability mechanisms, establishing comprehensive customer-centricity "
        "governance frameworks, and orchestrating enterprise-wide transformational initiatives.\n"
    )
    report = lint_text(dense)
    (finding,) = check(report, "readability")
    assert "reading ease" in finding.message and "grade" in finding.message and "words per sentence" in finding.message
    assert report.metrics.reading_ease < 40 and report.metrics.grade > 12
    lenient = LintConfig(min_reading_ease=-200, max_grade=40, max_sentence_words=40)
    assert not check(lint_text(dense, config=lenient), "readability")
    plain = "# Role\n\nYou run the team. You fix what hurts customers. You show the board the results.\n"
    assert not check(lint_text(plain), "readability")


def test_requirements_are_counted_under_their_heading_only() -> None:
    items = "\n".join(f"- Skill {i}" for i in range(8))
    text = f"# Job\n\n## What you will do\n\n{items}\n\n## Requirements\n\n{items}\n\n### Nice to have\n\n{items}\n"
    report = lint_text(text)
    assert report.metrics.requirements == 8
    assert "8 must-haves (more than 7)" in check(report, "requirements")[0].message
    assert not check(lint_text(text, config=LintConfig(max_requirements=8)), "requirements")
    seven = text.replace("- Skill 7\n\n## Requirements", "\n## Requirements", 1)
    assert count_requirements(outline(seven.replace(items, items.rsplit("\n", 1)[0]))) == 7


def test_requirements_in_plain_text_with_bullet_characters() -> None:
    text = (
        "Senior role\n\nRequirements:\n• Ten years in service\n• A record of change\n• Board exposure\n\nPay: USD 1\n"
    )
    assert count_requirements(outline(text)) == 3
    assert count_requirements(outline("# Job\n\nNo list of must-haves here.\n")) is None


# --- pay transparency through lint ------------------------------------------------------------


def test_pay_rules_are_checked_against_the_text_when_a_location_is_given() -> None:
    denver = Profile.model_validate({"location": {"city": "Denver", "region": "CO", "country": "US"}})
    text = _words_text(320)
    report = lint_text(text, profile=denver, on=__import__("datetime").date(2026, 1, 5))
    (pay,) = check(report, "pay-transparency")
    assert pay.level == "warning" and pay.message.startswith("Colorado")
    assert (pay.advice or "").startswith("State a pay minimum")  # what to write, not which profile field
    assert report.pay_rules and report.pay_rules[0].startswith("Colorado")
    paid = text + "\nPay: USD 265,000–310,000 per year. Benefits: medical, dental and a 401(k).\n"
    assert not check(lint_text(paid, profile=denver), "pay-transparency")
    assert not lint_text(text).pay_rules  # no location, no pay rules


# --- files ------------------------------------------------------------------------------------


def test_reads_word_html_markdown_and_refuses_other_files(catalog: jdgen.Catalog, tmp_path: Path) -> None:
    jd = jdgen.compose(catalog, "service-led", None, DEMO)
    md = str(jdgen.render(jd, "md", posting=True))
    (tmp_path / "p.docx").write_bytes(bytes(jdgen.render(jd, "docx", posting=True)))  # type: ignore[arg-type]
    (tmp_path / "p.html").write_text(str(jdgen.render(jd, "html", posting=True)), encoding="utf-8")
    (tmp_path / "p.md").write_text(md, encoding="utf-8")
    reports = {s: lint_text(read_posting(tmp_path / f"p.{s}")) for s in ("md", "html", "docx")}
    for suffix, report in reports.items():
        assert report.metrics.requirements == len(jd.qualifications) + (jd.experience is not None), suffix
        assert abs(report.metrics.words - reports["md"].metrics.words) <= 3, suffix
        assert report.metrics.gender_verdict == reports["md"].metrics.gender_verdict, suffix
    html = read_posting(tmp_path / "p.html")
    assert "application/ld+json" not in html and "@context" not in html  # the script is not text
    (tmp_path / "p.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match=r"p.pdf: cannot read a .pdf file"):
        read_posting(tmp_path / "p.pdf")
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a Word document"):
        read_posting(tmp_path / "bad.docx")
    (tmp_path / "latin1.txt").write_bytes("Café".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_posting(tmp_path / "latin1.txt")
    with pytest.raises(InputError, match="no such file"):
        read_posting(tmp_path / "missing.md")
    with pytest.raises(InputError, match="the text is empty"):
        lint_text("  \n")


def test_docx_headings_and_lists_become_markdown(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Chief Customer Officer", level=0)
    document.add_heading("Requirements", level=1)
    for item in ("One", "Two"):
        document.add_paragraph(item, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    (tmp_path / "jd.docx").write_bytes(buffer.getvalue())
    assert read_posting(tmp_path / "jd.docx") == "# Chief Customer Officer\n\n## Requirements\n\n- One\n\n- Two\n"


def test_lint_config_file(tmp_path: Path) -> None:
    path = tmp_path / "lint.yaml"
    path.write_text("max_words: 700\nmax_requirements: 5\n")
    config = load_lint_config(path)
    assert (config.max_words, config.max_requirements, config.min_words) == (700, 5, 300)
    path.write_text("max_wrods: 700\n")
    with pytest.raises(InputError, match="max_wrods"):
        load_lint_config(path)
    path.write_text("min_words: 800\nmax_words: 700\n")
    with pytest.raises(InputError, match="above max_words"):
        load_lint_config(path)


# --- the built-in content ---------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["demo", "bare"])
@pytest.mark.parametrize("answers", ["none", "all-no", "all-yes"])
def test_every_archetype_posting_lints_clean(catalog: jdgen.Catalog, profile: str, answers: str) -> None:
    given = {"none": None, "all-no": "no", "all-yes": "yes"}[answers]
    survey = {s.id: given for s in catalog.statements} if given else None
    prof = DEMO if profile == "demo" else Profile()
    for archetype in catalog.archetypes:
        jd = jdgen.compose(catalog, archetype.id, survey, prof)
        text, report = lint_posting(jd, prof)
        assert report.clean, f"{archetype.id}: " + "; ".join(f.message for f in report.warnings)
        assert 300 <= report.metrics.words <= 900
        assert "Internal advisory" not in text


# --- the command ------------------------------------------------------------------------------


def test_lint_command_report_json_and_strict(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Ninja wanted\n\nHe must be a competitive, driven, decisive, ambitious leader.\n")
    result = run("lint", str(post))
    assert result.exit_code == 0, result.output
    assert "strongly masculine-coded" in result.output and "Gendered pronoun: 'He' (3:1)" in result.output
    assert result.output.rstrip().endswith("(positions are line:column)")
    data = json.loads(run("lint", str(post), "--json").output)
    assert data["metrics"]["gender_verdict"] == "strongly masculine-coded"
    assert {f["check"] for f in data["findings"]} >= {"gender-coded", "pronoun", "cliche", "length"}
    strict = run("lint", str(post), "--strict")
    assert strict.exit_code == 3
    assert "--strict:" in strict.stderr
    assert (
        run("lint", "-", "--max-words", "2000", "--min-words", "0", input="# Job\n\nYou run the team.\n").exit_code == 0
    )


def test_lint_command_errors_are_one_line(tmp_path: Path) -> None:
    for args, expected in (
        ((str(tmp_path / "none.md"),), "no such file"),
        ((str(tmp_path),), "a folder with no posting in it"),
        (("-",), "the text is empty"),
        (("-", "--min-words", "900", "--max-words", "800"), "--min-words 900 is above --max-words 800"),
        (("-", "--max-words", "200"), "--min-words 300 is above --max-words 200"),
        (("-", "--max-grade", "nan"), "--max-grade: "),
    ):
        result = run("lint", *args, input="")
        assert result.exit_code in (1, 2), args
        assert expected in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output


def test_lint_command_checks_pay_for_a_location(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(_words_text(320))
    result = run("lint", str(post), "--city", "Seattle", "--region", "WA", "--country", "US", "--employees", "40")
    assert "Washington" in result.output and "WARNING" in result.output
    assert run("lint", str(post), "--remote", "yes", "--remote-scope", "EU", "--date", "2026-06-01").exit_code == 0


def test_generate_prints_the_posting_check_and_strict_fails_on_it(tmp_path: Path) -> None:
    out = tmp_path / "jd.md"
    result = run("generate", "-a", "digital", "--profile", str(EXAMPLES / "profile.yaml"), "-o", str(out))
    assert result.exit_code == 0
    assert "jdgen: posting check: " in result.stderr and "0 warning(s)" in result.stderr
    strict = run(
        "generate",
        "-a",
        "enterprise-cx",
        "--min-words",
        "100",
        "--max-words",
        "350",
        "--strict",
        "-o",
        str(tmp_path / "x.md"),
    )
    assert strict.exit_code == 3
    assert "Length:" in strict.stderr and "nothing was written" in strict.stderr
    assert not (tmp_path / "x.md").exists()
    jsonld = run("generate", "-a", "service-led", "-o", str(tmp_path / "x.jsonld"))
    assert "No date_posted" in jsonld.stderr  # what Google's job search needs, for JSON-LD output


# --- odd inputs (found in review) ---------------------------------------------------------------


def _docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_broken_word_files_are_one_error(tmp_path: Path) -> None:
    import zipfile

    good = _docx_bytes(docx.Document())
    with zipfile.ZipFile(io.BytesIO(good)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    variants = {
        "bad-xml": {**parts, "word/document.xml": b"<w:document><unclosed>"},
        "no-body": {
            **parts,
            "word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        },
        "other-root": {**parts, "word/document.xml": b"<foo/>"},
    }
    for name, files in variants.items():
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for part, data in files.items():
                archive.writestr(part, data)
        path = tmp_path / f"{name}.docx"
        path.write_bytes(buffer.getvalue())
        with pytest.raises(InputError, match="not a Word document"):
            read_posting(path)


def test_word_nested_lists_and_content_controls(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Requirements", level=1)
    document.add_paragraph("Ten years in service", style="List Bullet")
    document.add_paragraph("of which five at scale", style="List Bullet 2")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document.element.body.insert(
        0, parse_xml(f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>He leads it</w:t></w:r></w:p></w:sdtContent></w:sdt>")
    )
    (tmp_path / "n.docx").write_bytes(_docx_bytes(document))
    text = read_posting(tmp_path / "n.docx")
    assert text.startswith("He leads it\n")
    assert "- Ten years in service\n\n  - of which five at scale" in text
    assert count_requirements(outline(text)) == 1


def test_html_without_head_end_with_nested_lists_and_bold_labels(tmp_path: Path) -> None:
    page = (
        "<html><head><title>x</title><body><h1>CCO</h1><p><b>Requirements</b></p><ul><li>One<ul><li>sub</li>"
        "</ul></li><li><p>Two</p></li></ul><p><strong>What we offer:</strong></p><ul><li>Pay</li></ul>"
    )
    (tmp_path / "p.html").write_text(page)
    text = read_posting(tmp_path / "p.html")
    assert "# CCO" in text and "- Two" in text and "  - sub" in text
    assert count_requirements(outline(text)) == 2


@pytest.mark.parametrize(
    ("heading", "counted"),
    [
        ("## What you’ll bring", True),
        ("## What we’re looking for", True),
        ("**Requirements**", True),
        ("## Essential duties and responsibilities", False),
        ("## What you'll have", False),
    ],
)
def test_requirement_headings(heading: str, counted: bool) -> None:
    text = f"# Job\n\n{heading}\n\n- a\n- b\n\nWhat we offer:\n\n- health\n- pension\n"
    assert count_requirements(outline(text)) == (2 if counted else None)


def test_phrases_stop_at_paragraphs_headings_and_items() -> None:
    text = "We are always\n\n## On call\n\nHe\n\n# She\n\n- work hard\n- play hard\n"
    report = lint_text(text)
    assert not check(report, "unrealistic")
    assert [m.text for m in check(report, "pronoun")[0].matches] == ["He", "She"]


def test_positions_survive_ligatures_and_link_targets() -> None:
    found = coded_words("ﬁeld-leading work; see [our team](/careers/leadership).", gender_words())
    assert [m.text for m in found["masculine"]] == ["leading"]
    assert [m.text for m in phrase_matches("ﬁrst-rockstar", ["rockstar*"])] == ["rockstar"]


def test_headings_only_is_not_a_readability_problem() -> None:
    assert not check(lint_text("# CCO\n\n## Requirements\n"), "readability")


def test_gendered_title_is_placed_in_the_text() -> None:
    text = "Intro paragraph here.\n\n\n# Salesman (m/w)\n\n" + _words_text(320)
    report = lint_text(text, profile={"location": {"country": "Germany"}}, on=__import__("datetime").date(2026, 8, 1))
    titled = [f for f in check(report, "pay-transparency") if "job title" in f.message]
    first = titled[0].matches[0]
    assert (first.text, first.line, first.column) == ("Salesman", 4, 3)
