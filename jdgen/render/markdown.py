"""Markdown → markdown-it tokens for the writers (one parser, built once)."""

from __future__ import annotations

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
