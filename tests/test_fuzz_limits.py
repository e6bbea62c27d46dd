"""Property-based tests of the shapes that once broke jdgen's limits (review D3, D4, D5).

YAML with anchors and aliases, .docx archives whose members misstate their sizes, and lists of
any length: each must give a result or one `JdgenError`, cheaply. Run with the same settings as
tests/test_fuzz.py (``JDGEN_FUZZ_EXAMPLES=N`` for a dedicated run).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jdgen
from jdgen.common import resources
from jdgen.common.errors import InputError
from jdgen.data.fields import MAX_LIST_ITEMS, MAX_RESPONDENTS
from jdgen.data.inputs import parse_profile
from jdgen.data.yamlio import MAX_COLLECTION_ALIASES, parse_yaml
from jdgen.postings.files import docx_text
from jdgen.render.docx_package import PackageError, checked_package
from tests.test_fuzz import FUZZ

# --- YAML with aliases --------------------------------------------------------------------------


@st.composite
def aliased_yaml(draw: st.DrawFn) -> tuple[str, int]:
    """A flow list whose levels repeat earlier anchored levels through aliases; and how many aliases it uses."""
    levels = draw(st.integers(1, 12))
    width = draw(st.integers(1, 12))
    leaf = draw(st.sampled_from(["lol", "1", "{a: 1}", "[x, y]", "''"]))
    parts = [f"&a0 [{', '.join([leaf] * width)}]"]
    aliases = 0
    for level in range(1, levels + 1):
        refs = [f"*a{draw(st.integers(0, level - 1))}" for _ in range(width)]
        aliases += len(refs)
        parts.append(f"&a{level} [{', '.join(refs)}]")
    where = draw(st.sampled_from(["profile", "archetypes", "benefits", "key"]))
    body = f"[{', '.join(parts)}]"
    text = {
        "profile": f"company: Acme\nbenefits: {body}\n",
        "archetypes": f"archetypes: {body}\nprofiles:\n  - {{company: A}}\n",
        "benefits": f"benefits:\n  - {body}\n",
        "key": f"? {body}\n: 1\n",
    }[where]
    return text, aliases


@FUZZ
@given(aliased_yaml())
def test_yaml_aliases_are_read_or_refused_in_one_short_line(case: tuple[str, int]) -> None:
    text, aliases = case
    data, problem = parse_yaml(text, "f.yaml")
    if aliases > MAX_COLLECTION_ALIASES:
        assert problem is not None
    if problem is not None:
        assert "\n" not in str(problem) and len(str(problem)) < 300
        return
    try:
        parse_profile(data, "f.yaml")
    except InputError as exc:
        assert all(len(line) < 2000 for line in exc.lines())
        assert len(exc.lines()) <= 21


# --- .docx archives that misstate their sizes ---------------------------------------------------


def _reference_members() -> dict[str, bytes]:
    with zipfile.ZipFile(resources.templates_dir() / "reference.docx") as source:
        return {info.filename: source.read(info) for info in source.infolist()}


MEMBERS = _reference_members()


@st.composite
def lying_archives(draw: st.DrawFn) -> tuple[bytes, int]:
    """The built-in reference with one member's declared size or CRC changed, its data padded or cut."""
    name = draw(st.sampled_from(sorted(MEMBERS)))
    real = MEMBERS[name]
    extra = draw(st.sampled_from([0, 1, 1000, 3_000_000]))
    data = draw(st.sampled_from([real, real[: len(real) // 2], real + b" " * extra]))
    declared = draw(st.sampled_from([len(real), len(data), 0, len(data) + 1, 10]))
    crc = draw(st.sampled_from([zlib.crc32(real), zlib.crc32(data), 0]))
    out = io.BytesIO()
    central = []
    for member, content in MEMBERS.items():
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        if member == name:
            packed, size, check = packer.compress(data) + packer.flush(), declared, crc
        else:
            packed, size, check = packer.compress(content) + packer.flush(), len(content), zlib.crc32(content)
        encoded, offset = member.encode(), out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, check, len(packed), size, len(encoded), 0))
        out.write(encoded + packed)
        header = struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            check,
            len(packed),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central.append(header + encoded)
    start = out.tell()
    out.write(b"".join(central))
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue(), len(data)


@FUZZ
@given(lying_archives(), st.sampled_from([1_000_000, 5_000_000]))
def test_a_lying_archive_never_costs_more_than_its_budget(case: tuple[bytes, int], budget: int) -> None:
    blob, _ = case
    try:
        packed = checked_package(blob, budget)
    except PackageError as exc:
        assert "\n" not in str(exc)
        return
    with zipfile.ZipFile(io.BytesIO(packed)) as archive:  # what python-docx will read: honest and within budget
        assert sum(info.file_size for info in archive.infolist()) <= budget
        assert archive.testzip() is None


@FUZZ
@given(lying_archives())
def test_linting_a_lying_archive_gives_text_or_one_error(case: tuple[bytes, int]) -> None:
    blob, _ = case
    try:
        text = docx_text(blob, "posting.docx")
    except jdgen.JdgenError as exc:
        assert len(exc.lines()) == 1
        return
    assert isinstance(text, str)


# --- lists of any length ------------------------------------------------------------------------


@FUZZ
@given(
    st.sampled_from(["benefits", "hiring_process", "remote_scope", "priorities"]),
    st.integers(0, 3 * MAX_LIST_ITEMS) | st.integers(5 * MAX_LIST_ITEMS, 20_000),
)
def test_a_long_list_is_taken_or_refused_in_one_line(field: str, length: int) -> None:
    value = [f"entry {n}" if field != "priorities" else "retention" for n in range(length)]
    try:
        profile = parse_profile({field: value}, "<profile>")
    except InputError as exc:
        assert len(exc.lines()) == 1 and "too long" in exc.lines()[0]
        return
    assert len(getattr(profile, field)) <= 250


@FUZZ
@given(st.integers(1, 3 * MAX_RESPONDENTS))
def test_respondents_are_taken_or_refused_in_one_line(count: int) -> None:
    data = {"respondents": [{"role": f"R{n % 7}", "answers": {"resources": "no"}} for n in range(count)]}
    try:
        survey = jdgen.parse_survey(data, "<answers>", jdgen.load_catalog())
    except InputError as exc:
        assert count > MAX_RESPONDENTS
        assert exc.lines() == [f"<answers>: respondents: too long: at most 200 entries (got {count:,})"]
        return
    assert len(survey.respondents) == count


@pytest.mark.parametrize("count", [MAX_RESPONDENTS])
def test_the_most_respondents_compare_quickly_enough_to_answer(count: int) -> None:
    people = [{"role": f"R{n % 7}", "answers": {"resources": "no", "role-clarity": "yes"}} for n in range(count)]
    survey = jdgen.parse_survey({"respondents": people}, "<answers>", jdgen.load_catalog())
    comparison = jdgen.compare(jdgen.load_catalog(), survey)
    assert comparison.ranking
