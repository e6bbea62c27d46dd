"""Odd and hostile inputs: each gives a valid document or one clear error, never a traceback or a lost file."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import docx
import pytest

import jdgen
from jdgen.data.yamlio import parse_yaml
from jdgen.decide.chasm import classify_reporting
from jdgen.render.output import write_atomic
from tests.conftest import write_tree


def test_write_through_a_symlink_with_force_and_refuse_devices_and_pipes(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(jdgen.OutputError, match="already exists"):
        write_atomic(link, "new")
    write_atomic(link, "new", force=True)
    assert link.is_symlink() and real.read_text() == "new"
    broken = tmp_path / "broken.md"
    broken.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(jdgen.OutputError, match="broken symbolic link"):
        write_atomic(broken, "x", force=True)
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(jdgen.OutputError, match="not a regular file"):
        write_atomic(fifo, "x", force=True)
    assert fifo.exists() and not fifo.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.md", "link.md", "pipe.md", "real.md"]


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "x.md", "x")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("about", "must_stay"),
    [
        ("~~~\nHello", "Equal opportunity"),
        ("```python\nprint(1)", "Equal opportunity"),
        ("1. Retail leader", "Equal opportunity"),
    ],
)
def test_profile_text_cannot_open_markdown_blocks(catalog: jdgen.Catalog, about: str, must_stay: str) -> None:
    jd = jdgen.compose(
        catalog, "digital", profile={"company": "Acme #", "about": about, "eeo_statement": "We hire fairly."}
    )
    html = jdgen.render(jd, "html")
    assert "<pre>" not in html and "<ol>" not in html.split("About Acme")[1].split("Equal")[0]
    assert "About Acme #</h2>" in html
    texts = [p.text for p in docx.Document(io.BytesIO(jdgen.render(jd, "docx"))).paragraphs]  # type: ignore[arg-type]
    assert must_stay in texts and "About Acme #" in texts
    assert " ".join(about.split()) in texts


def test_industry_that_looks_like_a_list_item_prints_without_a_backslash(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "digital", profile={"company": "3.14 Labs", "industry": "1. Retail"})
    texts = [p.text for p in docx.Document(io.BytesIO(jdgen.render(jd, "docx"))).paragraphs]  # type: ignore[arg-type]
    assert "3.14 Labs · 1. Retail" in texts


def test_control_characters_are_removed_at_the_input_and_an_only_control_company_is_refused() -> None:
    assert jdgen.Profile(company="Ac\x00me\x1b").company == "Acme"
    with pytest.raises(ValueError, match="is empty"):
        jdgen.Profile(company="\x01\x02")
    with pytest.raises(jdgen.InputError, match=r"<profile>: company: is empty \(blank space and control characters"):
        jdgen.compose(jdgen.load_catalog(), "digital", profile={"company": "\x01"})


def test_numbers_must_be_finite_and_not_booleans(tmp_path: Path) -> None:
    for body, message in [
        ("pay: {max: .inf}\n", "pay.max"),
        ("pay: {min: 1e400}\n", "pay.min"),
        ("team_size: true\n", "team_size: input should be a valid integer"),
        ("pay: {min: true}\n", "pay.min"),
    ]:
        path = write_tree(tmp_path, {"p.yaml": body}) / "p.yaml"
        with pytest.raises(jdgen.InputError, match=message):
            jdgen.load_profile(path)


def test_yaml_merge_keys_work_and_duplicate_keys_do_not(tmp_path: Path) -> None:
    body = "base: &b {city: Lyon, country: France}\n"
    path = write_tree(tmp_path, {"p.yaml": "location: {<<: {city: Lyon, country: France}, city: Paris}\n"}) / "p.yaml"
    assert jdgen.load_profile(path).location == jdgen.Location(city="Paris", country="France")
    path.write_text(body.replace("base: &b", "location:") + "company: A\ncompany: B\n")
    with pytest.raises(jdgen.InputError, match="duplicate key 'company'"):
        jdgen.load_profile(path)


def test_a_comments_only_profile_says_it_has_no_fields(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"p.yaml": "# nothing yet\n"}) / "p.yaml"
    with pytest.raises(jdgen.InputError, match="holds no fields; give at least one of: company, industry"):
        jdgen.load_profile(path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_file_is_refused_by_size() -> None:
    with pytest.raises(jdgen.InputError, match="larger than the 2 MB limit"):
        jdgen.load_profile("/dev/zero")


def test_every_unknown_id_and_bad_value_is_reported(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    path = write_tree(tmp_path, {"a.yaml": "answers:\n  foo: no\n  Resourcs: yes\n  participation: maybe\n"}) / "a.yaml"
    with pytest.raises(jdgen.InputError) as info:
        jdgen.load_answers(path, catalog)
    fields = [p.field for p in info.value.problems]
    assert fields == ["answers.foo", "answers.Resourcs", "answers.participation"]


def test_load_catalog_takes_one_folder_as_a_string(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("domains:\n  - {id: extra, title: Extra, summary: More.}\n")
    assert "extra" in jdgen.load_catalog(str(tmp_path)).domains
    assert "extra" in jdgen.load_catalog(tmp_path).domains


@pytest.mark.parametrize(
    ("title", "level", "function"),
    [
        ("Founder & CEO", "ceo", "executive"),
        ("Board of Directors", "ceo", "executive"),
        ("Chief Operating Officer", "c-suite", "operations"),
        ("Chief Happiness Officer", "c-suite", "other"),
        ("Vice President, Customer Care", "below-c-suite", "service"),
        ("Regional Vice President", "below-c-suite", "other"),
        ("Cisco", "below-c-suite", "other"),
        ("SVP of Marketing", "below-c-suite", "marketing"),
    ],
)
def test_reporting_lines_are_classified(catalog: jdgen.Catalog, title: str, level: str, function: str) -> None:
    reporting = classify_reporting(catalog, title)
    assert (reporting.level, reporting.function) == (level, function)


def test_the_verdict_and_the_mandate_rules_agree(catalog: jdgen.Catalog) -> None:
    ids = list(catalog.statements.ids())
    answers = {s: ("no" if i < 5 else "partial") for i, s in enumerate(ids)}  # 5 no, 6 partial: score 27
    jd = jdgen.compose(catalog, "enterprise-cx", answers)
    assert jd.readiness is not None and jd.readiness.band == "strong-mandate"
    assert "strong-mandate" in [w.id for w in jd.warnings]


def test_very_long_and_non_latin_text_reaches_every_format(catalog: jdgen.Catalog) -> None:
    about = ("مرحبا بالعالم 🚀 " * 1200).strip()  # about 19,000 characters, near the 20,000 limit
    jd = jdgen.compose(catalog, "digital", profile={"company": "שלום Ltd", "about": about})
    for fmt in jdgen.FORMATS:
        out = jdgen.render(jd, fmt)
        text = out.decode("latin-1") if isinstance(out, bytes) else out
        assert len(text) > 19_000 or fmt == "docx"
    texts = [p.text for p in docx.Document(io.BytesIO(jdgen.render(jd, "docx"))).paragraphs]  # type: ignore[arg-type]
    assert about in texts and "About שלום Ltd" in texts
    assert sys.getsizeof(about) > 19_000


# Found by the property-based tests (tests/test_fuzz.py).


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("date_posted: 2024-13-45\n", r"line 1, column 14: not valid YAML \(cannot read the value '2024-13-45': month"),
        ("valid_through: 0000-01-01\n", "year 0 is out of range"),
        ("x: 2024-01-01T10:00:00+99:00\n", "line 1, column 4: not valid YAML"),
        ("employees: " + "9" * 5000 + "\n", r"Exceeds the limit \(4300 digits\) for integer string conversion"),
        ("company: " + "[" * 3000 + "\n", "not valid YAML \\(nested more than 100 levels deep\\)"),
        ("? [a, b]\n: c\n", r"line 1, column 3: not valid YAML \(found unhashable key\)"),
        ("company: \ufffe\n", "not valid YAML \\(unacceptable character #xfffe"),
    ],
)
def test_yaml_that_python_cannot_build_is_one_line_naming_where(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(jdgen.InputError, match=message) as info:
        jdgen.load_profile(path)
    assert len(str(info.value).splitlines()) == 1 and "sys.set_int_max_str_digits" not in str(info.value)


def test_merges_of_merges_are_read_once_however_deep(tmp_path: Path) -> None:
    # Each level merges the one before ten times: copied naively, level 4 would be 10^5 entries
    # from 300 bytes. jdgen expands each merged mapping once, so the file reads as ten keys a level.
    # (Deeper files pass the limit on aliases in a document.)
    lines = ["l0: &l0 {" + ", ".join(f"k{i}: {i}" for i in range(10)) + "}"]
    lines += [f"l{n}: &l{n} {{<<: [{', '.join([f'*l{n - 1}'] * 10)}]}}" for n in range(1, 5)]
    path = tmp_path / "p.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(jdgen.InputError) as info:
        jdgen.load_profile(path)
    assert [p.field for p in info.value.problems] == [f"l{n}" for n in range(5)]
    assert all("unknown field" in p.message for p in info.value.problems)


def test_merging_one_mapping_many_times_is_refused_past_a_budget(tmp_path: Path) -> None:
    # 40 mappings each merging one of 300 keys would copy 12,000 entries from a 4 KB file.
    lines = ["base: &b {" + ", ".join(f"k{i}: {i}" for i in range(300)) + "}"]
    lines += [f"m{n}: {{<<: *b}}" for n in range(40)]
    path = tmp_path / "p.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(jdgen.InputError, match="merge keys copy more than 10,000 entries in this file") as info:
        jdgen.load_profile(path)
    assert len(str(info.value).splitlines()) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The mapping's own keys win over merged ones; of several merged mappings, the first wins.
        ("m: {<<: [{a: 1}, {a: 2, b: 2}], c: 3}", {"a": 1, "b": 2, "c": 3}),
        ("x: &x {a: 1, b: 1}\ny: &y {<<: *x, b: 2}\nm: {<<: [*y, *x], c: 3}", {"a": 1, "b": 2, "c": 3}),
        ("x: &x {a: 1}\nm: {<<: *x, a: 2}", {"a": 2}),
        ("m: {<<: [], a: 1}", {"a": 1}),
    ],
)
def test_merge_keys_follow_the_yaml_merge_rules(body: str, expected: dict[str, int]) -> None:
    data, problem = parse_yaml(body + "\n", "<test>")
    assert problem is None and data["m"] == expected


def test_a_merge_of_something_not_a_mapping_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("location: {<<: [Lyon]}\n")
    with pytest.raises(jdgen.InputError, match="expected a mapping or a list of mappings to merge, but found scalar"):
        jdgen.load_profile(path)


def test_odd_keys_and_names_in_messages_are_quoted_on_one_line(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    checks = [
        ({"co\nmpany": "A"}, "<profile>: 'co\\nmpany': unknown field"),
        ({"\x1f": 0}, "<profile>: '\\x1f': unknown field"),
    ]
    for profile, start in checks:
        with pytest.raises(jdgen.InputError) as info:
            jdgen.compose(catalog, "digital", profile=profile)
        assert str(info.value).startswith(start) and len(str(info.value).splitlines()) == 1
    with pytest.raises(jdgen.InputError) as info:
        jdgen.compose(catalog, "digital", {"\ud800": "yes", "a\u2028b": "no"})
    assert [p.field for p in info.value.problems] == ["answers.'\\ud800'", "answers.'a\\u2028b'"]
    str(info.value).encode("utf-8")  # no lone surrogate left to break printing
    with pytest.raises(jdgen.InputError) as info:
        jdgen.compose(catalog, "digital", [{"role": "C\r\nFO", "answers": {"bogus": "yes"}}])
    assert info.value.problems[0].item == "respondent 1 ('C\\r\\nFO')"
    (tmp_path / "a.csv").write_text(
        'respondent,role,statement,answer\n"Ann\nLee",CEO,resources,yes\n"Ann\nLee",CFO,participation,no\n'
    )
    with pytest.raises(jdgen.InputError, match=r"'Ann\\nLee' has the role 'CEO' in an earlier row") as info:
        jdgen.load_answers(tmp_path / "a.csv", catalog)
    assert len(str(info.value).splitlines()) == 1


@pytest.mark.parametrize("data", [False, 3, 2.5])
def test_profile_or_answers_data_that_is_not_a_mapping_is_an_input_error(catalog: jdgen.Catalog, data: object) -> None:
    with pytest.raises(jdgen.InputError, match="expected a mapping of fields"):
        jdgen.compose(catalog, "digital", profile=data)  # type: ignore[arg-type]
    with pytest.raises(
        jdgen.InputError, match=f"expected a mapping or a list of respondents, not {type(data).__name__}"
    ):
        jdgen.compose(catalog, "digital", data)  # type: ignore[arg-type]


def test_a_company_name_too_long_for_word_properties_still_gives_a_docx(catalog: jdgen.Catalog) -> None:
    company = "Acme " * 58  # 289 characters: within the profile's 300, past Word's 255
    jd = jdgen.compose(catalog, "digital", profile={"company": company})
    document = docx.Document(io.BytesIO(jdgen.render(jd, "docx")))  # type: ignore[arg-type]
    assert len(document.core_properties.title) == 255 and document.core_properties.title.endswith("…")
    assert len(document.core_properties.author) == 255
    assert company.strip() in [p.text for p in document.paragraphs]  # the text itself is whole
    assert (
        document.sections[0].header.paragraphs[-1].text
        == f"INTERNAL · NOT FOR POSTING · {company.strip()} · {jd.title}"
    )


def test_a_pay_amount_too_large_for_a_number_is_refused(catalog: jdgen.Catalog) -> None:
    with pytest.raises(jdgen.InputError, match=r"pay\.min: expected a finite number"):
        jdgen.compose(catalog, "digital", profile={"pay": {"min": 10**400}})


def test_a_csv_of_quoted_empty_cells_is_empty(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    (tmp_path / "a.csv").write_text('"",""\n"",""\n')
    with pytest.raises(jdgen.InputError, match=r"a\.csv: the file is empty; a CSV answers file has the columns"):
        jdgen.load_answers(tmp_path / "a.csv", catalog)
