"""The posting checks behind `jdgen lint`: what is wrong with a job posting, ours or pasted in.

``lint_text(text)`` checks Markdown or plain text; ``lint_posting(jd)`` checks the posting edition
of a composed job description (with its pay-transparency facts from the profile);
``read_posting(path)`` reads .md, .txt, .html and .docx files into the Markdown-like text the
checks read. Each check gives `Finding`s at level info or warning:

- gender-coded wording (Gaucher, Friesen & Kay 2011; gender-decoder's verdict scale), with the
  position of every word; a strongly masculine-coded verdict is a warning;
- gendered pronouns and nouns, unrealistic expectations (warnings) and clichés (info), from
  ``posting/language.yaml`` and any extra lists;
- length in words against a band, readability (Flesch reading ease, Flesch-Kincaid grade and
  words per sentence, by textstat) and the number of must-have requirements;
- pay transparency, when a profile says where the job is (see `jdgen.postings.pay_transparency`).

Thresholds live in `LintConfig` (`jdgen.postings.lint_measures`, with the measures and how they are
written); every one can be changed from the command line or a YAML file.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field

from jdgen.common import budget
from jdgen.common.errors import InputError
from jdgen.data.fields import Frozen
from jdgen.data.input_models import Profile
from jdgen.postings.findings import Finding
from jdgen.postings.lint_measures import LintConfig, Metrics, load_lint_config, measure_findings, measured
from jdgen.postings.suppressions import Suppressed, Suppressions
from jdgen.postings.word_findings import gender_finding, list_findings, title_in_text
from jdgen.postings.wordlists import WordList, coded_words, gender_verdict, gender_words, language_lists

if TYPE_CHECKING:
    from jdgen.decide.results import JobDescription
    from jdgen.postings.pay_rules import PayRule
    from jdgen.postings.pay_text import PayFacts

#: The thresholds and the measures live in `jdgen.postings.lint_measures`; they are this module's too.
__all__ = [
    "MAX_TEXT_CHARS",
    "LintConfig",
    "LintReport",
    "Metrics",
    "Unit",
    "count_requirements",
    "lint_posting",
    "lint_text",
    "load_lint_config",
    "outline",
]

MAX_TEXT_CHARS = 200_000
"""The longest text `lint_text` accepts (some 30,000 words; a posting is rarely past 1,500); anything longer is refused."""


class LintReport(Frozen):
    """The result of linting one posting."""

    label: str = Field(description="What was checked: a file name, '-' or the JD's title.")
    metrics: Metrics
    findings: tuple[Finding, ...]
    pay_rules: tuple[str, ...] = Field(
        default=(), description="The pay-transparency rules that apply to the posting (checked)."
    )
    suppressed: tuple[Suppressed, ...] = Field(
        default=(), description="What suppressions silenced, each with its reason (never dropped silently)."
    )
    config: LintConfig

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings at warning level."""
        return tuple(f for f in self.findings if f.level == "warning")

    @property
    def clean(self) -> bool:
        """No finding reaches warning level."""
        return not self.warnings


# --- reading the text ------------------------------------------------------------------------

_REQUIRED = re.compile(
    r"\b(requirements?|qualifications?|what you(?:'ll| will)? (?:bring|need)|you bring|who you are|about you|"
    r"must[- ]haves?|skills and experience|experience and skills|what we(?:'re| are) looking for|"
    r"(?:essential|required) (?:skills|experience|qualifications|criteria))\b|^(?:essential|required)$",
    re.IGNORECASE,
)
_OPTIONAL = re.compile(
    r"\b(nice[- ]to[- ]haves?|preferred|desirable|bonus|plus|ideally|optional|good to have)\b", re.IGNORECASE
)
_BULLET = re.compile(r"^(\s*)(?:[•·▪◦●○■□➢►–—*+-]|\d+[.)])\s+")
_TERMINAL = re.compile(r"[.!?:;…]['\"”’)\]]*$")
_SHORT_HEADING_WORDS = 8
_COLON = re.compile(r"\s*:?\s*")
_PLAIN = frozenset({"text", "code_inline", "softbreak", "hardbreak"})
_APOSTROPHES = str.maketrans("’‘`´", "'" * 4)  # curly quotes from Word and Google Docs


class Unit(Frozen):
    """A heading, paragraph or list item of the text, as plain words."""

    kind: str  # "heading" | "paragraph" | "item"
    text: str
    level: int = 0  # heading level; list depth for items (1 = top level)


def _plain_inline(children: Sequence[Any]) -> str:
    kept = [" " if c.type in ("softbreak", "hardbreak") else c.content for c in children if c.type in _PLAIN]
    return "".join(kept).strip()


def _is_bold_line(children: Sequence[Any]) -> bool:
    """The line is one bold phrase, perhaps followed by a colon ("**Requirements**:")."""
    kinds = [child.type for child in children]
    tail = children[3].content if kinds[3:] == ["text"] else ""
    phrase = kinds[:3] == ["strong_open", "text", "strong_close"] and kinds[3:] in ([], ["text"])
    return phrase and bool(_COLON.fullmatch(tail)) and not set("*_") & set(children[1].content)


def outline(text: str) -> tuple[Unit, ...]:
    """The headings, paragraphs and list items of Markdown (or plain) text, markup removed.

    A bullet written with •, –, ▪ and the like counts as a list item; a short line of its own
    ending in a colon ("Requirements:") or all in bold ("**Requirements**") counts as a heading
    (level 7, below every Markdown heading).
    """
    from jdgen.render.markdown import parse

    prepared = "\n".join(_BULLET.sub(lambda m: f"{m.group(1)}- ", line) for line in text.splitlines())
    units: list[Unit] = []
    depth = 0
    heading_level = 0
    in_item = False
    for n, token in enumerate(parse(prepared)):
        if not n & 255:
            budget.check()
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "list_item_open":
            in_item = True
        elif token.type == "inline":
            plain = _plain_inline(token.children or [])
            if not plain:
                continue
            if heading_level:
                units.append(Unit(kind="heading", text=plain, level=heading_level))
                heading_level = 0
            elif in_item:
                units.append(Unit(kind="item", text=plain, level=depth))
                in_item = False
            elif (
                len(plain.split()) <= _SHORT_HEADING_WORDS
                and not any(child.type in ("softbreak", "hardbreak") for child in token.children)
                and (plain.endswith(":") or _is_bold_line(token.children))
            ):  # "Requirements:" or "**Requirements**": a label that works as a heading
                units.append(Unit(kind="heading", text=plain.rstrip(":").strip(), level=7))
            else:
                units.append(Unit(kind="paragraph", text=plain))
        elif token.type == "fence" or token.type == "code_block":
            units.append(Unit(kind="paragraph", text=token.content.strip()))
    return tuple(u for u in units if u.text)


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def _prose(units: Sequence[Unit]) -> str:
    """The paragraphs and items as sentences (each closed with a full stop if it lacks one)."""
    parts = []
    for unit in units:
        if unit.kind == "heading":
            continue
        parts.append(unit.text if _TERMINAL.search(unit.text) else unit.text + ".")
    return " ".join(parts)


def _requirement_heading(text: str) -> bool:
    text = text.translate(_APOSTROPHES).strip()
    return bool(_REQUIRED.search(text)) and not _OPTIONAL.search(text)


def count_requirements(units: Sequence[Unit]) -> int | None:
    """Top-level list items under requirement headings (nice-to-haves left out); None without one.

    A section ends at the next heading of the same or a higher level, at a nice-to-have
    heading, and at any label line ("What we offer:"), which may start a new section.
    """
    count: int | None = None
    under: int | None = None  # the level of the requirement heading we are under
    for unit in units:
        if unit.kind == "heading":
            if under is not None and (unit.level <= under or unit.level == 7):
                under = None
            if under is None and _requirement_heading(unit.text):
                under = unit.level
                count = count or 0
            elif under is not None and _OPTIONAL.search(unit.text):
                under = None
        elif under is not None and unit.kind == "item" and unit.level == 1:
            count = (count or 0) + 1
    return count


# --- the checks ------------------------------------------------------------------------------


def lint_text(
    text: str,
    *,
    config: LintConfig | None = None,
    lists: Sequence[WordList] | None = None,
    profile: Profile | Mapping[str, Any] | None = None,
    pay_facts: PayFacts | None = None,
    title: str | None = None,
    on: datetime.date | None = None,
    rules: Sequence[PayRule] | None = None,
    label: str = "-",
) -> LintReport:
    """Check a posting's text (Markdown or plain).

    Args:
        text: the posting. Positions in the findings are lines and columns of this text.
        config: the thresholds; `LintConfig()` by default.
        lists: the phrase lists; the built-in ``posting/language.yaml`` by default.
        profile: where the job is and who posts it (a `Profile` or a mapping); with one, the
            pay-transparency rules that apply to it are checked against what the text shows (or
            against `pay_facts`).
        pay_facts: what the posting shows of pay; read from `text` by default.
        title: the job title, for the gender-neutral title check; the first heading by default.
        on: the posting date for the pay rules; the profile's `date_posted`, else today.
        rules: pay-transparency rules; the built-in file by default.
        label: what was checked, for the report.

    Raises:
        InputError: the text is empty or longer than `MAX_TEXT_CHARS`.
    """
    if not text.strip():
        raise InputError(f"{label}: the text is empty; give the posting to check")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"{label}: {len(text):,} characters is more than a posting ({MAX_TEXT_CHARS:,} at most)")
    config = config or LintConfig()
    hush = Suppressions.of(text, config.suppress, label)
    text = hush.masked  # allow comments are not part of the posting's words
    units = outline(text)
    plain = "\n".join(u.text for u in units)
    prose = _prose(units)
    import textstat  # imported here: only linting needs it

    from jdgen.postings.readability import use_fast_dictionary

    use_fast_dictionary()

    lists_used = gender_words()
    coded = coded_words(text, lists_used)
    masc, fem = hush.keep("gender-coded", coded["masculine"]), hush.keep("gender-coded", coded["feminine"])
    metrics = Metrics(
        words=_words(plain),
        characters=len(plain),
        sentences=int(textstat.sentence_count(prose)) if prose else 0,
        words_per_sentence=measured(textstat.words_per_sentence(prose)) if prose else 0.0,
        reading_ease=measured(textstat.flesch_reading_ease(prose)) if prose else 0.0,
        grade=measured(textstat.flesch_kincaid_grade(prose)) if prose else 0.0,
        requirements=count_requirements(units),
        masculine=len(masc),
        feminine=len(fem),
        gender_verdict=gender_verdict(len(masc), len(fem)),
        masculine_words=masc,
        feminine_words=fem,
    )
    gender = gender_finding(masc, fem, lists_used)
    words_found = [
        *([gender] if gender else []),
        *list_findings(text, language_lists() if lists is None else lists, hush.keep),
    ]
    findings = measure_findings(metrics, config)
    checked: tuple[str, ...] = ()
    if profile is not None:
        from jdgen.decide.compose import as_profile
        from jdgen.postings.pay_places import applicable_rules
        from jdgen.postings.pay_rules import load_pay_rules
        from jdgen.postings.pay_text import pay_facts_from_text
        from jdgen.postings.pay_transparency import pay_findings, posting_day

        heading = next((u.text for u in units if u.kind == "heading"), None)
        rule_set = load_pay_rules() if rules is None else rules
        facts = pay_facts if pay_facts is not None else pay_facts_from_text(text)
        profile = as_profile(profile)
        shown_title = title or heading
        pay = pay_findings(
            profile, facts, on=on, title=shown_title, text=text, rules=rule_set, facts_from_text=pay_facts is None
        )
        findings += [title_in_text(f, text, shown_title) for f in pay]
        checked = tuple(app.rule.label() for app in applicable_rules(profile, posting_day(profile, on), rule_set))
    findings = [*words_found, *hush.findings(findings), *hush.problems()]
    return LintReport(
        label=label,
        metrics=metrics,
        findings=tuple(findings),
        suppressed=tuple(hush.suppressed),
        pay_rules=checked,
        config=config,
    )


def lint_posting(
    jd: JobDescription,
    profile: Profile | None = None,
    *,
    config: LintConfig | None = None,
    lists: Sequence[WordList] | None = None,
    on: datetime.date | None = None,
    template_dirs: Sequence[str | Path] = (),
    jsonld: bool = False,
) -> tuple[str, LintReport]:
    """Lint the posting edition of a job description: its Markdown, and that Markdown's report.

    The pay-transparency facts come from the JD itself (its pay range, currency, period and
    benefits), so the checks see what the posting shows. With `jsonld`, the report also says
    what the schema.org JobPosting lacks for Google's job search.
    """
    from jdgen.postings.pay_text import PayFacts
    from jdgen.render import render

    text = render(jd, "md", posting=True, template_dirs=template_dirs)
    assert isinstance(text, str)
    where = profile or Profile.model_validate(
        {"location": jd.location, "remote": jd.remote, "remote_scope": jd.remote_scope, "date_posted": jd.date_posted}
    )
    facts = PayFacts.from_profile(where.model_copy(update={"pay": jd.pay, "benefits": jd.benefits}))
    report = lint_text(
        text, config=config, lists=lists, profile=where, pay_facts=facts, title=jd.title, on=on, label=jd.title
    )
    if jsonld:
        from jdgen.postings.jsonld_checks import jsonld_findings

        report = report.model_copy(update={"findings": (*report.findings, *jsonld_findings(jd))})
    return text, report
