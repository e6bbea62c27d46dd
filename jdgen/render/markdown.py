"""Markdown → markdown-it tokens for the writers (one parser, built once)."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@cache
def markdown_parser() -> MarkdownIt:
    """CommonMark with tables; raw HTML off, so any markup in the text stays text."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def parse(text: str) -> list[Token]:
    """The markdown-it block tokens of `text`."""
    return markdown_parser().parse(text)
