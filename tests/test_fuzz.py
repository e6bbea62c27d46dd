"""Property-based tests: any profile, answers, overlay or formatting template gives documents or one JdgenError.

Whatever a user types (profile fields, readiness notes, catalog overlays; as Python data or as
YAML and CSV files) must reach every format safely: either jdgen refuses it with one
`JdgenError` whose every line is one readable line, or every format renders and the user's text
round-trips: the .docx reopens with python-docx and holds it, the HTML holds it as text (no tag
comes from it), the JSON validates back into the model and the JSON-LD parses.

The normal suite runs a few examples per property (derandomized, so it is stable). The
dedicated run asks for many, freshly random, and shows how each example ended::

    JDGEN_FUZZ_EXAMPLES=2500 python -m pytest tests/test_fuzz.py --hypothesis-show-statistics

(five properties x 2,500 = 12,500 generated inputs; ``--hypothesis-seed=N`` repeats a run).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeVar

import docx
import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

import jdgen
from jdgen.common.words import lower_first, sentence_list
from jdgen.data.fields import XML_ILLEGAL
from jdgen.render.documents import BOARD_MARK, EXECUTIVE_MARK, INTERNAL_MARK
from jdgen.render.text import link_host, long_date, pay_range
from tests.conftest import STATEMENTS

T = TypeVar("T")

# Hypothesis keeps caches in .hypothesis/ under the working directory: keep them out of the checkout.
set_hypothesis_home_dir(
    os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY") or Path(tempfile.gettempdir()) / "jdgen-hypothesis"
)

EXAMPLES = int(os.environ.get("JDGEN_FUZZ_EXAMPLES") or 0)
FUZZ = settings(
    max_examples=EXAMPLES or 25,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the checkout
    derandomize=not EXAMPLES,  # the normal suite sees the same examples on every run
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

#: How the examples of each property ended, printed after the dedicated run.
OUTCOMES: Counter[tuple[str, str]] = Counter()

CATALOG = jdgen.load_catalog()
ARCHETYPES = list(CATALOG.archetypes.ids())

# --- text a user might type ---------------------------------------------------------------

PIECES = [
    # HTML and XML
    "&",
    "<",
    ">",
    '"',
    "'",
    "&amp;",
    "&lt;",
    "&#60;",
    "&#x3C;",
    "&copy;",
    "&#0;",
    "<script>alert(1)</script>",
    "</title>",
    "</script>",
    "<!--",
    "]]>",
    "<b>bold</b>",
    '<a href="javascript:alert(1)">x</a>',
    # Markdown
    "*",
    "**",
    "_",
    "__",
    "`",
    "```",
    "~~~",
    "#",
    "# ",
    "|",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "[x](javascript:alert(1))",
    "![i](http://x/i.png)",
    "<http://x>",
    "1. ",
    "2) ",
    "- ",
    "+ ",
    "> ",
    "=",
    "---",
    "===",
    "    ",
    # templates and placeholders
    "{{ jd.company }}",
    "{% if 1 %}",
    "{company}",
    "%s",
    # line breaks and white space
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u3000",
    " ",
    "  ",
    # XML-illegal and other control characters
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x1f",
    "\x7f",
    "\x85",
    "\x9f",
    "\ufffe",
    "\uffff",
    "\ufeff",
    # right-to-left scripts, emoji, combining marks, invisible characters
    "مرحبا",
    "שלום",
    "\u200f",
    "\u202e",
    "\u2066",
    "🚀",
    "👩🏽‍💻",
    "🇺🇸",
    "e\u0301",
    "\u0301",
    "\u200b",
    "\u200d",
    # YAML syntax
    "null",
    "~",
    "true",
    ": ",
    "? ",
    "&anchor",
    "*alias",
    "!!python/object",
    "%YAML",
    # plain words
    "Acme",
    "Retail",
    "CEO",
    "yes",
]
# Lone surrogates cannot be written in a UTF-8 file, but come through the Python API, or a YAML escape ("\uD800").
SURROGATES = ["\ud800", "\udfff", "\udc80"]
# What a Markdown line may start with to open a block: a list, a quote, a heading, a code block...
LINE_STARTS = ["- ", "+ ", "* ", "1. ", "2) ", "> ", "# ", "=", "---", "***", "```", "~~~", "    ", "<div>", "| a |"]
BLANKS = ["", " ", "\t\n ", "\u3000\u00a0", "\x00\x01\x7f", "\n\n"]


def _long(text: str) -> str:
    """At least 100,000 characters (over 100 KB) of `text`, built without drawing each one."""
    unit = text + " long "
    return unit * (100_000 // len(unit) + 1)


def user_texts(surrogates: bool = False) -> st.SearchStrategy[str]:
    """Text as a user might type it: mostly short and hostile, sometimes blank, rarely over 100 KB."""
    pieces = st.sampled_from(PIECES + SURROGATES if surrogates else PIECES)
    start = st.one_of(st.just(""), st.sampled_from(LINE_STARTS))  # half begin with a block-level mark
    short = st.builds(
        lambda first, rest: first + "".join(rest),
        start,
        st.lists(st.one_of(pieces, pieces, st.text(max_size=6)), min_size=1, max_size=6),
    )
    kinds = ["short"] * 40 + ["blank", "long"]
    return st.sampled_from(kinds).flatmap(
        lambda kind: short if kind == "short" else st.sampled_from(BLANKS) if kind == "blank" else short.map(_long)
    )


SURROGATE_TEXTS = user_texts(surrogates=True)


def rarely(valid: st.SearchStrategy[Any], invalid: st.SearchStrategy[Any], odds: int = 20) -> st.SearchStrategy[Any]:
    """Values from `valid`, and one time in `odds` from `invalid`."""
    return st.sampled_from([True] * (odds - 1) + [False]).flatmap(lambda ok: valid if ok else invalid)


GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(),
    st.lists(st.integers(max_value=9), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(max_value=9), max_size=2),
)


def urls(text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    valid = st.builds(
        lambda scheme, path: f"{scheme}://{''.join(path.split())}",
        st.sampled_from(["https", "http", "HTTPS"]),
        text,
    )
    invalid = st.one_of(text, st.sampled_from(["javascript:alert(1)", "ftp://x", "https://", "https://a b"]), GARBAGE)
    return rarely(valid, invalid)


def dates() -> st.SearchStrategy[Any]:
    valid = st.one_of(
        st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31)),
        st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31)).map(str),
    )
    return rarely(valid, st.one_of(st.sampled_from(["2024-13-45", "tomorrow", "0000-01-01", ""]), GARBAGE))


def amounts() -> st.SearchStrategy[Any]:
    valid = st.one_of(
        st.integers(min_value=0, max_value=10**9),
        st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
    )
    invalid = st.one_of(st.sampled_from([-1, float("nan"), float("inf"), True, "100k", 1e400]), GARBAGE)
    return rarely(valid, invalid)


def profiles(text: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A company profile as plain data: any subset of the fields, mostly valid values, all text hostile."""
    lists = st.one_of(text, st.lists(text, max_size=3))
    counts = rarely(st.integers(min_value=0, max_value=10**6), st.one_of(st.just(-1), st.just(2.5), GARBAGE))
    location = rarely(
        st.fixed_dictionaries({}, optional={"city": text, "region": text, "country": text}),
        st.one_of(text, GARBAGE, st.just({"planet": "Mars"})),
    )
    pay = rarely(
        st.fixed_dictionaries(
            {},
            optional={
                "min": amounts(),
                "max": amounts(),
                "currency": rarely(st.sampled_from(["USD", "eur", " GBP "]), st.one_of(text, GARBAGE)),
                "period": rarely(st.sampled_from(["hour", "day", "week", "month", "year"]), text),
            },
        ),
        st.one_of(text, GARBAGE),
    )
    reports_to = st.one_of(text, st.sampled_from(["CEO", "Chief Operating Officer", "VP of Customer Care", "Board"]))
    fields = {
        "company": rarely(text, GARBAGE),
        "industry": text,
        "reports_to": reports_to,
        "about": st.lists(text, min_size=1, max_size=3).map("\n\n".join),
        "eeo_statement": text,
        "occupational_category": text,
        "company_url": urls(text),
        "apply_url": urls(text),
        "employees": counts,
        "team_size": counts,
        "location": location,
        "remote": rarely(st.sampled_from(["no", "hybrid", "yes", True, False, " YES "]), st.one_of(text, GARBAGE)),
        "remote_scope": lists,
        "benefits": lists,
        "employment_type": rarely(st.sampled_from(["FULL_TIME", "part-time", "contractor", "Per Diem"]), text),
        "layered_onto": rarely(st.sampled_from(["none", "customer-service", "Marketing", "other", None, False]), text),
        "pay": pay,
        "date_posted": dates(),
        "valid_through": dates(),
    }
    profile = st.fixed_dictionaries({}, optional=fields)
    return rarely(profile, st.one_of(profile.map(lambda p: {**p, "colour": "red"}), GARBAGE))


ANSWER_VALUES = ["yes", "partial", "no", "unknown", "YES", " No ", "Partial", True, False]


def answer_maps(text: st.SearchStrategy[str]) -> st.SearchStrategy[dict[Any, Any]]:
    """Statement id -> an answer, an answer with a note, or a note alone."""
    ids = rarely(
        st.sampled_from(STATEMENTS), st.one_of(st.sampled_from(["bogus", "Resources", "resources "]), text), odds=60
    )
    value = rarely(
        st.sampled_from(ANSWER_VALUES), st.one_of(st.sampled_from(["maybe", "", "n/a"]), text, GARBAGE), odds=60
    )
    answer = st.one_of(
        value,
        st.fixed_dictionaries({"answer": value, "note": rarely(text, GARBAGE)}),
        st.fixed_dictionaries({"note": text}),
    )
    return st.dictionaries(ids, answer, max_size=len(STATEMENTS))


def respondents(text: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"answers": answer_maps(text)},
        optional={
            "respondent": rarely(text, GARBAGE),
            "role": st.one_of(text, st.sampled_from(["CEO", "CFO", "COO"])),
            "notes": st.dictionaries(st.sampled_from(STATEMENTS), text, max_size=2),
        },
    )


def surveys(text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Answers in every shape the API takes: a bare mapping, one respondent, a list or {respondents: [...]}."""
    one = respondents(text)
    many = st.lists(one, min_size=1, max_size=3)
    shapes = st.one_of(
        answer_maps(text), one, many, many.map(lambda r: {"respondents": r}), st.just([]), st.just({"respondents": 1})
    )
    return st.one_of(st.none(), rarely(shapes, GARBAGE))


# --- checking an outcome ------------------------------------------------------------------


def norm(text: str) -> str:
    """Text as every format prints it: XML-illegal characters removed, white space collapsed."""
    return " ".join(XML_ILLEGAL.sub("", text).split())


def cleaned(text: str) -> str:
    """Text as a model keeps it (`jdgen.data.fields.Text`): XML-illegal characters removed, stripped."""
    return XML_ILLEGAL.sub("", text).strip()


def check_error(exc: jdgen.JdgenError) -> None:
    """A JdgenError reads as lines: none empty, none broken, no control character, printable in UTF-8."""
    message = str(exc)
    assert message.strip(), f"{type(exc).__name__} with an empty message"
    message.encode("utf-8")  # a lone surrogate would make printing the error fail
    lines = message.split("\n")
    assert message.splitlines() == lines, f"a line break other than \\n inside a line: {message[:300]!r}"
    for line in lines:
        assert line.strip(), f"an empty line in {message[:300]!r}"
        assert not any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in line), f"a control character in {line[:300]!r}"
    for problem in exc.problems:
        assert len(str(problem).splitlines()) == 1, f"a problem that is not one line: {str(problem)[:300]!r}"


LAST_ERROR: list[jdgen.JdgenError] = []


def attempt(name: str | None, make: Callable[[], T]) -> T | None:
    """`make()`, or None when it raises a JdgenError; any other exception fails the test.

    The JdgenError is checked and kept in `LAST_ERROR`; with a `name`, it counts as the example's outcome.
    """
    try:
        result = make()
    except jdgen.JdgenError as exc:
        check_error(exc)
        LAST_ERROR[:] = [exc]
        if name is not None:
            event(f"outcome: {type(exc).__name__}")
            OUTCOMES[name, "JdgenError"] += 1
        return None
    return result


def blank(body: bytes) -> bool:
    """Whether a file holds nothing but white space."""
    try:
        return not body.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        return False


def valid(name: str) -> None:
    event("outcome: valid documents")
    OUTCOMES[name, "valid documents"] += 1


@pytest.fixture(scope="module", autouse=True)
def _outcome_summary(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if not EXAMPLES or reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        reporter.write_sep("-", "fuzz outcomes (generated inputs per property)")
        for name in sorted({n for n, _ in OUTCOMES}):
            counts = {kind: n for (test, kind), n in OUTCOMES.items() if test == name}
            reporter.write_line(f"{name}: {sum(counts.values())} inputs, {counts}")
        totals: Counter[str] = Counter()
        for (_, kind), n in OUTCOMES.items():
            totals[kind] += n
        reporter.write_line(f"total: {sum(OUTCOMES.values())} inputs, {dict(totals)}")


ALLOWED_TAGS = {
    *("html", "head", "meta", "title", "script", "style", "body", "main"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em", "a", "blockquote"),
    *("table", "thead", "tbody", "tr", "th", "td", "br", "hr", "code", "pre"),
}
TEXT_BLOCKS = {"title", "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th"}


class Page(HTMLParser):
    """An HTML page or fragment: its tags and attributes, the text of each block, the scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.blocks: list[str] = []
        self.scripts: list[str] = []
        self._open: list[tuple[str, list[str]]] = []
        self._script: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        if tag in TEXT_BLOCKS:
            self._open.append((tag, []))
        elif tag == "script":
            self._script = []

    def handle_endtag(self, tag: str) -> None:
        if tag in TEXT_BLOCKS and self._open and self._open[-1][0] == tag:
            self.blocks.append(norm("".join(self._open.pop()[1])))
        elif tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        for _, parts in self._open:
            parts.append(data)

    def check_markup(self) -> None:
        """Every tag is one jdgen writes (none came from user text) and no attribute is a script hook."""
        assert set(self.tags) <= ALLOWED_TAGS, f"unexpected tags: {set(self.tags) - ALLOWED_TAGS}"
        assert not [a for a in self.attributes if a.startswith("on")]
        assert not self._open, "an element was never closed"


class Word:
    """A .docx reopened with python-docx: the text of its body paragraphs, table cells and header."""

    def __init__(self, blob: bytes) -> None:
        document = docx.Document(io.BytesIO(blob))
        self.paragraphs = [norm(p.text) for p in document.paragraphs]
        self.cells = [norm(c.text) for t in document.tables for r in t.rows for c in r.cells]
        self.header = norm(" ".join(p.text for p in document.sections[0].header.paragraphs))
        self.title = document.core_properties.title
        self.blocks = self.paragraphs + self.cells


def strings(data: Any) -> Iterator[str]:
    """Every string (keys included) in JSON data."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def check_text_output(text: str) -> None:
    assert isinstance(text, str)
    assert not XML_ILLEGAL.search(text), "an XML-illegal character in the output"
    text.encode("utf-8")


def assert_blocks(blocks: list[str], expected: list[str], prefixes: list[str], where: str) -> None:
    found = set(blocks)
    missing = [line for line in expected if line not in found]
    assert not missing, f"{where}: text lost: {[m[:200] for m in missing[:3]]}"
    for prefix in prefixes:
        assert any(b.startswith(prefix) for b in blocks), f"{where}: no block starts with {prefix[:200]!r}"


def _with_company(text: str, company: str | None) -> str:
    return f"{company} · {text}" if company else text


def company_line(company: str | None, industry: str | None) -> list[str]:
    if not company:
        return []
    return [norm(company) + (f" · {norm(industry)}" if industry else "")]


SEVERITY = {"critical": "Critical", "warning": "Warning", "info": "Note"}


def jd_expected(jd: jdgen.JobDescription) -> tuple[list[str], list[str]]:
    """The block texts a JD's edition must show (paragraphs, list items, cells) and block prefixes."""
    internal = jd.edition == "internal"
    lines = [norm(jd.title), *company_line(jd.company, jd.industry), f"Reports to: {norm(jd.reports_to)}"]
    place = norm(jd.location.label()) if jd.location else ""
    remote = {"yes": "Remote", "hybrid": "Hybrid", "no": ""}[jd.remote]
    if place or remote:
        lines.append(f"Location: {place} ({remote.lower()})" if place and remote else f"Location: {place or remote}")
    if jd.team_size is not None:
        lines.append(f"Team: {jd.team_size} {'person' if jd.team_size == 1 else 'people'} at the start")
    if jd.pay and pay_range(jd.pay):
        lines += [f"Pay: {pay_range(jd.pay)}", f"The pay range for this role is {pay_range(jd.pay)}."]
    lines += [norm(jd.mandate), norm(f"{jd.authority.title} authority: {jd.authority.description}")]
    lines += [norm(q) for q in jd.qualifications]
    if jd.about:
        lines.append(f"About {norm(jd.company or 'the company')}")
        lines += [norm(p) for p in jd.about]
    lines += [norm(b) for b in jd.benefits]
    if jd.eeo_statement:
        lines.append(norm(jd.eeo_statement))
    apply = [f"Apply at {norm(jd.apply_url)}." if jd.apply_url else ""]
    apply += [f"Posted {long_date(jd.date_posted)}." if jd.date_posted else ""]
    apply += [f"Applications close {long_date(jd.valid_through)}." if jd.valid_through else ""]
    if any(apply):
        lines.append(" ".join(a for a in apply if a))
    prefixes: list[str] = []
    lines += [norm(o) for o in jd.first_year]
    lines += [norm(m) for m in jd.measures]
    if jd.experience:
        lines.append(norm(jd.experience))
    if not internal:
        lines += [
            norm(f"{h.text}." + (f" Today: {lower_first(h.why_here)}" if h.why_here else "")) for h in jd.highlights
        ]
        return lines, prefixes
    prefixes.append(f"The {norm(jd.title)} reports to the {norm(jd.reports_to)}.")
    lines += [norm(s) for s in jd.scope]
    lines += [norm(d.title) for d in jd.domains]
    for b in jd.blocks:
        lines += [norm(b.title), norm(b.purpose), *(norm(d) for d in b.duties)]
        prefixes.append(f"Works with: {norm(sentence_list(b.partners))}.")
    lines += [norm(k) for k in jd.kpis]
    lines += [norm(f"{c.title}. {c.description}") for c in jd.competencies]
    for phase in jd.first_90_days:
        lines += [norm(phase.title), *(norm(s) for s in phase.steps)]
    lines += [norm(s.citation + (f" Online at {link_host(s.url)}." if s.url else "")) for s in jd.sources]
    if jd.readiness:
        lines.append(norm(jd.readiness.label) + ".")
        lines += [norm(r) for r in jd.readiness.reasons]
        for gap in jd.readiness.gaps:
            lines += [norm(gap.title), gap.answer, norm(gap.finding), norm("; ".join(gap.block_titles))]
    prefixes += [norm(f"{SEVERITY[w.severity]}: {w.title}") for w in jd.warnings]
    return lines, prefixes


def check_html(html: str, expected: list[str], prefixes: list[str], header: str, where: str) -> Page:
    check_text_output(html)
    page = Page(html)
    page.check_markup()
    assert page.tags.count("title") == 1 and page.tags.count("main") == 1
    assert header in page.blocks, f"{where}: the page title is not {header[:200]!r}"
    assert_blocks(page.blocks, expected, prefixes, where)
    return page


def word_property(text: str) -> str:
    """A document property as Word keeps it: at most 255 characters."""
    return text if len(text) <= 255 else text[:254] + "…"


def check_docx(blob: Any, expected: list[str], prefixes: list[str], header: str, title: str, where: str) -> Word:
    assert isinstance(blob, bytes)
    word = Word(blob)
    assert word.header == header, f"{where}: the page header is not {header[:200]!r}"
    assert norm(word.title) == norm(word_property(title)), f"{where}: the document title is {word.title[:200]!r}"
    assert_blocks(word.blocks, expected, prefixes, where)
    return word


def check_jd(jd: jdgen.JobDescription) -> None:
    """Every format of both editions renders, and the JD's text round-trips through each."""
    jsonld = jdgen.render(jd, "jsonld")
    check_text_output(jsonld)
    posting = json.loads(jsonld)
    assert posting["@type"] == "JobPosting" and posting["title"] == jd.title
    if jd.company:
        assert posting["hiringOrganization"]["name"] == jd.company
    if jd.industry:
        assert posting["industry"] == jd.industry
    assert not [s for s in strings(posting) if XML_ILLEGAL.search(s)]
    description = Page(posting["description"])
    description.check_markup()
    assert_blocks(description.blocks, company_line(jd.company, jd.industry), [], "JSON-LD description")
    header = norm(_with_company(jd.title, jd.company))
    for edition in (jd, jd.posting_edition()):
        expected, prefixes = jd_expected(edition)
        where = f"{edition.edition} edition"
        check_text_output(jdgen.render(jd, "md", posting=edition is not jd))
        page = check_html(
            jdgen.render(jd, "html", posting=edition is not jd), expected, prefixes, header, f"HTML, {where}"
        )
        assert page.tags.count("script") == 1 and json.loads(page.scripts[0]) == posting
        blob = jdgen.render(jd, "docx", posting=edition is not jd)
        title = f"{jd.title} — {jd.company}" if jd.company else jd.title
        marked = f"{INTERNAL_MARK} · {header}" if edition is jd else header
        check_docx(blob, expected, prefixes, marked, title, f"Word, {where}")
        data = json.loads(jdgen.render(jd, "json", posting=edition is not jd))
        assert not [s for s in strings(data) if XML_ILLEGAL.search(s)]
        if edition is jd:
            assert jdgen.JobDescription.model_validate(data) == jd
        else:
            data |= {"readiness": None, "warnings": [], "sources": []}
            data["blocks"] = [{**b, "reason": None, "closes": []} for b in data["blocks"]]
            assert jdgen.JobDescription.model_validate(data) == edition


def check_report(report: jdgen.ReadinessReport) -> None:
    """The readiness report renders in every format and shows every note, respondent and reason."""
    readiness = report.readiness
    many = len(readiness.respondents) > 1
    lines = [*company_line(report.company, None), *(norm(r) for r in readiness.reasons)]
    lines += [norm(s) for s in report.next_steps]
    for answer in readiness.answers:
        notes = " · ".join((f"{n.who}: " if many else "") + n.text for n in answer.notes)
        lines += [norm(answer.title), answer.answer, norm(notes) if notes else ""]
    lines = [line for line in lines if line]
    prefixes = [norm(f"{SEVERITY[w.severity]}: {w.title}") for w in report.warnings]
    if many:
        prefixes.append(
            norm(f"Answered by {len(readiness.respondents)} respondents: {', '.join(readiness.respondents)}.")
        )
    elif not readiness.respondents[0].startswith("respondent "):
        prefixes.append(norm(f"Answered by one respondent ({readiness.respondents[0]})."))
    header = norm(_with_company("Readiness for a Chief Customer Officer", report.company))
    check_text_output(jdgen.render(report, "md"))
    check_html(jdgen.render(report, "html"), lines, prefixes, header, "HTML readiness report")
    title = _with_company("CCO readiness report", report.company)
    marked = f"{EXECUTIVE_MARK} · {header}"
    check_docx(jdgen.render(report, "docx"), lines, prefixes, marked, title, "Word readiness report")
    assert jdgen.ReadinessReport.model_validate_json(jdgen.render(report, "json")) == report


def check_comparison(comparison: jdgen.Comparison) -> None:
    lines = company_line(comparison.company, comparison.industry)
    lines += [norm(a.name) for a in comparison.archetypes]
    header = norm(_with_company("Chief Customer Officer: archetype comparison", comparison.company))
    check_html(jdgen.render(comparison, "html"), lines, [], header, "HTML comparison")
    title = _with_company("CCO archetype comparison", comparison.company)
    check_docx(jdgen.render(comparison, "docx"), lines, [], f"{BOARD_MARK} · {header}", title, "Word comparison")
    assert jdgen.Comparison.model_validate_json(jdgen.render(comparison, "json")) == comparison


# --- the properties -----------------------------------------------------------------------


# Inputs every run tries first (hypothesis's explicit phase), whatever it generates after them.
HOSTILE_PROFILE = {
    "company": "*Acme* & <b>Co</b> </script> \x00\ufffe\ud800 \u202eأكمي 🚀",
    "industry": "- 1. Retail | &amp; {{ x }}",
    "about": "> quote\n\n1. a list\n\n# heading\n\n    code\n\n<!-- -->",
    "benefits": ["- nested", "&copy; 👩🏽\u200d💻 שלום", "```"],
    "eeo_statement": "~~~\nWe hire fairly.",
    "reports_to": "Founder & CEO <i>",
    "location": {"city": "Zürich", "country": "\u200fישראל"},
    "apply_url": "https://jobs.example/a_b*c(d)<e>&amp;#",
    "pay": {"min": 1, "max": 10**15, "currency": " usd ", "period": "year"},
}
HOSTILE_ANSWERS = [
    {"role": "CEO", "answers": {"resources": {"answer": "no", "note": "*n* </script> &amp; \u202eRTL"}}},
    {"role": "C\nFO", "answers": {"resources": "yes", "participation": {"note": "\t\x1b[31m1. red"}}},
]


@FUZZ
@example("digital", HOSTILE_ANSWERS, HOSTILE_PROFILE)
@example("enterprise-cx", {"resources": "no"}, {"company": "Acme " * 30_000, "about": "مرحبا 🚀 " * 15_000})
@given(
    archetype=rarely(st.sampled_from(ARCHETYPES), st.sampled_from(["", "Digital", "bogus"])),
    answers=surveys(user_texts(surrogates=True)),
    profile=profiles(user_texts(surrogates=True)),
)
def test_any_profile_and_answers_data_give_documents_or_one_error(archetype: str, answers: Any, profile: Any) -> None:
    jd = attempt("data", lambda: jdgen.compose(CATALOG, archetype, answers, profile))
    if jd is None:
        return
    check_jd(jd)
    if answers is not None:
        report = jdgen.readiness_report(CATALOG, answers, profile)
        assert report.readiness == jd.readiness
        check_report(report)
    valid("data")


RAW_PROFILE_LINES = [
    "date_posted: 2024-13-45",
    "valid_through: 0000-01-01",
    "date_posted: 2024-02-30 25:61:00",
    "date_posted: 2024-01-01T10:00:00+99:00",
    "employees: " + "9" * 5000,
    "pay: {min: " + "1" * 4400 + "}",
    "pay: {min: 1e400, max: .inf}",
    "company: " + "[" * 3000,
    "company: " + "{a: " * 2000,
    "benefits: &a [*a]",
    "location: &l {<<: *l}",
    "company: !!python/object/apply:os.system ['true']",
    "company: !!binary 'xx'",
    "company: *undefined",
    "? [a, b]\n: c",
    "true: x",
    "1: x",
    "company: A\ncompany: B",
    "%YAML 1.1\n---\ncompany: A",
    "company: A\n---\ncompany: B",
    "- company: A",
    "company: 'unclosed",
    "company:\n\t- tab",
    "company: |\n  two\n  lines",
    "location: {city: Lyon, <<: {country: France}}",
    "\ufeffcompany: BOM",
    "# comment only",
]


@st.composite
def raw_profile_files(draw: st.DrawFn) -> bytes:
    """Hostile bytes for a profile file: YAML-ish lines of user text, broken YAML, other encodings."""
    text = user_texts()
    line = st.one_of(
        st.sampled_from(RAW_PROFILE_LINES),
        st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(["company", "industry", "about", "reports_to"]), text),
        text,
    )
    body = "\n".join(draw(st.lists(line, max_size=5)))
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "latin-1", "bytes"]))
    if encoding == "bytes":
        return draw(st.binary(max_size=64))
    return body.encode(encoding, errors="replace")


@FUZZ
@example(HOSTILE_PROFILE, "block", b"", "digital")
@example(None, "raw", b" \n\t\n", "digital")
@given(
    profile=profiles(user_texts(surrogates=True)),  # YAML writes a lone surrogate as an escape, "\uD800"
    form=st.sampled_from(["block", "flow", "ascii", "raw"]),
    raw=raw_profile_files(),
    archetype=st.sampled_from(ARCHETYPES),
)
def test_any_profile_file_gives_documents_or_one_error(profile: Any, form: str, raw: bytes, archetype: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profile.yaml"
        if form == "raw":
            path.write_bytes(raw)
        else:
            dumped = yaml.safe_dump(profile, allow_unicode=form != "ascii", default_flow_style=form == "flow")
            path.write_text(dumped, encoding="utf-8")
        loaded = attempt("profile file", lambda: jdgen.load_profile(path))
    if form == "raw" and blank(raw):
        assert loaded is None and str(LAST_ERROR[0]).endswith(": the file is empty; give at least one entry")
    if form != "raw":
        # The file means what the data means: the same profile, or refused either way. (Written
        # with allow_unicode, PyYAML leaves a NEL raw, which YAML reads back as a line break.)
        meant = profile if form == "ascii" else yaml.safe_load(dumped)
        from_data = attempt(None, lambda: jdgen.compose(CATALOG, archetype, None, meant))
        assert (loaded is None) == (from_data is None or meant is None)
        if loaded is not None and from_data is not None:
            assert jdgen.compose(CATALOG, archetype, None, loaded) == from_data
    if loaded is None:
        return
    check_jd(jdgen.compose(CATALOG, archetype, None, loaded))
    valid("profile file")


CSV_COLUMNS = ["respondent", "role", "statement", "answer", "note"]


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """A CSV answers file (any delimiter, column order and case) and the notes its rows carry."""
    text = user_texts()
    columns = draw(st.permutations(CSV_COLUMNS))
    columns = draw(rarely(st.just(columns), st.just([*columns[1:], "colour"])))
    people = draw(st.lists(st.tuples(text, text), min_size=1, max_size=3))
    rows = []
    for name, role in people:
        respondent = draw(rarely(st.just(name), st.sampled_from(["", "Ann"])))
        role = draw(rarely(st.just(role), st.sampled_from(["", "CFO"])))
        for statement in draw(st.lists(st.sampled_from(STATEMENTS), unique=True, min_size=1, max_size=4)):
            row = {
                "respondent": respondent,
                "role": role,
                "statement": draw(rarely(st.just(statement), st.one_of(st.just("bogus"), text), odds=40)),
                "answer": draw(rarely(st.sampled_from(["yes", "No", "PARTIAL", "unknown", ""]), text, odds=40)),
                "note": draw(st.one_of(st.just(""), text)),
                "colour": "red",
            }
            rows.append(row)
    out = io.StringIO()
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    writer = csv.writer(out, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow([c.upper() if draw(st.booleans()) else c for c in columns])
    writer.writerows([[row[c] for c in columns] for row in rows])
    broken = st.sampled_from(['"",""\n', "a,b\n\x00", '"x\n', ""])
    body = draw(rarely(st.just(out.getvalue()), st.one_of(text, broken)))
    notes = [norm(row["note"]) for row in rows if "note" in columns and row["note"].strip()]
    return body.encode("utf-8"), notes


HOSTILE_CSV = (
    'respondent;role;statement;answer;note\n"Ann\nLee";CEO;resources;No;"*n* </script> &amp;\r\n- 1. שלום 🚀"\n'
    ';"C\x1bFO";participation;;> quote\n'
)


@FUZZ
@example(
    HOSTILE_ANSWERS, "yaml+csv", b"", (HOSTILE_CSV.encode(), ["*n* </script> &amp; - 1. שלום 🚀"]), {}, "digital", True
)
@given(
    data=rarely(
        st.one_of(respondents(SURROGATE_TEXTS), st.lists(respondents(SURROGATE_TEXTS), min_size=1, max_size=3)),
        surveys(SURROGATE_TEXTS),
    ),
    files=st.sampled_from(["yaml"] * 3 + ["csv"] * 2 + ["yaml+csv", "raw"]),
    raw=raw_profile_files(),
    csv_file=csv_files(),
    profile=profiles(SURROGATE_TEXTS),
    archetype=st.sampled_from(ARCHETYPES),
    board=st.sampled_from([False] * 5 + [True]),
)
def test_any_answers_files_give_documents_or_one_error(
    data: Any,
    files: str,
    raw: bytes,
    csv_file: tuple[bytes, list[str]],
    profile: Any,
    archetype: str,
    board: bool,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        if "yaml" in files or files == "raw":
            paths.append(Path(folder) / "answers.yaml")
            blob = raw if files == "raw" else yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
            paths[-1].write_bytes(blob)
        if "csv" in files:
            paths.append(Path(folder) / "team.csv")
            paths[-1].write_bytes(csv_file[0])
        survey = attempt("answers files", lambda: jdgen.load_answers(paths, CATALOG))
        if blank(paths[0].read_bytes()):  # the first file is read first
            assert survey is None and f"{paths[0]}: the file is empty; " in str(LAST_ERROR[0])
    if files == "yaml" and survey is not None:
        # The file means what the data means (a file adds only the check that no one answers twice).
        meant = yaml.safe_load(blob)  # as YAML reads it: a NEL written raw reads back as a line break
        assert jdgen.readiness_report(CATALOG, meant).readiness == jdgen.readiness_report(CATALOG, survey).readiness
    if survey is None:
        return
    if "csv" in files:
        notes = {norm(note) for r in survey.respondents for note in r.notes.values()}
        assert set(csv_file[1]) <= notes, "a note of the CSV file was lost"
    report = attempt("answers files", lambda: jdgen.readiness_report(CATALOG, survey, profile))
    if report is None:
        return
    check_report(report)
    check_jd(jdgen.compose(CATALOG, archetype, survey, profile))
    if board:
        check_comparison(jdgen.compare(CATALOG, survey, profile))
    valid("answers files")


BROKEN_FILES: list[str | bytes] = [
    "",
    "   \n\t\n",
    "# only a comment\n",
    "- a list\n- at the top\n",
    "blocks: [\n",
    "blocks:\n\t- id: tab\n",
    "blocks: null\n",
    "colours: []\n",
    "blocks:\n  - id: x\n    id: y\n",
    "{}\n",
    b"\xff\xfe\x00b\x00a\x00d",
    b"blocks: \xc3\x28\n",
]


OVERLAY_PARTS = ["block", "archetype", "new-block", "source", "statement", "rule", "competency", "domain", "phase"]
OVERLAY_PARTS.append("broken")


@st.composite
def overlays(draw: st.DrawFn) -> tuple[str, dict[str, bytes], list[tuple[str, dict[str, Any]]]]:
    """An overlay folder: files that replace or add catalog items with hostile text, or are broken.

    Returns the archetype to compose, the files (relative path -> bytes), and the items the
    files give (kind of part, item).
    """
    text = SURROGATE_TEXTS  # YAML writes a lone surrogate as an escape
    archetype = CATALOG.archetypes[draw(st.sampled_from(ARCHETYPES))]
    block = CATALOG.blocks[draw(st.sampled_from(archetype.core_blocks))]
    statement = CATALOG.statements[draw(st.sampled_from(STATEMENTS))]
    texts = st.lists(text, min_size=1, max_size=4)
    items: list[tuple[str, dict[str, Any]]] = []
    parts = draw(
        st.lists(
            st.sampled_from(OVERLAY_PARTS),
            max_size=4,
        )
    )
    files: dict[str, Any] = {}
    for n, part in enumerate(parts):
        item: dict[str, Any]
        if part == "block":
            item = block.model_dump(mode="json") | {
                "title": draw(text),
                "purpose": draw(text),
                "duties": draw(st.lists(text, min_size=2, max_size=4)),
                "kpis": draw(texts),
                "partners": draw(texts),
            }
            section = "blocks"
        elif part == "archetype":
            item = archetype.model_dump(mode="json") | {
                "name": draw(text),
                "title": draw(text),
                "mandate": draw(text),
                "scope": draw(texts),
                "reports_to": draw(text),
                "strengths": draw(texts),
                "qualifications": draw(texts),
                "dotted_lines": draw(st.lists(text, max_size=2)),
            }
            if draw(st.booleans()):
                item["core_blocks"] = [*archetype.core_blocks, "fuzz-block"]
            section = "archetypes"
        elif part == "new-block":
            item = {
                "id": draw(rarely(st.just("fuzz-block"), st.sampled_from(["Fuzz Block", "-x", "a--b", "ü"]))),
                "domain": draw(rarely(st.just(block.domain), st.just("nowhere"))),
                "title": draw(text),
                "purpose": draw(text),
                "duties": draw(st.lists(text, min_size=3, max_size=4)),
                "kpis": draw(texts),
                "partners": draw(texts),
                "competencies": [draw(st.sampled_from(list(CATALOG.competencies.ids())))],
                "sources": [draw(st.sampled_from(["fuzz-source", "seed-11-statements", "nowhere"]))],
            }
            section = "blocks"
        elif part == "source":
            item = {"id": "fuzz-source", "author": draw(text), "title": draw(text), "kind": "article"}
            item |= {"used_for": draw(text), "year": draw(st.integers(min_value=1890, max_value=2030))}
            if draw(st.booleans()):
                item["url"] = draw(urls(text))
            section = "sources"
        elif part == "statement":
            item = statement.model_dump(mode="json") | {
                "title": draw(text),
                "text": draw(text),
                "gap": draw(text),
                "why": draw(text),
            }
            if draw(st.booleans()):
                item["closes"] = [*statement.closes, "fuzz-block"]
            section = "statements"
        elif part == "rule":
            placeholder = draw(st.sampled_from(["", " {company}", " {reports_to}", " {archetype}", " {bogus}"]))
            item = {
                "id": "fuzz-rule",
                "severity": draw(st.sampled_from(["info", "warning", "critical"])),
                "when": {"archetypes": [archetype.id]},
                "title": draw(text) + placeholder,
                "why": draw(text),
                "action": draw(text),
                "sources": ["seed-11-statements"],
            }
            section = "rules"
        elif part == "competency":
            competency = CATALOG.competencies[block.competencies[0]]
            item = {"id": competency.id, "title": draw(text), "description": draw(text)}
            section = "competencies"
        elif part == "domain":
            item = {"id": block.domain, "title": draw(text), "summary": draw(text)}
            section = "domains"
        elif part == "phase":
            item = {"id": "fuzz-phase", "title": draw(text), "steps": [{"text": draw(text)}]}
            section = "first_90_days"
        else:
            name = f"{n:02d}-broken.yaml"
            files[name] = draw(st.one_of(st.sampled_from(BROKEN_FILES), text))
            continue
        name = draw(st.sampled_from([f"{n:02d}-{part}.yaml", f"{n:02d}-{part}.yml", f"sub/{n:02d}-{part}.yaml"]))
        files[name] = yaml.safe_dump({section: [item]}, allow_unicode=True, sort_keys=False)
        # The item as YAML reads it back: PyYAML writes a NEL raw, and YAML reads that as a line break.
        items.append((part, yaml.safe_load(files[name])[section][0]))
    # A lone surrogate in a broken file's text gives bytes that are not UTF-8, as it would on disk.
    encoded = {n: b if isinstance(b, bytes) else b.encode("utf-8", "surrogatepass") for n, b in files.items()}
    return archetype.id, encoded, items


HOSTILE_BLOCK = {
    **CATALOG.blocks["customer-asset-scoreboard"].model_dump(mode="json"),
    "title": "**Bold** <script>x</script> \x07",
    "purpose": "- 1. > # ``` שלום 🚀 &lt;",
    "duties": ["a & b", "<!--", "\u2028line"],
}


@FUZZ
@example(
    ("enterprise-cx", {"b.yaml": yaml.safe_dump({"blocks": [HOSTILE_BLOCK]}).encode()}, [("block", HOSTILE_BLOCK)]),
    {"resources": "no"},
    "{company} & Co",
    True,
)
@example(("enterprise-cx", {"empty.yaml": b"  \n"}, []), None, None, False)
@given(
    overlay=overlays(),
    answers=st.one_of(st.none(), answer_maps(user_texts())),
    company=st.one_of(st.none(), user_texts()),
    board=st.sampled_from([False] * 5 + [True]),
)
def test_any_catalog_overlay_gives_documents_or_one_error(
    overlay: tuple[str, dict[str, bytes], list[tuple[str, dict[str, Any]]]],
    answers: Any,
    company: str | None,
    board: bool,
) -> None:
    archetype, files, items = overlay
    with tempfile.TemporaryDirectory() as folder:
        for name, body in files.items():
            path = Path(folder) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        catalog = attempt("overlays", lambda: jdgen.load_catalog(folder))
    if any(blank(body) for body in files.values()):
        assert catalog is None and ": the file is empty; give at least one entry\n" in f"{LAST_ERROR[0]}\n"
    if catalog is None:
        return
    # What the overlay set is what the catalog holds.
    for part, item in items:
        if part == "block":
            assert catalog.blocks[item["id"]].title == cleaned(item["title"])
        elif part == "archetype":
            assert catalog.archetypes[item["id"]].mandate == cleaned(item["mandate"])
        elif part == "statement":
            assert catalog.statements[item["id"]].gap == cleaned(item["gap"])
    profile = {"company": company} if company is not None else None
    jd = attempt("overlays", lambda: jdgen.compose(catalog, archetype, answers, profile))
    if jd is None:
        return
    for part, item in items:
        if part == "block":
            assert cleaned(item["purpose"]) in [b.purpose for b in jd.blocks]
    check_jd(jd)
    if answers is not None:
        check_report(jdgen.readiness_report(catalog, answers, profile))
    if board:
        check_comparison(jdgen.compare(catalog, answers, profile))
    valid("overlays")


# --- a user's template formatting with widths of any size --------------------------------------

WIDTHS = st.one_of(
    st.integers(min_value=0, max_value=40),
    st.sampled_from([9_999, 10_000, 10_001, 99_999, 50_000_000]),
    st.integers(min_value=0, max_value=10**12),
)
TEMPLATE_JD = jdgen.compose(CATALOG, "digital")
FORMAT_VALUES = st.sampled_from(["'x'", "1.5", "42", "-7", "none", "jd.title", "[1, 2]"])


@st.composite
def format_templates(draw: st.DrawFn) -> str:
    """A template formatting a value with ``str.format``, ``format_map``, ``%`` or the ``format`` filter.

    Widths and precisions are written, given by ``*`` or by a nested ``{}`` field, small or huge.
    """
    value = draw(FORMAT_VALUES)
    width, precision = draw(WIDTHS), draw(st.one_of(st.none(), WIDTHS))
    align = draw(st.sampled_from(["", "<", ">", "^", "=", "x>", "0>", "*^"]))
    kind = draw(st.sampled_from(["", "s", "d", "f", "e", "x", "%", ","]))
    how = draw(st.sampled_from(["format", "nested", "format_map", "percent", "star", "mapping", "filter"]))
    dot = "" if precision is None else f".{precision}"
    if how == "format":
        call = f"'{{0:{align}{width}{dot}{kind}}}'.format({value})"
    elif how == "nested":
        nested_dot = "" if precision is None else ".{2}"
        call = f"'{{0:{align}{{1}}{nested_dot}{kind}}}'.format({value}, {width}, {precision or 0})"
    elif how == "format_map":
        call = f"'{{a:{align}{width}{dot}{kind}}}'.format_map({{'a': {value}}})"
    elif how == "percent":
        call = f"'%-{width}{dot}{kind or 's'}' % ({value},)"
    elif how == "star":
        star_dot = "" if precision is None else ".*"
        extra = "" if precision is None else f"{precision}, "
        call = f"'%*{star_dot}{kind or 's'}' % ({width}, {extra}{value})"
    elif how == "mapping":
        call = f"'%(a){width}{dot}{kind or 's'}' % {{'a': {value}}}"
    else:
        call = f"'%{width}{dot}{kind or 's'}' | format({value})"
    return f"{{{{ ({call}) | length }}}}\n"


@FUZZ
@example("{{ ('{:>50000000}'.format('x')) | length }}\n")
@example("{{ ('%*s' % (50000000, 'x')) | length }}\n")
@given(template=format_templates())
def test_any_format_width_in_a_template_renders_or_gives_one_error(template: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "jd.md.j2").write_text(template)
        text = attempt("templates", lambda: jdgen.render(TEMPLATE_JD, "md", template_dirs=[folder]))
    if text is None:
        assert str(LAST_ERROR[0]).startswith(f"{Path(folder) / 'jd.md.j2'}: ")
        return
    assert int(str(text)) <= 10_000 + 400  # a width or precision of at most 10,000, and the value itself
    valid("templates")
