"""What a posting shows about pay: `PayFacts.from_profile` for jdgen's own profile, `pay_facts_from_text` for a pasted posting."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from jdgen.data.fields import Frozen
from jdgen.data.input_models import Profile
from jdgen.postings.pay_rules import Requirement


class PayFacts(Frozen):
    """What a posting shows about pay: which of the required items are present."""

    min: bool = False
    max: bool = False
    currency: bool = False
    period: bool = False
    benefits: bool = False

    @classmethod
    def from_profile(cls, profile: Profile) -> PayFacts:
        """What a posting composed from `profile` shows (its ``pay`` and ``benefits``)."""
        pay = profile.pay
        return cls(
            min=pay is not None and pay.min is not None,
            max=pay is not None and pay.max is not None,
            currency=pay is not None and pay.currency is not None,
            period=pay is not None and pay.period is not None,
            benefits=bool(profile.benefits),
        )

    def missing(self, requires: Iterable[Requirement]) -> tuple[Requirement, ...]:
        """The required items this posting does not show, in the order given."""
        return tuple(item for item in requires if not getattr(self, item))


_CODES = "USD|EUR|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|JPY|CNY|INR|SGD|HKD|MXN|BRL|ZAR|ILS|AED"
_CUR = rf"(?:(?:US|CA|AU|NZ|[CA])\$|[$€£¥₹]|\b(?:{_CODES})\b)"
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
_K = r"(?:\s?[kK](?![A-Za-z]))"
_BIG = re.compile(r"\s?(?:mm|mn|m|bn|b|million|billion)\b", re.IGNORECASE)
_RANGE = re.compile(
    rf"(?P<c1>{_CUR})?\s?(?P<a>{_NUM})(?P<k1>{_K})?\s*(?:-|–|—|\bto\b|\band\b|\bbis\b)\s*"
    rf"(?P<c2>{_CUR})?\s?(?P<b>{_NUM})(?P<k2>{_K})?(?P<c3>\s?{_CUR})?",
    re.IGNORECASE,
)
_SINGLE = re.compile(
    rf"(?:(?P<c1>{_CUR})\s?)?"
    r"(?:(?P<q>from|starting (?:at|from)|at least|minimum(?: of)?|min\.?|up to|maximum(?: of)?|max\.?|as much as)\s+)?"
    rf"(?:(?P<c2>{_CUR})\s?)?(?P<a>{_NUM})(?P<k>{_K})?(?P<c3>\s?{_CUR})?",
    re.IGNORECASE,
)
_LOW_WORDS = frozenset({"from", "starting at", "starting from", "at least", "minimum", "minimum of", "min", "min."})
_PERIODS: tuple[tuple[str, str], ...] = (
    ("hour", r"per hour|an hour|a hour|hourly|/\s?h(?:ou)?r\b|/\s?h\b|p/h|per hr\b|pro stunde"),
    ("day", r"per day|a day|daily|/\s?day\b|day rate"),
    ("week", r"per week|a week|weekly|/\s?wk\b|/\s?week\b"),
    ("month", r"per month|a month|monthly|/\s?mo(?:nth)?\b|pro monat|par mois"),
    (
        "year",
        (
            r"per year|a year|per annum|p\.\s?a\.|\bpa\b|annually|annual|yearly|/\s?yr\b|/\s?year\b|per yr\b"
            r"|pro jahr|jährlich|jahresgehalt|par an\b|al año|per anno"
        ),
    ),
)
_PERIOD = re.compile("|".join(f"(?:{pattern})" for _, pattern in _PERIODS), re.IGNORECASE)
_PAY_WORDS = re.compile(r"\b(?:salary|pay|compensation|wage|wages|rate|base|earn|remuneration|gehalt)\b", re.IGNORECASE)
_SALARY = re.compile(r"\bsalary\b(?!\s+(?:history|expectations?))", re.IGNORECASE)
_BENEFIT_WORDS = re.compile(
    r"\b(?:medical|dental|vision (?:coverage|insurance|care|plan)|health(?:care)? (?:insurance|coverage|plan|benefits)"
    r"|401\s?\(?k\)?|403\s?\(?b\)?|pension|retirement (?:plan|savings|contribution|match|benefits?)"
    r"|paid time off|\bpto\b|paid (?:leave|holidays|vacation)|parental leave|maternity|paternity|family leave"
    r"|sick leave|annual leave|vacation (?:days|time|weeks)|weeks of vacation|days of holiday|life insurance"
    r"|disability insurance|stock options|employee stock|equity grant|tuition reimbursement|wellness (?:stipend|budget))",
    re.IGNORECASE,
)
_BENEFIT_HEADING = re.compile(r"\bbenefits?\b|\bperks\b|what we offer", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s+\S")


def _is_heading(line: str) -> bool:
    text = line.strip().strip("#*_ ").rstrip(":").strip()
    if not text or text.endswith(("!", ".", "?")) or len(text.split()) > 5:
        return False
    return bool(_BENEFIT_HEADING.search(text))


def _has_benefits(text: str) -> bool:
    if _BENEFIT_WORDS.search(text):
        return True
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not _is_heading(line):
            continue
        following = [item for item in lines[i + 1 : i + 12] if item.strip()][:4]
        for item in following:
            if item.lstrip().startswith("#"):
                break
            if _BULLET.match(item):
                return True
    return False


def _amount(number: str, k: str | None) -> float:
    digits = re.sub(r"[\s\u00a0\u202f]", "", number)
    # "120,000" / "120.000" / "45.50" / "45,50": a 3-digit last group is a thousands separator.
    parts = re.split(r"[.,]", digits)
    if len(parts) > 1 and len(parts[-1]) != 3:
        value = float("".join(parts[:-1]) + "." + parts[-1])
    else:
        value = float("".join(parts))
    return value * 1000 if k else value


def _period_near(text: str, start: int, end: int) -> bool:
    after = text[end : end + 30]
    before = text[max(0, start - 60) : start]
    return bool(_PERIOD.match(after.lstrip(" ,;()")) or _PERIOD.search(after[:20]) or _PERIOD.search(before))


def _big_after(text: str, end: int) -> bool:
    return bool(_BIG.match(text, end))


@dataclass(frozen=True)
class _Found:
    low: bool
    high: bool
    currency: bool
    period: bool


def _find_range(text: str) -> _Found | None:
    for m in _RANGE.finditer(text):
        if _big_after(text, m.end("k2") if m.group("k2") else m.end("b")):
            continue
        currency = bool(m.group("c1") or m.group("c2") or m.group("c3"))
        k = bool(m.group("k1") or m.group("k2"))
        period = _period_near(text, m.start(), m.end())
        low, high = _amount(m.group("a"), m.group("k1") or m.group("k2")), _amount(m.group("b"), m.group("k2"))
        grouped = bool(re.search(r"\d[,.\u00a0\u202f ]\d{3}", m.group("a")))
        before = text[max(0, m.start() - 60) : m.start()]
        if low > high:
            continue
        if currency or k or period or (grouped and _PAY_WORDS.search(before)):
            return _Found(True, True, currency, period or (bool(_SALARY.search(before)) and high >= 10_000))
    return None


def _find_single(text: str) -> _Found | None:
    for m in _SINGLE.finditer(text):
        if not (m.group("c1") or m.group("c2") or m.group("c3")):
            continue
        end = m.end()
        if _big_after(text, m.end("k") if m.group("k") else m.end("a")):
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        period = _period_near(text, m.start(), end)
        if not (period or _PAY_WORDS.search(before) or m.group("q")):
            continue
        qualifier = " ".join((m.group("q") or "").lower().split())
        value = _amount(m.group("a"), m.group("k"))
        salary_period = bool(_SALARY.search(before)) and value >= 10_000
        if not qualifier:
            return _Found(True, True, True, period or salary_period)
        low = qualifier in _LOW_WORDS
        return _Found(low, not low, True, period or salary_period)
    return None


def pay_facts_from_text(text: str) -> PayFacts:
    """Read what a pasted posting shows about pay (a heuristic).

    A pay range is two amounts joined by a dash, "to" or "and" ("$120,000 - $150,000",
    "USD 265,000–310,000 per year", "€80,000 to €95,000 a year", "120k–150k"). It counts when
    it carries a currency symbol or ISO code, a ``k``, a pay period, or thousands separators
    after a pay word ("pay range", "salary"). Otherwise a single amount with a currency counts
    when a pay period or pay word is near: "$55/hour" is a fixed rate (minimum and maximum),
    "from USD 250,000" a minimum only, "up to USD 300,000" a maximum only. Amounts in millions
    ("$5M") are not pay. The period is a phrase such as "per year", "a year", "annually",
    "/yr", "per hour" or "hourly" next to the amount (a "salary" label before a yearly-sized
    amount counts as per year). Benefits are described when the text names one (medical, dental,
    401(k), pension, paid time off, parental leave…) or has a benefits heading followed by a
    list. jdgen's own `pay_range` output is read exactly.

    Args:
        text: the posting as plain text or Markdown.

    Returns:
        Which pay items the text shows.
    """
    found = _find_range(text) or _find_single(text)
    benefits = _has_benefits(text)
    if found is None:
        return PayFacts(benefits=benefits)
    return PayFacts(min=found.low, max=found.high, currency=found.currency, period=found.period, benefits=benefits)
