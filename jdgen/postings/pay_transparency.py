"""The pay-transparency check: the findings for a posting that lacks what a law needs (`pay_findings`).

The rules are data (`jdgen.postings.pay_rules`); `jdgen.postings.pay_places` works out which apply
to a profile on a given day; `jdgen.postings.pay_text` reads what a posting shows about pay. This
module turns the gaps into findings. Everything is pure and deterministic.

The checker is an aid, not legal advice: each rule carries its sources and, where they disagree
or the law is unsettled, a caveat saying what jdgen does.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from jdgen.data.input_models import Profile
from jdgen.postings.findings import Finding, Match
from jdgen.postings.pay_places import Applicable, applicable_rules, names_no_us_state_or_city
from jdgen.postings.pay_rules import CHECK, MISSING_LABELS, PROFILE_FIELDS, PayRule, Requirement, load_pay_rules
from jdgen.postings.pay_text import PayFacts


def _and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _size_note(app: Applicable) -> str:
    if not app.size_unknown:
        return ""
    return (
        f" It applies only to employers with {app.rule.employees_min} or more employees: "
        "set `employees` in the profile to know."
    )


def _missing_finding(app: Applicable, missing: Sequence[Requirement], in_text: bool = False) -> Finding:
    rule = app.rule
    fields = _and_list([f"`{PROFILE_FIELDS[item]}`" for item in missing])
    message = f"{rule.label()}: the posting lacks {_and_list([MISSING_LABELS[item] for item in missing])}"
    if app.size_unknown:
        message += f" (applies only to employers with {rule.employees_min}+ employees)"
    if rule.kind == "eu":
        advice = (
            f"Post the pay in the notice (set {fields} in the profile), or make sure every applicant gets the "
            "starting pay or its range before the first interview: the directive accepts either."
        )
    else:
        advice = f"Set {fields} in the profile (for a fixed rate, give the same amount as pay.min and pay.max)."
    if in_text:
        advice = (
            f"State {_and_list([MISSING_LABELS[item] for item in missing])} in the posting, for example "
            '"Pay: USD 180,000–220,000 per year" and a line on benefits.'
        )
    advice += f" What the law asks: {rule.summary} Why it applies: {app.reason}.{_size_note(app)}"
    return Finding(check=CHECK, level="warning", message=message, advice=advice, source=rule.source_text())


_GENDERED_WORD = re.compile(r"\b[^\W\d_]*(?:man|men)\b(?!['’]s)", re.IGNORECASE)
_NOT_GENDERED = frozenset(
    {
        "human", "superhuman", "inhuman", "nonhuman", "german", "roman", "shaman", "talisman", "caiman", "cayman",
        "ottoman", "amen", "omen", "semen", "specimen", "abdomen", "regimen", "acumen", "stamen", "ramen", "hymen",
        "yemen", "bitumen", "albumen", "foramen", "lumen", "dolmen", "hetman",
    }
)  # fmt: skip
_FEMININE_FORMS = re.compile(
    r"\b(?:waitress|hostess|stewardess|actress|headmistress|manageress|seamstress|salesgirl|usherette)\b",
    re.IGNORECASE,
)
# One gender only ("(m)", "(w)", "(f)") or two ("(m/w)", "(m/f)", "(h/f)") but not the diverse "(m/w/d)".
_GENDER_MARKER = re.compile(r"\(\s*(?:[mwfh]|[mwfh]\s*/\s*[mwfh])\s*\)", re.IGNORECASE)


def _match(text: str, term: str, start: int, end: int) -> Match:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Match(text=text[start:end], term=term, line=line, column=column, offset=start)


def gendered_title_matches(title: str) -> tuple[Match, ...]:
    """Where a job title is not gender-neutral: "-man"/"-woman" words, feminine forms, "(m/w)" markers.

    A "(m/w/d)"-style marker naming every gender is neutral; "(m/w)" or "(m)" is not.
    """
    found: list[Match] = []
    for m in _GENDERED_WORD.finditer(title):
        if m.group(0).casefold() not in _NOT_GENDERED:
            found.append(_match(title, "-man / -woman title", m.start(), m.end()))
    for m in _FEMININE_FORMS.finditer(title):
        found.append(_match(title, "gendered form", m.start(), m.end()))
    for m in _GENDER_MARKER.finditer(title):
        found.append(_match(title, "marker naming only some genders", m.start(), m.end()))
    return tuple(sorted(found, key=lambda item: item.offset))


_PAY_HISTORY = re.compile(
    r"\b(?:(?:salary|pay|wage|compensation|earnings|remuneration)\s+history"
    r"|(?:current|previous|prior|past|last|present)\s+(?:base\s+)?"
    r"(?:salary|salaries|pay|wages?|compensation|earnings|remuneration|package)"
    r"|how much (?:do )?you (?:currently )?(?:earn|make))\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"(?:not|never|n't|no)\s+(?:\w+\s+){0,3}(?:ask|request|require|seek|questions?)\b[^.\n]*$", re.IGNORECASE
)


def pay_history_matches(text: str) -> tuple[Match, ...]:
    """Where a text asks about pay history ("salary history", "current salary"…).

    Asking for salary expectations is not pay history; a sentence that promises not to ask
    ("we will not ask about your current salary") is skipped.
    """
    found = []
    for m in _PAY_HISTORY.finditer(text):
        sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        if _NEGATED.search(text[sentence_start : m.start()]):
            continue
        found.append(_match(text, "pay history", m.start(), m.end()))
    return tuple(found)


def _quoted(matches: Sequence[Match]) -> str:
    return ", ".join(f'"{m.text}"' for m in matches)


def _extra_findings(app: Applicable, title: str | None, text: str | None) -> list[Finding]:
    rule = app.rule
    out = []
    if "gender-neutral-title" in rule.checks and title:
        matches = gendered_title_matches(title)
        if matches:
            out.append(
                Finding(
                    check=CHECK,
                    level="warning",
                    message=f'{rule.label()}: the job title "{title}" is not gender-neutral ({_quoted(matches)})',
                    advice=(
                        "Use a title that names the role, not a gender (Chair, Salesperson), and drop markers "
                        f"such as (m/w) or add every gender (m/w/d). Why it applies: {app.reason}."
                    ),
                    source=rule.source_text(),
                    matches=matches,
                )
            )
    if "no-pay-history" in rule.checks and text:
        matches = pay_history_matches(text)
        if matches:
            out.append(
                Finding(
                    check=CHECK,
                    level="warning",
                    message=f"{rule.label()}: the posting asks about pay history ({_quoted(matches)})",
                    advice=(
                        "Remove questions about current or past pay; asking for salary expectations is allowed. "
                        f"Why it applies: {app.reason}."
                    ),
                    source=rule.source_text(),
                    matches=matches,
                )
            )
    return out


def _unknown_location(profile: Profile, rules: Sequence[PayRule]) -> Finding | None:
    """The info finding when no rule could be determined because the location is missing or too vague."""
    loc = profile.location
    if loc is None or not loc.label():
        return Finding(
            check=CHECK,
            level="info",
            message="Pay-transparency laws were not checked: the profile gives no location",
            advice=(
                "Set `location` (city, region, country), and `remote_scope` for a fully remote role, so jdgen can "
                "tell which pay-transparency laws apply."
            ),
        )
    if names_no_us_state_or_city(loc, rules):
        return Finding(
            check=CHECK,
            level="info",
            message=(
                f"State and city pay-transparency laws were not checked: the location ({loc.label()}) "
                "names no state or city"
            ),
            advice="Set `location.region` (and `location.city`) so jdgen can tell which US laws apply.",
        )
    return None


def posting_day(profile: Profile, on: datetime.date | None = None) -> datetime.date:
    """The day the pay rules are checked for: `on`, else the profile's `date_posted`, else today."""
    return on or profile.date_posted or datetime.date.today()


def pay_findings(
    profile: Profile,
    facts: PayFacts | None = None,
    *,
    on: datetime.date | None = None,
    title: str | None = None,
    text: str | None = None,
    rules: Sequence[PayRule] | None = None,
    facts_from_text: bool = False,
) -> tuple[Finding, ...]:
    """Warn where a posting lacks what a pay-transparency law needs.

    One warning per applicable rule whose requirements are not all met, naming the jurisdiction,
    the law and exactly what is missing, with advice on which profile fields to set. Rules with
    further checks (the EU directive) also warn about a gendered `title` and about pay-history
    questions in `text`. When no rule applies because the location is unknown, one info finding
    asks for it; when every applicable rule is met, there is no finding (use `applicable_rules`
    to say what was checked).

    Args:
        profile: the posting's facts (location, remote, remote_scope, employees, pay, benefits).
        facts: what the posting shows; `PayFacts.from_profile(profile)` by default.
        on: the day the posting goes out; the profile's `date_posted`, else today.
        title: the job title, for the gender-neutral title check.
        text: the posting's text, for the pay-history check.
        rules: the rules to use; the built-in file by default.
        facts_from_text: the facts were read from a posting's text (`pay_facts_from_text`), so the
            advice says what to write in the posting rather than which profile fields to set.

    Returns:
        The findings, in rules-file order.
    """
    facts = facts if facts is not None else PayFacts.from_profile(profile)
    day = posting_day(profile, on)
    rule_set = load_pay_rules() if rules is None else rules
    applicable = applicable_rules(profile, day, rule_set)
    if not applicable:
        info = _unknown_location(profile, rule_set)
        return (info,) if info is not None else ()
    findings: list[Finding] = []
    for app in applicable:
        missing = facts.missing(app.rule.requires)
        if missing:
            findings.append(_missing_finding(app, missing, facts_from_text))
        findings.extend(_extra_findings(app, title, text))
    return tuple(findings)
