"""HTML from Markdown, written as markdown-it writes it: from the tokens, or by pulldown-cmark when it is the same.

`render_tokens` ports markdown-it's HTML renderer to the tokens of `jdgen.render.markdown.parse`.
`pulldown_html` takes pulldown-cmark's own (compiled) HTML writer and puts its output in the same
form, for text it can vouch for: no raw HTML, no unsafe link, link destinations that both write
alike, block quotes and shaded cells it can place. Otherwise it gives None and the tokens are used.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

import pyromark

from jdgen.render.markdown import ADVISORY_LABELS, Token, alt_text, normalize_link, safe_link


def escape_html(text: str) -> str:
    """``&``, ``<``, ``>`` and ``"`` as entities (a single quote stays, as markdown-it leaves it)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _attrs(attrs: Mapping[str, str]) -> str:
    return "".join(f' {key}="{escape_html(value)}"' for key, value in attrs.items())


def _tag(tokens: Sequence[Token], i: int, attrs: Mapping[str, str] | None = None) -> str:
    """A block or inline tag, with markdown-it's rules for where a line break follows it."""
    token = tokens[i]
    if token.hidden:
        return ""
    out = "\n" if token.block and token.nesting != -1 and i and tokens[i - 1].hidden else ""
    out += ("</" if token.nesting == -1 else "<") + token.tag + _attrs(token.attrs if attrs is None else attrs)
    if token.nesting == 0:  # XHTML style, as markdown-it's CommonMark preset writes it: <hr />, <img … />
        out += " /"
    if not token.block:
        return out + ">"
    if token.nesting == 1 and i + 1 < len(tokens):
        after = tokens[i + 1]
        if after.type == "inline" or after.hidden or (after.nesting == -1 and after.tag == token.tag):
            return out + ">"
    return out + ">\n"


def _inline_html(children: Sequence[Token]) -> str:
    out = []
    for i, token in enumerate(children):
        kind = token.type
        if kind == "text":
            out.append(escape_html(token.content))
        elif kind == "softbreak":
            out.append("\n")
        elif kind == "hardbreak":
            out.append("<br />\n")
        elif kind == "code_inline":
            out.append(f"<code>{escape_html(token.content)}</code>")
        elif kind == "image":
            out.append(_tag(children, i, {**token.attrs, "alt": alt_text(token.children)}))
        else:
            out.append(_tag(children, i))
    return "".join(out)


def render_tokens(tokens: Sequence[Token]) -> str:
    """The HTML of a token stream from `jdgen.render.markdown.parse` (markdown-it's renderer, ported)."""
    out = []
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "inline":
            out.append(_inline_html(token.children))
        elif kind == "code_block":
            out.append(f"<pre><code>{escape_html(token.content)}</code></pre>\n")
        elif kind == "fence":
            language = _language(token.info)
            attrs = f' class="language-{escape_html(language)}"' if language else ""
            out.append(f"<pre><code{attrs}>{escape_html(token.content)}</code></pre>\n")
        else:
            out.append(_tag(tokens, i))
    return "".join(out)


def _language(info: str) -> str:
    """The first word of a fence's info string."""
    words = info.strip(" \t\n\r\f\v").split(maxsplit=1)
    return words[0] if words else ""


_TABLE_LINES = re.compile(r"(<thead>|</thead>|<tbody>|</tbody>|<tr>|</tr>|</th>|</td>)")
_ALIGNED = re.compile(r' style="text-align: (left|center|right)"')
_FENCE_CLASS = re.compile(r'<code class="language-([^"]*)"')
_LINK_ATTRIBUTE = re.compile(r'<(?:a|img) [^>]*?(?:href|src)="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")
_CELL = re.compile(r'<td( style="[^"]*")?>([^<]*)</td>')


def pulldown_html(text: str, shading: Mapping[str, str]) -> str | None:
    """pulldown-cmark's HTML of `text` in markdown-it's form, or None where the two could differ."""
    if "<" in text:  # raw HTML or an autolink
        return None
    page = pyromark.html(text, options=pyromark.Options.ENABLE_TABLES)
    for destination in _LINK_ATTRIBUTE.findall(page):
        # Both percent-encode alike but for a few characters and non-ASCII host names: "%" is left to the
        # tokens, and so is a link they refuse to make (javascript: and the like).
        url = html.unescape(destination)
        if "%" in destination or not safe_link(url) or escape_html(normalize_link(url)) != destination:
            return None
    if "<table>" in page:
        page = _tables_as_markdown_it_writes_them(page)
    if "&#39;" in page or "<img " in page:  # apostrophes in attributes, images' text: the tokens write them
        return None
    if any(
        not language.isascii() or not language.isprintable() or " " in language
        for language in _FENCE_CLASS.findall(page)
    ):
        return None  # an info string split otherwise than markdown-it splits it
    if '"' in page:
        page = _quotes_in_text(page)
    if "<blockquote>" in page:
        marked = _mark_advisories(page)
        if marked is None:
            return None
        page = marked.replace("<blockquote>\n</blockquote>", "<blockquote></blockquote>")
    return _CELL.sub(lambda found: _shade(found, shading), page) if shading else page


def _quotes_in_text(page: str) -> str:
    """Every ``"`` outside a tag as ``&quot;`` (markdown-it's escaping of text), in one pass."""
    pieces = page.split("<")
    out = [pieces[0].replace('"', "&quot;")]
    for piece in pieces[1:]:
        tag, closed, text = piece.partition(">")
        out.append("<" + tag + closed + text.replace('"', "&quot;"))
    return "".join(out)


def _tables_as_markdown_it_writes_them(page: str) -> str:
    """Each table tag on its own line, an empty body left out, alignment written without a space."""
    out: list[str] = []
    at = 0
    while (start := page.find("<table>", at)) != -1:
        end = page.index("</table>", start)
        table = page[start + len("<table>") : end].replace("<tbody>\n", "<tbody>").replace("</tr>\n", "</tr>")
        table = _TABLE_LINES.sub("\\1\n", table.replace("<tbody></tbody>", ""))
        out += (page[at:start], "<table>\n", _ALIGNED.sub(r' style="text-align:\1"', table))
        at = end
    out.append(page[at:])
    return "".join(out)


def _mark_advisories(page: str) -> str | None:
    """Each advisory's block quote with its class; None when a quote does not open with a paragraph."""
    out: list[str] = []
    at = 0
    while (start := page.find("<blockquote>\n", at)) != -1:
        opening = start + len("<blockquote>\n")
        if not page.startswith("<p>", opening):
            return None
        paragraph = page[opening + 3 : page.index("</p>", opening)]
        plain = html.unescape(_TAG.sub("", paragraph).replace("\n", ""))
        kind = next((kind for label, kind in ADVISORY_LABELS.items() if plain.startswith(label)), None)
        out += (page[at:start], f'<blockquote class="advisory {kind}">\n' if kind else "<blockquote>\n")
        at = opening
    return "".join(out) + page[at:]


def _shade(found: re.Match[str], shading: Mapping[str, str]) -> str:
    """A cell whose whole text is a key of `shading`, with that background (as the tokens' attributes order it)."""
    fill = shading.get(html.unescape(found.group(2)))
    if not fill:
        return found.group(0)
    style = f'style="background-color: #{escape_html(fill)}"'
    attributes = f'{style} class="shaded"' if found.group(1) else f'class="shaded" {style}'
    return f"<td {attributes}>{found.group(2)}</td>"
