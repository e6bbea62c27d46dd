"""Markdown tokens → the WordprocessingML of a document's body, written as text.

The reference document decides the look; this module only picks style ids. The tokens come
from `jdgen.render.markdown.parse`, walked once; every text goes through `jdgen.render.docx_xml`.

What keeps the pages readable is decided here, whatever the reference: a heading, and a
paragraph that leads into what follows (it ends with a colon, is a bold label, or comes just
before a table), stays on the page of what it introduces; a thematic break (``---``) starts a
new page; a block quote takes the style of its severity (`ADVISORY_STYLES`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from jdgen.common import budget
from jdgen.render import docx_xml as x
from jdgen.render.docx_tables import TABLE_STYLE, table_rows, table_xml
from jdgen.render.markdown import Token, advisory_kind, plain_text
from jdgen.render.text import clean

#: Markdown block → paragraph style id in the reference document.
HEADING_STYLES = {
    "h1": "Title",
    "h2": "Heading1",
    "h3": "Heading2",
    "h4": "Heading3",
    "h5": "Heading3",
    "h6": "Heading3",
}
BULLET_STYLES = ("ListBullet", "ListBullet2")
NUMBER_STYLE = "ListNumber"
QUOTE_STYLE = "Advisory"
#: The paragraph style of each kind of advisory (see `jdgen.render.markdown.ADVISORY_LABELS`);
#: any other block quote takes `QUOTE_STYLE`.
ADVISORY_STYLES = {"critical": "AdvisoryCritical", "warning": QUOTE_STYLE, "note": "AdvisoryNote"}
HYPERLINK_STYLE = "Hyperlink"
#: Every style id the writer uses; a user's reference document that lacks one gets the built-in one.
WRITER_STYLES: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *HEADING_STYLES.values(),
            *BULLET_STYLES,
            NUMBER_STYLE,
            QUOTE_STYLE,
            *ADVISORY_STYLES.values(),
            TABLE_STYLE,
            HYPERLINK_STYLE,
        ]
    )
)

#: Relates a hyperlink's target to the document part and returns its relationship id.
LinkRelater = Callable[[str], str]
#: Adds a numbering instance of the numbered-list style that starts at the given number; returns its id
#: (None: the reference's style has no numbering to restart).
NumberingRestarter = Callable[[int], "int | None"]


def _is_label(inline: Sequence[Token]) -> bool:
    """The paragraph is one bold phrase ("**Strengths**"): a label for what follows."""
    kinds = [t.type for t in inline if t.type != "text" or t.content.strip()]
    return (
        len(kinds) >= 3 and kinds[0] == "strong_open" and kinds[-1] == "strong_close" and "strong_open" not in kinds[1:]
    )


def inline_xml(children: Sequence[Token], relate: LinkRelater) -> str:
    """The runs of an inline token's children: bold, italic, line breaks and hyperlinks."""
    if len(children) == 1 and children[0].type == "text":  # most paragraphs: one plain run
        value = clean(children[0].content)
        return x.run(value) if value else ""
    bold = italic = False
    runs: list[str] = []
    link: str | None = None
    link_at: list[int] = []  # where the current link's runs are in `runs`
    for child in children:
        kind = child.type
        if kind == "text" or kind == "code_inline" or kind == "image":  # an image keeps its alternative text
            value = clean(child.content)
            if value:
                if link:
                    link_at.append(len(runs))
                    runs.append(x.link_run(value, bold, italic, HYPERLINK_STYLE))
                else:
                    runs.append(x.run(value, bold, italic))
        elif kind == "strong_open" or kind == "strong_close":
            bold = kind == "strong_open"
        elif kind == "em_open" or kind == "em_close":
            italic = kind == "em_open"
        elif kind == "softbreak":
            runs.append(x.run(" "))
        elif kind == "hardbreak":
            runs.append("<w:r><w:br/></w:r>")
        elif kind == "link_open":
            link, link_at = child.attrs.get("href", ""), []
        elif kind == "link_close":
            if link and link_at:
                # The link's runs move into one w:hyperlink where its first run was (a line break
                # inside a link stays after it, outside, as it was written before).
                inside = "".join(runs[i] for i in link_at)
                hyperlink = f'<w:hyperlink r:id="{x.attribute(relate(link))}">{inside}</w:hyperlink>'
                for i in reversed(link_at[1:]):
                    del runs[i]
                runs[link_at[0]] = hyperlink
            link = None
    return "".join(runs)


class BodyWriter:
    """Write the blocks of a token stream as the body's paragraphs and tables."""

    def __init__(
        self,
        relate: LinkRelater,
        restart_numbering: NumberingRestarter,
        text_width: int,
        shading: Mapping[str, str] | None = None,
    ) -> None:
        self._relate = relate
        self._restart = restart_numbering
        self._text_width = text_width  # EMU between the margins, shared out among a table's columns
        self._shading = shading or {}
        self._out: list[str] = []
        self._ordered: list[bool] = []  # one entry per open list: is it numbered?
        self._quote_style: str | None = None  # inside a block quote: its style
        self._numbered_lists = 0
        self._restart_num: int | None = None  # the numbering instance of the current numbered list
        self._new_page = False  # a thematic break was met: the next block starts a page
        self._heading = ""  # the text of the last heading, the title of the tables under it

    def write(self, tokens: Sequence[Token]) -> str:
        """The body's XML for the tokens, in order."""
        i = 0
        pending_style: str | None = None
        heading = False
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "inline":
                self._add_text_block(tokens, i, pending_style, heading=heading)
                pending_style, heading = None, False
            elif kind == "paragraph_open":
                pending_style = pending_style or self._paragraph_style()
            elif kind == "heading_open":
                pending_style, heading = HEADING_STYLES.get(tok.tag, "Heading3"), True
            elif kind == "bullet_list_open" or kind == "ordered_list_open":
                self._open_list(numbered=kind == "ordered_list_open", start=int(tok.attrs.get("start", "1")))
            elif kind == "bullet_list_close" or kind == "ordered_list_close":
                self._ordered.pop()
            elif kind == "blockquote_open":
                self._quote_style = ADVISORY_STYLES.get(advisory_kind(tokens, i) or "", QUOTE_STYLE)
            elif kind == "blockquote_close":
                self._quote_style = None
            elif kind == "table_open":
                rows, i = table_rows(tokens, i)
                if self._new_page:  # a table cannot start a page itself: an empty paragraph does
                    self._paragraph(None, "")
                self._out.append(
                    table_xml(rows, self._cell_runs, self._text_width, shading=self._shading, title=self._heading)
                )
            elif kind == "fence" or kind == "code_block":
                self._add_preformatted(tok.content)
            elif kind == "hr":
                self._new_page = True
            i += 1
        return "".join(self._out)

    def _cell_runs(self, inline: Sequence[Token]) -> str:
        return inline_xml(inline, self._relate)

    def _add_text_block(self, tokens: Sequence[Token], i: int, style_id: str | None, *, heading: bool) -> None:
        """The paragraph of the inline token at `i`, kept with what follows when it leads into it."""
        inline = tokens[i].children
        follows = tokens[i + 2].type if i + 2 < len(tokens) else ""
        text = plain_text(inline)
        leads_in = heading or follows == "table_open" or text.rstrip().endswith(":") or _is_label(inline)
        num_id = self._restart_num if style_id == NUMBER_STYLE else None
        self._paragraph(style_id, inline_xml(inline, self._relate), keep_with_next=leads_in, num_id=num_id)
        if heading:
            self._heading = text

    def _open_list(self, *, numbered: bool, start: int = 1) -> None:
        self._ordered.append(numbered)
        if numbered and len(self._ordered) == 1:
            # Every paragraph in the numbered-list style shares one sequence: a second list, or
            # one that starts elsewhere than 1 ("3." in the Markdown), gets a numbering of its own.
            self._numbered_lists += 1
            self._restart_num = self._restart(start) if self._numbered_lists > 1 or start != 1 else None

    def _add_preformatted(self, content: str) -> None:
        lines = content.rstrip("\n").split("\n")
        last = len(lines) - 1
        runs = "".join(
            f"<w:r>{x.run_content(clean(line))}<w:br/></w:r>" if n < last else _last_run(clean(line))
            for n, line in enumerate(lines)
        )
        self._paragraph(None, runs)

    def _paragraph_style(self) -> str | None:
        if self._ordered:
            if self._ordered[-1]:
                return NUMBER_STYLE
            return BULLET_STYLES[min(len(self._ordered), len(BULLET_STYLES)) - 1]
        return self._quote_style  # None outside a quote: Normal, the document's default paragraph style

    def _paragraph(
        self, style_id: str | None, content: str, *, keep_with_next: bool = False, num_id: int | None = None
    ) -> None:
        budget.check()  # a web request's time budget: one lookup per paragraph
        key = (style_id, keep_with_next, self._new_page, num_id)
        properties = _PROPERTIES.get(key)
        if properties is None:
            properties = _PROPERTIES[key] = x.paragraph_properties(
                style_id, keep_with_next=keep_with_next, page_break=self._new_page, num_id=num_id
            )
        self._new_page = False
        self._out.append(x.paragraph(properties, content))


#: The paragraph properties written so far, by (style, keep with next, page break, numbering): a
#: document has a handful of combinations and hundreds of paragraphs.
_PROPERTIES: dict[tuple[str | None, bool, bool, int | None], str] = {}


def _last_run(value: str) -> str:
    content = x.run_content(value)
    return f"<w:r>{content}</w:r>" if content else "<w:r/>"
