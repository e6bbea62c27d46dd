"""Markdown → block tokens for the writers, parsed by pulldown-cmark (through pyromark).

pulldown-cmark is a compiled CommonMark parser with GFM tables. Its events are turned here into
the token stream every writer reads: the shape markdown-it gives (``heading_open``, ``inline``
with its children, ``bullet_list_open``…), so that the HTML is what markdown-it's renderer
writes and the Word writer and the posting checks read one structure.

Raw HTML is never markup: an HTML block or inline tag is kept as the text it is, as markdown-it
does with HTML off. Link destinations are normalised (percent-encoded, host names in punycode)
and a ``javascript:``, ``vbscript:``, ``file:`` or ``data:`` link (but for images in common
formats) is not made a link: its text stays, unlinked.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import mdurl
import pyromark

_OPTIONS = pyromark.Options.ENABLE_TABLES
_ALIGN = {"Left": "text-align:left", "Center": "text-align:center", "Right": "text-align:right"}


class Token:
    """One block or inline token: ``type`` (``paragraph_open``, ``text``…), its HTML ``tag`` and what it holds.

    `nesting` is 1 for an opening, -1 for a closing and 0 for a self-contained token; `hidden`
    marks the paragraphs of a tight list (their text is the list item's); `children` are the
    inline tokens of an ``inline`` token (or an image's alternative text); `attrs` are its HTML
    attributes (replaced, never changed in place: most tokens share one empty mapping).
    """

    tag = ""
    nesting = 0
    block = True
    content = ""
    hidden = False
    info = ""
    children: Sequence[Token] = ()
    attrs: Mapping[str, str] = MappingProxyType({})

    def __init__(self, type_: str, tag: str = "", nesting: int = 0) -> None:
        self.type = type_
        self.tag = tag
        self.nesting = nesting

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.content!r})" if self.content else f"Token({self.type!r})"


def _inline_token(type_: str, tag: str = "", nesting: int = 0) -> Token:
    token = Token(type_, tag, nesting)
    token.block = False
    return token


#: A block quote whose text starts with one of these labels is an advisory of that kind: a
#: warning's severity, as templates/_warning.md.j2 words it. The writers give each kind its look.
ADVISORY_LABELS = {"Critical:": "critical", "Warning:": "warning", "Note:": "note"}

_BAD_PROTOCOL = re.compile(r"^(vbscript|javascript|file|data):")
_GOOD_DATA = re.compile(r"^data:image/(gif|png|jpeg|webp);")
_RECODE_HOST_FOR = ("http:", "https:", "mailto:")


def safe_link(url: str) -> bool:
    """Whether markdown-it makes a link to `url` (not to ``javascript:``, ``vbscript:``, ``file:`` or most ``data:``)."""
    lowered = url.strip().lower()
    return not _BAD_PROTOCOL.match(lowered) or bool(_GOOD_DATA.match(lowered))


def _to_ascii(host: str) -> str:
    return ".".join(
        label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
        for label in re.split("[.\u3002\uff0e\uff61]", host)
    )


@lru_cache(maxsize=4096)  # the same sources and careers pages come back in every document
def normalize_link(url: str) -> str:
    """A link destination as markdown-it writes it: percent-encoded, its host name in punycode."""
    parsed = mdurl.parse(url, slashes_denote_host=True)
    if parsed.hostname and (not parsed.protocol or parsed.protocol in _RECODE_HOST_FOR):
        with contextlib.suppress(UnicodeError):  # a label punycode cannot take: the host stays as written
            parsed = parsed._replace(hostname=_to_ascii(parsed.hostname))
    return str(mdurl.encode(mdurl.format(parsed)))


_BLOCKS = {  # a block event's name → its token type and tag; True: it holds inline text
    "Paragraph": ("paragraph", "p", True),
    "Item": ("list_item", "li", False),
    "BlockQuote": ("blockquote", "blockquote", False),
    "TableRow": ("tr", "tr", False),
}
_INLINE = {"Emphasis": ("em", "em"), "Strong": ("strong", "strong")}


def parse(text: str) -> list[Token]:  # noqa: C901 - one pass over the events, kept flat for speed
    """The block tokens of `text`, CommonMark with GFM tables."""
    tokens: list[Token] = []
    push = tokens.append
    inline: list[Token] | None = None  # the children of the open inline token
    implicit = False  # a tight list item's paragraph is open (opened by its first inline event)
    code: Token | None = None  # the open code block
    in_html_block = False  # inside an HTML block: its lines (and their indent) are text, as with HTML off
    saved: list[list[Token]] = []  # where inline tokens go back to after an image's description
    lists: list[bool] = []  # the open lists: ordered?
    links: list[bool] = []  # the open links: made (a safe destination)?
    alignment: tuple[str, ...] = ()
    in_head = False
    column = 0
    html_line = ""  # the HTML block's line so far

    def close_implicit() -> None:
        nonlocal implicit, inline
        closing = Token("paragraph_close", "p", -1)
        closing.hidden = True
        push(closing)
        implicit, inline = False, None

    def open_inline() -> list[Token]:
        token = Token("inline")
        children: list[Token] = []
        token.children = children
        push(token)
        return children

    def inline_target() -> list[Token]:
        """Where an inline token goes; text straight inside a list item opens a tight list's paragraph."""
        nonlocal implicit, inline
        if inline is None:
            opening = Token("paragraph_open", "p", 1)
            opening.hidden = True
            push(opening)
            implicit, inline = True, open_inline()
        return inline

    def add_text(value: str) -> None:
        target = inline_target()
        if target and target[-1].type == "text":
            target[-1].content += value
        else:
            token = _inline_token("text")
            token.content = value
            target.append(token)

    events: Iterable[Any] = pyromark.events(text, options=_OPTIONS)  # typed dicts, read here as plain ones
    for event in events:
        if event.__class__ is str:
            if event == "SoftBreak" or event == "HardBreak":
                inline_target().append(_inline_token("softbreak" if event == "SoftBreak" else "hardbreak", "br"))
            elif event == "Rule":
                if implicit:
                    close_implicit()
                push(Token("hr", "hr"))
            continue
        value = event.get("Text")
        if value is not None and in_html_block:
            value, event = None, {"Html": value}  # an HTML block's indent: part of its line
        if value is not None:
            if code is not None:
                code.content += value
            else:
                add_text(value)
            continue
        start = event.get("Start")
        if start is not None:
            name = start if start.__class__ is str else next(iter(start))
            if name in _INLINE:
                type_, tag = _INLINE[name]
                inline_target().append(_inline_token(type_ + "_open", tag, 1))
                continue
            if name == "Link" or name == "Image":
                _open_link(start[name], name == "Image", inline_target(), links)
                if name == "Image":
                    saved.append(inline)  # type: ignore[arg-type] # inline_target() made it a list
                    inline = list(inline[-1].children)  # type: ignore[index]
                continue
            if implicit:
                close_implicit()
            if name in _BLOCKS:
                type_, tag, holds_text = _BLOCKS[name]
                if name == "TableRow":
                    if tokens[-1].type == "thead_close":
                        push(Token("tbody_open", "tbody", 1))
                    column = 0
                push(Token(type_ + "_open", tag, 1))
                if holds_text:
                    inline = open_inline()
            elif name == "TableCell":
                tag = "th" if in_head else "td"
                opening = Token(tag + "_open", tag, 1)
                align = _ALIGN.get(alignment[column]) if column < len(alignment) else None
                if align:
                    opening.attrs = {"style": align}
                push(opening)
                inline = open_inline()
            elif name == "Heading":
                push(Token("heading_open", "h" + start[name]["level"][1:], 1))
                inline = open_inline()
            elif name == "List":
                number = start[name]
                lists.append(number is not None)
                opening = Token(
                    "ordered_list_open" if number is not None else "bullet_list_open",
                    "ol" if number is not None else "ul",
                    1,
                )
                if number is not None and number != 1:
                    opening.attrs = {"start": str(number)}
                push(opening)
            elif name == "CodeBlock":
                detail = start[name]
                code = Token("fence" if isinstance(detail, dict) else "code_block", "code")
                code.info = detail["Fenced"] if isinstance(detail, dict) else ""
                push(code)
            elif name == "TableHead":
                push(Token("thead_open", "thead", 1))
                push(Token("tr_open", "tr", 1))
                in_head, column = True, 0
            elif name == "Table":
                alignment = tuple(start[name])
                push(Token("table_open", "table", 1))
            elif name == "HtmlBlock":
                inline, in_html_block, html_line = None, True, ""
            continue
        end = event.get("End")
        if end is not None:
            name = end if end.__class__ is str else next(iter(end))
            if name in _INLINE:
                type_, tag = _INLINE[name]
                inline_target().append(_inline_token(type_ + "_close", tag, -1))
                continue
            if name == "Link":
                if links.pop():
                    inline_target().append(_inline_token("link_close", "a", -1))
                continue
            if name == "Image":
                description, inline = inline, saved.pop()
                image = inline[-1]
                image.children = description or []
                image.content = alt_text(image.children, " ")
                continue
            if implicit:
                close_implicit()
            if name in _BLOCKS:
                type_, tag, holds_text = _BLOCKS[name]
                push(Token(type_ + "_close", tag, -1))
                if holds_text:
                    inline = None
            elif name == "TableCell":
                tag = "th" if in_head else "td"
                push(Token(tag + "_close", tag, -1))
                inline = None
                column += 1
            elif name == "Heading":
                push(Token("heading_close", "h" + end[name][1:], -1))
                inline = None
            elif name == "List":
                ordered = lists.pop()
                push(Token("ordered_list_close" if ordered else "bullet_list_close", "ol" if ordered else "ul", -1))
            elif name == "CodeBlock":
                code = None
            elif name == "TableHead":
                push(Token("tr_close", "tr", -1))
                push(Token("thead_close", "thead", -1))
                in_head = False
            elif name == "Table":
                if tokens[-1].type != "thead_close":
                    push(Token("tbody_close", "tbody", -1))
                push(Token("table_close", "table", -1))
            elif name == "HtmlBlock":
                in_html_block = False
                if html_line.strip():
                    inline = _html_text(html_line, inline, push, open_inline)
                if inline is not None:
                    push(Token("paragraph_close", "p", -1))
                    inline = None
            continue
        value = event.get("Html")
        if value is not None:  # part of an HTML block's line: text, as markdown-it keeps it with HTML off
            html_line += value
            if html_line.endswith("\n"):  # a whole line
                inline = _html_text(html_line, inline, push, open_inline)
                html_line = ""
            continue
        value = event.get("InlineHtml")
        if value is not None:  # a tag is text; its line breaks are soft breaks, as in text
            for n, line in enumerate(value.split("\n")):
                if n:
                    inline_target().append(_inline_token("softbreak", "br"))
                if line:
                    add_text(line.lstrip() if n else line)
            continue
        value = event.get("Code")
        if value is not None:
            token = _inline_token("code_inline", "code")
            token.content = value
            inline_target().append(token)
    if implicit:
        close_implicit()
    return tokens


def _html_text(
    line: str,
    inline: list[Token] | None,
    push: Callable[[Token], None],
    open_inline: Callable[[], list[Token]],
) -> list[Token] | None:
    """One line of an HTML block as paragraph text; a blank line ends the paragraph. Returns the open inline."""
    text = line.strip()
    if not text:
        if inline is not None:
            push(Token("paragraph_close", "p", -1))
        return None
    if inline is None:
        push(Token("paragraph_open", "p", 1))
        inline = open_inline()
    else:
        inline.append(_inline_token("softbreak", "br"))
    token = _inline_token("text")
    token.content = text
    inline.append(token)
    return inline


def _open_link(detail: dict[str, Any], image: bool, target: list[Token], links: list[bool]) -> None:
    """A link's or an image's opening token, its destination normalised; an unsafe link is not made."""
    url = detail["dest_url"]
    if detail["link_type"] == "Email":
        url = "mailto:" + url
    safe = safe_link(url)
    if image:
        token = _inline_token("image", "img")
        token.attrs = {"src": normalize_link(url) if safe else "", "alt": ""}
    else:
        links.append(safe)
        if not safe:
            return
        token = _inline_token("link_open", "a", 1)
        token.attrs = {"href": normalize_link(url)}
    if detail["title"]:
        token.attrs = {**token.attrs, "title": detail["title"]}
    target.append(token)


def alt_text(children: Sequence[Token], line_break: str = "\n") -> str:
    """An image's alternative text, as CommonMark defines it: the text of its description, markup left out."""
    out = []
    for token in children:
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type == "image":
            out.append(alt_text(token.children, line_break))
        elif token.type in ("softbreak", "hardbreak"):
            out.append(line_break)
    return "".join(out)


def plain_text(inline: Sequence[Token]) -> str:
    """The text of an inline token's children, without the markup."""
    return "".join(t.content for t in inline if t.type in ("text", "code_inline"))


def advisory_kind(tokens: Sequence[Token], start: int) -> str | None:
    """The kind of the block quote opening at `start` (see `ADVISORY_LABELS`); None for a plain quote."""
    inline = next((t for t in tokens[start:] if t.type == "inline"), None)
    text = plain_text(inline.children) if inline is not None else ""
    return next((kind for label, kind in ADVISORY_LABELS.items() if text.startswith(label)), None)
