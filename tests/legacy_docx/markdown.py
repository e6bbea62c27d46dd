"""Markdown → markdown-it tokens for the writers (one parser, built once), and what the writers read alike in them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@cache
def markdown_parser() -> MarkdownIt:
    """CommonMark with tables; raw HTML off, so any markup in the text stays text.

    markdown-it-py builds each rule chain's cache on the first parse, without a lock; it is
    built here, before the parser is shared, so that threads parsing at once never see it half-built.
    """
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    for ruler in (parser.core.ruler, parser.block.ruler, parser.inline.ruler, parser.inline.ruler2):
        ruler.getRules("")  # compiles every chain of the ruler
    return parser


def parse(text: str) -> list[Token]:
    """The markdown-it block tokens of `text`."""
    return markdown_parser().parse(text)


#: A block quote whose text starts with one of these labels is an advisory of that kind: a
#: warning's severity, as templates/_warning.md.j2 words it. The writers give each kind its look.
ADVISORY_LABELS = {"Critical:": "critical", "Warning:": "warning", "Note:": "note"}


def plain_text(inline: Sequence[Token]) -> str:
    """The text of an inline token's children, without the markup."""
    return "".join(t.content for t in inline if t.type in ("text", "code_inline"))


def advisory_kind(tokens: Sequence[Token], start: int) -> str | None:
    """The kind of the block quote opening at `start` (see `ADVISORY_LABELS`); None for a plain quote."""
    inline = next((t for t in tokens[start:] if t.type == "inline"), None)
    text = plain_text(inline.children or []) if inline is not None else ""
    return next((kind for label, kind in ADVISORY_LABELS.items() if text.startswith(label)), None)
