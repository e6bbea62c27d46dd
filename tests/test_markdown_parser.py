"""The Markdown parser (pulldown-cmark through pyromark) and the HTML written from its tokens.

The proof that user templates keep every CommonMark construct: the CommonMark spec's own
examples (0.31.2, the 652 of `tests/data/commonmark-spec-0.31.2.json`, as markdown-it-py's
repository ships them; the spec is CC-BY-SA 4.0, John MacFarlane). Every example without raw
HTML renders to the spec's HTML; raw HTML is kept as the text it is, never as markup.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from jdgen.render.html import markdown_body
from jdgen.render.markdown import normalize_link, parse
from jdgen.render.markdown_html import pulldown_html, render_tokens

DATA = Path(__file__).resolve().parent / "data"
SPEC: list[dict[str, Any]] = json.loads((DATA / "commonmark-spec-0.31.2.json").read_text("utf-8"))
CONSTRUCTS = (DATA / "markdown-constructs.md").read_text("utf-8")

#: The start of an HTML tag, comment, declaration or processing instruction (not an autolink).
RAW_HTML = re.compile(
    r"<(/?[A-Za-z][A-Za-z0-9-]*[\s/>]|/?[A-Za-z][A-Za-z0-9-]*$|!--|!\[CDATA\[|\?|![A-Za-z])", re.MULTILINE
)
#: An empty block quote: the spec writes "<blockquote>\n</blockquote>"; jdgen keeps markdown-it's
#: "<blockquote></blockquote>", as jdgen 0.4 wrote it (the same to a browser).
EMPTY_QUOTES = {218, 239, 240}
#: The tags jdgen's HTML writer makes; anything else in a page would be markup from the text.
OWN_TAGS = {
    *(f"h{n}" for n in range(1, 7)),
    *[
        "p",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "code",
        "em",
        "strong",
        "a",
        "img",
        "br",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ],
}


def _example_id(example: dict[str, Any]) -> str:
    return f"{example['example']}-{example['section']}"


WITHOUT_HTML = [x for x in SPEC if not RAW_HTML.search(x["markdown"])]
WITH_HTML = [x for x in SPEC if RAW_HTML.search(x["markdown"])]


def test_the_spec_examples_are_all_there() -> None:
    assert len(SPEC) == 652
    assert len(WITHOUT_HTML) > 560  # the raw-HTML examples are a minority, and each is checked below


@pytest.mark.parametrize("example", WITHOUT_HTML, ids=_example_id)
def test_every_commonmark_example_without_raw_html_renders_as_the_spec_says(example: dict[str, Any]) -> None:
    html = render_tokens(parse(example["markdown"]))
    if example["example"] in EMPTY_QUOTES:
        assert html == example["html"].replace("<blockquote>\n</blockquote>", "<blockquote></blockquote>")
    else:
        assert html == example["html"]


@pytest.mark.parametrize("example", WITH_HTML, ids=_example_id)
def test_raw_html_in_a_template_is_text_never_markup(example: dict[str, Any]) -> None:
    html = render_tokens(parse(example["markdown"]))
    tags = {m.lower() for m in re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", html)}
    assert tags <= OWN_TAGS, tags - OWN_TAGS
    visible = re.sub(r"<[^>]*>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    if example["section"] in ("HTML blocks", "Raw HTML"):
        for tag in re.findall(r"<[A-Za-z][A-Za-z0-9-]*", example["markdown"]):
            assert tag in visible.replace("&amp;", "&")  # the tag the writer typed is there to read


def test_the_html_is_what_jdgen_0_4_wrote_for_every_construct_a_template_uses() -> None:
    """jdgen 0.4 rendered with markdown-it-py (HTML off); the page's bytes stay the same."""
    old = MarkdownIt("commonmark", {"html": False}).enable("table")
    assert render_tokens(parse(CONSTRUCTS)) == old.render(CONSTRUCTS)


def test_what_jdgen_writes_differently_from_0_4_is_more_faithful_to_what_was_typed() -> None:
    page = render_tokens(parse('![an *alt*](a.png) [x](javascript:alert(1)) <span title="*y*">z</span>\n'))
    assert 'alt="an alt"' in page  # CommonMark's alternative text, without the markup (0.4: "an *alt*")
    assert "javascript" not in page and "/> x &lt;span" in page  # an unsafe link is its text (0.4: the raw Markdown)
    assert "&lt;span title=&quot;*y*&quot;&gt;z" in page  # raw HTML kept as typed (0.4 made *y* emphasis)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://bücher.example/ä?q=ü#x", "https://xn--bcher-kva.example/%C3%A4?q=%C3%BC#x"),
        ("https://example.com/%20ok", "https://example.com/%20ok"),
        ("mailto:someone@exämple.com", "mailto:someone@xn--exmple-cua.com"),
        ("../relative path.html", "../relative%20path.html"),
    ],
)
def test_link_destinations_are_written_as_commonmark_renderers_write_them(url: str, expected: str) -> None:
    assert normalize_link(url) == expected


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:x", " vbscript:x", "file:///etc/passwd", "data:text/html,x"]
)
def test_a_script_or_file_link_is_never_made(url: str) -> None:
    html = markdown_body(f"[click]({url})")
    assert "href" not in html and "click" in html


def test_a_table_cell_is_shaded_and_an_advisory_gets_its_class() -> None:
    html = markdown_body("> Critical: x\n\n| a | b |\n|---|---|\n| yes | no |\n", {"yes": "C6EFCE"})
    assert '<blockquote class="advisory critical">' in html
    assert '<td class="shaded" style="background-color: #C6EFCE">yes</td>' in html
    assert "<td>no</td>" in html


def test_a_tight_lists_paragraphs_are_hidden_and_a_loose_ones_are_not() -> None:
    tight = [t for t in parse("- a\n- b\n") if t.type == "paragraph_open"]
    loose = [t for t in parse("- a\n\n- b\n") if t.type == "paragraph_open"]
    assert [t.hidden for t in tight] == [True, True]
    assert [t.hidden for t in loose] == [False, False]


def _through_tokens(text: str, shading: dict[str, str]) -> str:
    """`markdown_body` as it is written when pulldown-cmark's own HTML is not used."""
    with patch("jdgen.render.html.pulldown_html", return_value=None):
        return markdown_body(text, shading)


_PIECES = [
    "# Heading",
    "## Second *level*",
    "plain text",
    "a **bold** and *em* word",
    "> Critical: take care",
    "> Note: **Note:** nested",
    "> > quoted twice",
    "- item",
    "  - nested item",
    "1. first",
    "3) third",
    "",
    "| a | b |\n|:--|--:|\n| yes | no |",
    "| x |\n|---|",
    "`code` and \\*escaped\\*",
    'say "quoted" & done',
    "[link](https://example.com/a?b=1&c=2)",
    "[ref][r]",
    "[r]: https://example.com/r 'T'",
    "![alt *x*](i.png)",
    "[bad](javascript:alert(1))",
    "[pct](https://example.com/%41)",
    "[uni](https://bücher.example)",
    "<b>raw</b>",
    "line with two spaces  ",
    "---",
    '```\nfenced "code"\n```',
    "    indented",
    "&amp; &copy; &#35;",
    "**Warning:** x",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.booleans())
@settings(max_examples=300, deadline=None)
def test_pulldown_cmarks_html_is_used_only_where_it_is_what_the_tokens_give(pieces: list[str], shade: bool) -> None:
    text = "\n".join(pieces) + "\n"
    shading = {"yes": "C6EFCE", "x": "FFC7CE"} if shade else {}
    fast = pulldown_html(text, shading)
    if fast is not None:
        assert fast == _through_tokens(text, shading)


def test_the_built_in_documents_take_the_fast_path_and_it_gives_the_same_page() -> None:
    for golden in sorted((DATA / "expected").glob("*.md")):
        text = golden.read_text("utf-8")
        for shading in ({}, {"yes": "C6EFCE", "Strength": "C6EFCE", "Lacks": "FFC7CE"}):
            fast = pulldown_html(text, shading)
            assert fast is not None, golden.name
            assert fast == _through_tokens(text, shading), golden.name


@pytest.mark.parametrize(
    "text",
    [" <!-- note -->\n\nText\n", " <!-- note -->\r\n\r\nText\r\n", "- a\n\n   <div>\n   x\n   </div>\n"],
    ids=["indented", "crlf", "in-a-list"],
)
def test_an_indented_html_block_is_one_paragraph_of_text_as_in_0_4(text: str) -> None:
    old = MarkdownIt("commonmark", {"html": False}).enable("table")
    assert render_tokens(parse(text)) == old.render(text)
