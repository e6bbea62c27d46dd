"""HTML cut down to the tags an applicant-tracking system accepts.

Vendors take a small subset of HTML and reject or strip the rest: Lever's descriptions take
``div p span br b i s u a`` and its lists only ``li`` items; SEEK's advertisement takes ``a b br
div em h2 li ol p strong ul``. `restrict` rewrites jdgen's HTML into such a subset: a tag the
subset lacks becomes its nearest allowed form (``strong`` → ``b``, a heading → a bold paragraph)
or is dropped with its text kept; attributes other than a link's ``href`` go.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = frozenset({"br", "hr", "img"})
_CELLS = frozenset({"td", "th"})
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "br",
    }
)


@dataclass(frozen=True)
class Subset:
    """The tags a field accepts, and how a missing tag is written instead.

    `rename` maps a tag to an allowed one (``strong`` → ``b``); `wrap` maps a tag to an allowed
    outer and inner pair (``h2`` → ``p`` holding ``b``); `bullet` starts each list item that is
    not allowed as such with "• " inside a ``div``. A tag in none of them is dropped, its text kept.
    """

    allowed: frozenset[str]
    rename: Mapping[str, str] = field(default_factory=dict)
    wrap: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    bullet: bool = False


def restrict(fragment: str, subset: Subset) -> str:
    """`fragment` with only the subset's tags, on one line (some vendors refuse line breaks)."""
    writer = _Writer(subset)
    writer.feed(fragment)
    writer.close()
    return "".join(writer.out).strip()


class _Writer(HTMLParser):
    def __init__(self, subset: Subset) -> None:
        super().__init__(convert_charrefs=True)
        self.subset = subset
        self.out: list[str] = []
        self.closing: list[list[str]] = []
        self.cells = 0
        self.last_tag = "p"  # the source's last tag, opening or closing

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.last_tag = tag
        if tag == "tr":
            self.cells = 0
        elif tag in _CELLS and tag not in self.subset.allowed:
            if self.cells:
                self.out.append(" · ")  # cells of a table row the subset cannot show as a table
            self.cells += 1
        opened = self._opening(tag)
        href = dict(attrs).get("href") if tag == "a" else None
        for name in opened:
            link = f' href="{html.escape(href, quote=True)}"' if name == "a" and href else ""
            self.out.append(f"<{name}{link}>")
        if tag == "li" and tag not in self.subset.allowed and self.subset.bullet:
            self.out.append("• ")
        if tag not in _VOID:
            self.closing.append([f"</{name}>" for name in reversed(opened)])

    def handle_endtag(self, tag: str) -> None:
        self.last_tag = tag
        if tag in _VOID or not self.closing:
            return
        self.out.extend(self.closing.pop())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name in self._opening(tag):
            self.out.append(f"<{name}>")

    def handle_data(self, data: str) -> None:
        if "\n" in data and not data.strip():
            # a line break between two tags: nothing between blocks, a space between inline tags
            if self.last_tag not in _BLOCKS:
                self.out.append(" ")
            return
        self.out.append(html.escape(" ".join(data.split("\n")), quote=False))

    def _opening(self, tag: str) -> list[str]:
        subset = self.subset
        if tag in subset.allowed:
            return [tag]
        if tag in subset.wrap:
            return [name for name in subset.wrap[tag] if name in subset.allowed]
        if tag in subset.rename and subset.rename[tag] in subset.allowed:
            return [subset.rename[tag]]
        if tag == "li" and subset.bullet and "div" in subset.allowed:
            return ["div"]
        if tag == "tr":  # a table the subset cannot show: each row a paragraph
            return [name for name in ("p",) if name in subset.allowed] or [n for n in ("div",) if n in subset.allowed]
        return []
