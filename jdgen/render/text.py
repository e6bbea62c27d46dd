"""Make user text safe to place in Markdown, and format values for people.

Every ``{{ value }}`` a Markdown template prints passes through `md_escape` (the Jinja
environment's ``finalize``), so a company called ``*Acme* <b>`` prints as those characters
rather than as emphasis or markup. XML-illegal control characters are removed here too, so
no text can make the .docx or the HTML invalid.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from jdgen.data.fields import XML_ILLEGAL

# Characters with a Markdown meaning anywhere in a line: emphasis, code, links, autolinks,
# table cells, fences (~~~), ATX heading marks (a trailing "#" closes a heading).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
# What a value could start a block with if it begins a line: a list, quote or setext mark, or
# an ordered-list number ("1." → "1\.").
_LINE_START = re.compile(r"^([>+=-]|\d+(?=[.)]))")


def clean(text: str) -> str:
    """Remove characters that XML 1.0 cannot hold; keep everything else (RTL scripts, emoji)."""
    return XML_ILLEGAL.sub("", text)


def md_escape(value: Any) -> str:
    """Render a value as literal Markdown text: one line, specials backslash-escaped."""
    if value is None:
        return ""
    text = str(value)
    # A catalog's sentences come back in every document jdgen writes: those are remembered. A long
    # value (a user's passage) is not, so that what the cache holds stays small (under 10 MB).
    return _remembered(text) if len(text) <= _REMEMBERED_CHARS else _escaped(text)


_REMEMBERED_CHARS = 600


def _escaped(value: str) -> str:
    text = " ".join(clean(value).split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)


_remembered = lru_cache(maxsize=8192)(_escaped)


def money(amount: float) -> str:
    """``250000`` → ``250,000``; ``45.5`` → ``45.50``."""
    if float(amount).is_integer():
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


_PERIODS = {"hour": "per hour", "day": "per day", "week": "per week", "month": "per month", "year": "per year"}


def pay_range(pay: Any) -> str:
    """A pay model as one phrase: ``USD 250,000–300,000 per year``."""
    if pay is None:
        return ""
    low, high = pay.min, pay.max
    if low is not None and high is not None:
        amount = money(low) if low == high else f"{money(low)}–{money(high)}"
    elif low is not None:
        amount = f"from {money(low)}"
    elif high is not None:
        amount = f"up to {money(high)}"
    else:
        return ""
    parts = [pay.currency, amount, _PERIODS.get(pay.period or "", "")]
    return " ".join(p for p in parts if p)


def long_date(value: datetime.date | None) -> str:
    """``2026-03-01`` → ``1 March 2026`` (no locale lookup, so output never varies by machine)."""
    if value is None:
        return ""
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    return f"{value.day} {months[value.month - 1]} {value.year}"


def link_target(url: str) -> str:
    """A URL made safe as a Markdown link destination (spaces and brackets percent-encoded)."""
    return (
        clean(url).replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    )


def link_host(url: str) -> str:
    """The site a URL points at (``cxpa.org``), as the text of a link; the URL itself if it names none."""
    host = urlsplit(clean(url)).hostname or ""
    return host.removeprefix("www.") or clean(url)


def signed(number: int) -> str:
    """An integer with a true minus sign (U+2212) when negative: reads well and is not Markdown."""
    return f"\u2212{-number}" if number < 0 else str(number)
