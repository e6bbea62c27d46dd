"""The posting checks' findings, marked where they are in the JD's preview.

`jdgen.postings.lint` reports each flagged word by its line and column in the posting's Markdown; the
preview is that Markdown rendered to HTML. To find the words again in the HTML whatever the
Markdown around them (a heading, a list item, bold text, a table cell), each span is bracketed
in the Markdown by characters from Unicode's private use area, which no posting contains and
Markdown passes through as text. After rendering, each bracket pair becomes a ``<mark>`` with
an id (for the findings' links) and a title naming the finding; a bracket that landed inside a
tag (a link's address) is dropped. The result is checked: without its marks, it must be exactly
the page the library renders, or the spans that break it are left unmarked.
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import quote

from jdgen.postings.findings import Finding, Match
from jdgen.render.html import markdown_body

#: The id of the n-th mark in the preview is ``ANCHOR + n``.
ANCHOR = "jdgen-mark-"
_BLOCK = 32  # private-use characters per set of brackets: open, close, and ten digits
_TAG = re.compile(r"(<[^>]*>)")
_MARK_TAG = re.compile(r"</?mark\b[^>]*>")
_POSITION = re.compile(r" \(\d+:\d+\)")  # "'lead' (12:5)": where the Markdown has it, nothing a reader sees


@dataclass(frozen=True)
class Place:
    """A flagged word as marked in the preview: the mark's id, the words, and their line and column."""

    anchor: str
    text: str
    line: int
    column: int


class Part(NamedTuple):
    """A piece of a finding's message: text, or a flagged word it lists (linked when marked)."""

    text: str
    word: bool = False
    anchor: str | None = None


# How a finding's message lists a word: its repr and where the Markdown has it, "'lead' (12:5)".
_LISTED = re.compile(r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*") \((\d+):(\d+)\)""")


def message_parts(message: str, places: Sequence[Place]) -> list[Part]:
    """A finding's message with each word it lists as ``'lead' (12:5)`` made a `Part` of its own.

    A line and column mean nothing to someone reading the preview, so they are left out; a word
    marked in the preview carries its mark's anchor instead.
    """
    anchors = {(p.line, p.column): p.anchor for p in places}
    parts, cursor = [], 0
    for found in _LISTED.finditer(message):
        parts.append(Part(message[cursor : found.start()]))
        parts.append(Part(ast.literal_eval(found[1]), True, anchors.get((int(found[2]), int(found[3])))))
        cursor = found.end()
    parts.append(Part(message[cursor:]))
    return [p for p in parts if p.text]


@dataclass
class _Span:
    start: int
    end: int
    findings: list[tuple[int, Match]] = field(default_factory=list)  # (finding index, match)


@dataclass(frozen=True)
class MarkedPage:
    """The preview with the findings marked, and where each finding's words are (by finding index)."""

    page: str
    places: dict[int, tuple[Place, ...]]


@dataclass(frozen=True)
class ShownFinding:
    """A finding as step 4 lists it: its message in parts, and the marked words the message leaves out."""

    finding: Finding
    parts: list[Part]
    more: tuple[Place, ...]  # past the message's list ("and 5 more")


def shown_findings(findings: Sequence[Finding], places: Mapping[int, Sequence[Place]]) -> list[ShownFinding]:
    """Each finding with its message's words linked to their marks (`places`, by finding index)."""
    shown = []
    for index, finding in enumerate(findings):
        marked = places.get(index, ())
        parts = message_parts(finding.message, marked)
        linked = {p.anchor for p in parts if p.anchor}
        shown.append(ShownFinding(finding, parts, tuple(p for p in marked if p.anchor not in linked)))
    return shown


def _offsets(markdown: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", markdown))]


def _spans(markdown: str, findings: Sequence[Finding]) -> list[_Span]:
    """Each finding's matches as spans of the Markdown, overlapping ones merged into one."""
    lines = _offsets(markdown)
    found: list[tuple[int, int, int, Match]] = []
    for index, finding in enumerate(findings):
        for match in finding.matches:
            if not 1 <= match.line <= len(lines):
                continue
            start = lines[match.line - 1] + match.column - 1
            if markdown[start : start + len(match.text)] == match.text and match.text:
                found.append((start, start + len(match.text), index, match))
    spans: list[_Span] = []
    for start, end, index, match in sorted(found, key=lambda f: (f[0], -f[1])):
        if spans and start < spans[-1].end:
            spans[-1].end = max(spans[-1].end, end)
        else:
            spans.append(_Span(start, end))
        spans[-1].findings.append((index, match))
    return spans


def _private_block(text: str) -> int | None:
    """The first of `_BLOCK` private-use characters none of which is in the text."""
    used = {ord(c) for c in text if 0xE000 <= ord(c) <= 0xF8FF}
    for base in range(0xE000, 0xF900 - _BLOCK, _BLOCK):
        if not used & set(range(base, base + _BLOCK)):
            return base
    return None


class _Brackets:
    """Markers for span n: ``open(n)`` before it, ``close`` after it, and how to find them again."""

    def __init__(self, base: int) -> None:
        self.base = base
        self.close = chr(base + 1)
        self.found = re.compile(f"{chr(base)}([{chr(base + 16)}-{chr(base + 25)}]+){chr(base)}|{self.close}")
        chars = [chr(c) for c in range(base, base + _BLOCK)]
        encoded = sorted({quote(c) for c in chars} | {quote(c).lower() for c in chars}, key=len, reverse=True)
        self.in_tag = re.compile("|".join([*map(re.escape, encoded), f"[{chr(base)}-{chr(base + _BLOCK - 1)}]"]))

    def open(self, n: int) -> str:
        return chr(self.base) + "".join(chr(self.base + 16 + int(d)) for d in str(n)) + chr(self.base)

    def number(self, found: re.Match[str]) -> int | None:
        return None if found[1] is None else int("".join(str(ord(c) - self.base - 16) for c in found[1]))


def _bracketed(markdown: str, spans: Sequence[_Span], numbers: Sequence[int], brackets: _Brackets) -> str:
    out, cursor = [], 0
    for n in numbers:
        span = spans[n]
        out += [markdown[cursor : span.start], brackets.open(n), markdown[span.start : span.end], brackets.close]
        cursor = span.end
    return "".join(out) + markdown[cursor:]


def _marked_html(body: str, titles: Mapping[int, tuple[str, str]], brackets: _Brackets) -> tuple[str, set[int]]:
    """The rendered body with its brackets made marks; and the spans that got one."""
    out: list[str] = []
    placed: set[int] = set()
    active: int | None = None  # the span whose brackets are open
    shown = False  # a <mark> of it is open in `out`
    for part in _TAG.split(body):
        if part.startswith("<"):
            if shown:
                out.append("</mark>")
                shown = False
            out.append(brackets.in_tag.sub("", part))
            continue
        cursor = 0
        for found in brackets.found.finditer(part):
            text, cursor = part[cursor : found.start()], found.end()
            shown = _text(out, text, active, shown, placed, titles)
            if shown:
                out.append("</mark>")
                shown = False
            active = brackets.number(found)
        shown = _text(out, part[cursor:], active, shown, placed, titles)
    if shown:
        out.append("</mark>")
    return "".join(out), placed


def _text(
    out: list[str], text: str, active: int | None, shown: bool, placed: set[int], titles: Mapping[int, tuple[str, str]]
) -> bool:
    if active is not None and not shown and text.strip() and active in titles:
        level, title = titles[active]
        anchor = f' id="{ANCHOR}{active}"' if active not in placed else ""
        out.append(f'<mark class="jdgen-finding {level}"{anchor} title="{html.escape(title)}">')
        placed.add(active)
        shown = True
    out.append(text)
    return shown


def mark_findings(
    page: str, markdown: str, findings: Sequence[Finding], shading: Mapping[str, str] | None = None
) -> MarkedPage:
    """`page` (the HTML of `markdown`) with the words the findings flag marked, and where they are.

    Args:
        page: the library's HTML page of the posting; its body is ``markdown_body(markdown, shading)``.
        markdown: the posting's Markdown, as `jdgen.lint_posting` checked it.
        findings: the checks' findings; their matches' lines and columns are of `markdown`.
        shading: the layout's shaded cells, as the page was rendered with.
    """
    body = markdown_body(markdown, shading)
    spans = _spans(markdown, findings)
    base = _private_block(markdown)
    head, found, tail = page.rpartition(body)
    if not spans or base is None or not found:
        return MarkedPage(page, {})
    brackets = _Brackets(base)
    titles: dict[int, tuple[str, str]] = {}
    for n, span in enumerate(spans):
        flagged = [findings[i] for i in dict.fromkeys(i for i, _ in span.findings)]
        level = "warning" if any(f.level == "warning" for f in flagged) else "info"
        titles[n] = (level, "\n".join(f"{f.level.capitalize()}: {_POSITION.sub('', f.message)}" for f in flagged))

    def attempt(numbers: Sequence[int]) -> tuple[str, set[int]] | None:
        marked, placed = _marked_html(
            markdown_body(_bracketed(markdown, spans, numbers, brackets), shading), titles, brackets
        )
        return (marked, placed) if _MARK_TAG.sub("", marked) == body else None

    result = attempt(range(len(spans)))
    if result is None:  # some bracket changed the page (inside a link's address, say): mark only the others
        result = attempt([n for n in range(len(spans)) if attempt([n]) is not None]) or (body, set())
    marked, placed = result
    places: dict[int, list[Place]] = {}
    for n in sorted(placed):
        for index, match in spans[n].findings:
            places.setdefault(index, []).append(Place(f"{ANCHOR}{n}", match.text, match.line, match.column))
    return MarkedPage(head + marked + tail, {i: tuple(p) for i, p in places.items()})
