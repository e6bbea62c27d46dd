"""Markdown → a complete, styled, self-contained HTML page, with a JD's JSON-LD in its head."""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jdgen.data.fields import DEFAULT_LANGUAGE
from jdgen.render.environment import render_template
from jdgen.render.markdown import Token, advisory_kind, parse
from jdgen.render.markdown_html import pulldown_html, render_tokens
from jdgen.render.text import clean

PAGE_TEMPLATE = "page.html.j2"

# Inside <script> an HTML parser looks only for "</script" (and "<!--" changes how it looks), so
# these characters are written as JSON escapes: the JSON means the same and no text can leave it.
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


def markdown_body(markdown_text: str, shading: Mapping[str, str] | None = None) -> str:
    """The Markdown as an HTML fragment, the page's content, written as markdown-it writes it.

    Most text is written by pulldown-cmark's own HTML writer, its output put in markdown-it's
    form (`pulldown_html`); what that path cannot vouch for goes through the tokens.

    Table cells whose whole text is a key of `shading` get that background colour (hex RGB); an
    advisory's block quote gets the class of its kind (``advisory critical``, ``advisory note``…).
    """
    fast = pulldown_html(markdown_text, shading or {})
    if fast is not None:
        return fast
    tokens = parse(markdown_text)
    for i, token in enumerate(tokens):
        if token.type == "blockquote_open":
            kind = advisory_kind(tokens, i)
            if kind:
                token.attrs = {"class": f"advisory {kind}"}
    if shading:
        for opening, content in itertools.pairwise(tokens):
            if opening.type == "td_open" and content.type == "inline":
                text = _source_text(content.children)
                fill = shading.get(text) if text is not None else None
                if fill:
                    opening.attrs = {**opening.attrs, "class": "shaded", "style": f"background-color: #{fill}"}
    return render_tokens(tokens)


def _source_text(children: Sequence[Token]) -> str | None:
    """A cell's text when it is plain text alone (what the shading keys are), else None."""
    if len(children) == 1 and children[0].type == "text":
        return children[0].content
    return "" if not children else None


def script_json(data: Mapping[str, Any]) -> str:
    """`data` as pretty JSON that is safe as the text of a ``<script>`` element."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    for character, escape in _SCRIPT_ESCAPES:  # str.replace: many times faster than str.translate
        text = text.replace(character, escape)
    return text


def html_page(
    body: str,
    title: str,
    template_dirs: Sequence[str | Path] = (),
    *,
    wide: bool = False,
    structured_data: Mapping[str, Any] | None = None,
    language: str = DEFAULT_LANGUAGE,
    marking: str | None = None,
) -> str:
    """Wrap an HTML fragment from `markdown_body` in the page template (Jinja escapes the title).

    `wide` asks the page template for a wider column (the comparison matrix); `structured_data`
    (a JSON-LD object) goes in the page's head as an ``application/ld+json`` script; `language`
    is the page's ``lang``; `marking` is shown above the content ("INTERNAL · NOT FOR POSTING").
    """
    context = {
        "title": clean(title),
        "body": body,
        "wide": wide,
        "structured_data": script_json(structured_data) if structured_data else None,
        "language": language,
        "marking": marking,
    }
    return render_template(PAGE_TEMPLATE, context, template_dirs)
