"""Write Markdown into a Word document with python-docx, over a reference .docx.

The reference document decides the look; this module only picks style ids (never display
names: looking a style up by name walks every style, by id it is a direct attribute). The
Markdown is parsed once with markdown-it-py and walked token by token.

What keeps the pages readable is decided here, whatever the reference: a heading, and a
paragraph that leads into what follows (it ends with a colon, is a bold label, or comes just
before a table), stays on the page of what it introduces; a thematic break (``---``) starts a
new page; a block quote takes the style of its severity (`ADVISORY_STYLES`).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping, Sequence

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from markdown_it.token import Token

from jdgen.common import budget
from jdgen.common.errors import RenderError
from jdgen.render.text import clean
from tests.legacy_docx.markdown import advisory_kind, plain_text
from tests.legacy_docx.tables import TABLE_STYLE, add_table, table_rows

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

# Tokens that only open or close structure handled elsewhere.
_STRUCTURE_ONLY = frozenset({"heading_close", "paragraph_close", "list_item_open", "list_item_close"})


def _line(token: Token) -> int | str:
    return token.map[0] + 1 if token.map else "?"


def _is_label(inline: Sequence[Token]) -> bool:
    """The paragraph is one bold phrase ("**Strengths**"): a label for what follows."""
    kinds = [t.type for t in inline if t.type != "text" or t.content.strip()]
    return (
        len(kinds) >= 3 and kinds[0] == "strong_open" and kinds[-1] == "strong_close" and "strong_open" not in kinds[1:]
    )


class MarkdownToDocx:
    """Append the blocks of a markdown-it token stream to a python-docx document."""

    def __init__(self, document: DocxDocument, shading: Mapping[str, str] | None = None) -> None:
        self.doc = document
        self._shading = shading or {}
        self._body = document.element.body
        # Found once: looking it up is a walk over the body, which would make writing quadratic.
        self._sect_pr = self._body.sectPr
        # One paragraph per (style, keep with next), made with python-docx's API once, then copied:
        # setting a style on each new paragraph looks up where w:pPr and w:pStyle go, every time.
        self._paragraphs: dict[tuple[str | None, bool], CT_P] = {}
        self._ordered: list[bool] = []  # one entry per open list: is it numbered?
        self._quote_style: str | None = None  # inside a block quote: its style
        self._numbered_lists = 0
        self._restart_num: int | None = None  # the numbering instance of the current numbered list
        self._new_page = False  # a thematic break was met: the next block starts a page
        self._heading = ""  # the text of the last heading, the title of the tables under it

    def write(self, tokens: Sequence[Token]) -> None:
        """Walk the tokens, adding paragraphs and tables in order.

        Raises:
            RenderError: a Markdown construct the Word writer has no place for (nothing is
                dropped silently).
        """
        i = 0
        pending_style: str | None = None
        heading = False
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                pending_style, heading = HEADING_STYLES.get(tok.tag, "Heading3"), True
            elif kind == "paragraph_open":
                pending_style = pending_style or self._paragraph_style()
            elif kind == "inline":
                self._add_text_block(tokens, i, pending_style, heading=heading)
                pending_style, heading = None, False
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self._open_list(numbered=kind == "ordered_list_open")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self._ordered.pop()
            elif kind == "blockquote_open":
                self._quote_style = ADVISORY_STYLES.get(advisory_kind(tokens, i) or "", QUOTE_STYLE)
            elif kind == "blockquote_close":
                self._quote_style = None
            elif kind == "table_open":
                rows, i = table_rows(tokens, i)
                if self._new_page:  # a table cannot start a page itself: an empty paragraph does
                    self._new_paragraph(None)
                add_table(self.doc, rows, add_inline, shading=self._shading, title=self._heading)
            elif kind in ("fence", "code_block"):
                self._add_preformatted(tok.content)
            elif kind == "hr":
                self._new_page = True
            elif kind not in _STRUCTURE_ONLY:
                raise RenderError(f"the Word writer has no place for Markdown {kind!r} (line {_line(tok)})")
            i += 1

    def _add_text_block(self, tokens: Sequence[Token], i: int, style_id: str | None, *, heading: bool) -> None:
        """The paragraph of the inline token at `i`, kept with what follows when it leads into it."""
        inline = tokens[i].children or []
        follows = tokens[i + 2].type if i + 2 < len(tokens) else ""
        text = plain_text(inline)
        leads_in = heading or follows == "table_open" or text.rstrip().endswith(":") or _is_label(inline)
        self._add_paragraph(style_id, inline, keep_with_next=leads_in)
        if heading:
            self._heading = text

    def _open_list(self, *, numbered: bool) -> None:
        self._ordered.append(numbered)
        if numbered and len(self._ordered) == 1:
            self._numbered_lists += 1
            self._restart_num = self._restarted_numbering() if self._numbered_lists > 1 else None

    def _add_preformatted(self, content: str) -> None:
        paragraph = Paragraph(self._new_paragraph(None), self.doc._body)
        lines = content.rstrip("\n").split("\n")
        for n, line in enumerate(lines):
            run = paragraph.add_run(clean(line))
            if n < len(lines) - 1:
                run.add_break()

    def _paragraph_style(self) -> str | None:
        if self._ordered:
            if self._ordered[-1]:
                return NUMBER_STYLE
            return BULLET_STYLES[min(len(self._ordered), len(BULLET_STYLES)) - 1]
        return self._quote_style  # None outside a quote: Normal, the document's default paragraph style

    def _restarted_numbering(self) -> int | None:
        """A new numbering instance of the numbered-list style that starts again at 1.

        Every paragraph in the List Number style shares one sequence; without this, a second
        numbered list would go on from where the first stopped. None when the reference
        document's style has no numbering to restart.
        """
        style = self.doc.styles.element.get_by_id(NUMBER_STYLE)
        num_pr = style.pPr.numPr if style is not None and style.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        try:
            numbering = self.doc.part.numbering_part.element
            abstract = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
        except (KeyError, AttributeError):
            return None
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)

    def _new_paragraph(self, style_id: str | None, keep_with_next: bool = False) -> CT_P:
        """An empty paragraph in `style_id`, placed at the end of the body (before its section properties)."""
        proto = self._paragraphs.get((style_id, keep_with_next))
        if proto is None:
            proto = self._paragraphs[style_id, keep_with_next] = OxmlElement("w:p")
            if style_id:
                proto.style = style_id
            if keep_with_next:
                proto.get_or_add_pPr().keepNext_val = True
        budget.check()  # a web request's time budget: one lookup per paragraph
        p: CT_P = copy.deepcopy(proto)
        if self._new_page:
            p.get_or_add_pPr().pageBreakBefore_val = True
            self._new_page = False
        if self._sect_pr is not None:
            self._sect_pr.addprevious(p)
        else:
            self._body.append(p)
        return p

    def _add_paragraph(self, style_id: str | None, inline: Sequence[Token], *, keep_with_next: bool) -> Paragraph:
        p = self._new_paragraph(style_id, keep_with_next)
        if style_id == NUMBER_STYLE and self._restart_num is not None:
            num_pr = p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = self._restart_num
        paragraph = Paragraph(p, self.doc._body)
        add_inline(paragraph, inline)
        return paragraph


_TOGGLES = {
    "strong_open": ("bold", True),
    "strong_close": ("bold", False),
    "em_open": ("italic", True),
    "em_close": ("italic", False),
}


# Runs made with python-docx's API once per (bold, italic), then copied: setting bold or italic
# on each new run looks up where w:rPr and w:b go, every time. One set per thread, as lxml
# elements are not to be shared between threads.
_local = threading.local()


def _run_prototype(bold: bool, italic: bool) -> CT_R:
    prototypes: dict[tuple[bool, bool], CT_R] = _local.__dict__.setdefault("runs", {})
    proto = prototypes.get((bold, italic))
    if proto is None:
        run = Run(OxmlElement("w:r"), None)  # type: ignore[arg-type]
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        run._r.add_t("text")  # its w:t is reused, with the run's own text
        proto = prototypes[bold, italic] = run._r
    return proto


def _add_run(paragraph: Paragraph, text: str, bold: bool = False, italic: bool = False) -> CT_R:
    """A run of `text` at the end of `paragraph`, as ``paragraph.add_run(text)`` then bold/italic makes it."""
    r: CT_R = copy.deepcopy(_run_prototype(bold, italic))
    paragraph._p.append(r)
    t = r[-1]
    if "\t" in text or "\n" in text or "\r" in text:
        r.remove(t)
        Run(r, paragraph).text = text  # python-docx turns tabs and line breaks into their elements
    else:  # as python-docx's add_t: the text, kept as is when it starts or ends with a space
        t.text = text
        if len(text.strip()) < len(text):
            t.set(qn("xml:space"), "preserve")
    return r


def add_inline(paragraph: Paragraph, children: Sequence[Token]) -> None:
    """Add the runs of a markdown-it inline token's children to `paragraph`."""
    state = {"bold": False, "italic": False}
    link: str | None = None
    link_runs: list[CT_R] = []
    for child in children:
        kind = child.type
        if kind in _TOGGLES:
            name, value = _TOGGLES[kind]
            state[name] = value
        elif kind in ("text", "code_inline", "image"):  # an image keeps its alternative text
            text = clean(child.content)
            if text:
                r = _add_run(paragraph, text, state["bold"], state["italic"])
                if link is not None:
                    link_runs.append(r)
        elif kind == "softbreak":
            _add_run(paragraph, " ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind == "link_open":
            link, link_runs = str(child.attrGet("href") or ""), []
        elif kind == "link_close":
            if link and link_runs:
                _wrap_hyperlink(paragraph, link, link_runs)
            link = None


def _wrap_hyperlink(paragraph: Paragraph, url: str, runs: list[CT_R]) -> None:
    """Move `runs` into a ``w:hyperlink`` element pointing at `url`."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), r_id)
    runs[0].addprevious(hyperlink)
    for r in runs:
        rpr = r.get_or_add_rPr()
        rpr.style = HYPERLINK_STYLE
        hyperlink.append(r)
