"""Markdown → a complete, styled, self-contained HTML page, with a JD's JSON-LD in its head."""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jdgen.data.fields import DEFAULT_LANGUAGE
from jdgen.render.environment import render_template
from jdgen.render.markdown import advisory_kind, markdown_parser, parse
from jdgen.render.text import clean

PAGE_TEMPLATE = "page.html.j2"

# Inside <script> an HTML parser looks only for "</script" (and "<!--" changes how it looks), so
# these characters are written as JSON escapes: the JSON means the same and no text can leave it.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def markdown_body(markdown_text: str, shading: Mapping[str, str] | None = None) -> str:
    """The Markdown as an HTML fragment, the page's content (escaping is markdown-it's).

    Table cells whose whole text is a key of `shading` get that background colour (hex RGB); an
    advisory's block quote gets the class of its kind (``advisory critical``, ``advisory note``…).
    """
    tokens = parse(markdown_text)
    for i, token in enumerate(tokens):
        if token.type == "blockquote_open":
            kind = advisory_kind(tokens, i)
            if kind:
                token.attrSet("class", f"advisory {kind}")
    if shading:
        for opening, content in itertools.pairwise(tokens):
            if opening.type == "td_open" and content.type == "inline" and content.content in shading:
                opening.attrSet("class", "shaded")
                opening.attrSet("style", f"background-color: #{shading[content.content]}")
    parser = markdown_parser()
    html: str = parser.renderer.render(tokens, parser.options, {})
    return html


def script_json(data: Mapping[str, Any]) -> str:
    """`data` as pretty JSON that is safe as the text of a ``<script>`` element."""
    return json.dumps(data, indent=2, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


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
