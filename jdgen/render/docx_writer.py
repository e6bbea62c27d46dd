"""Write Markdown into a Word document with python-docx, over a reference .docx.

The reference document decides the look; this module only picks style ids (never display
names: looking a style up by name walks every style, by id it is a direct attribute). The
Markdown is parsed once with markdown-it-py and walked token by token.

`save_docx` saves with fixed zip timestamps and document dates, so the same inputs give
the same bytes.
"""

from __future__ import annotations

import copy
import datetime
import re
import threading
import zipfile
from collections.abc import Mapping, Sequence
from io import BytesIO
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Emu, Length
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from markdown_it.token import Token

from jdgen.errors import RenderError
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
TABLE_STYLE = "JDTable"
HYPERLINK_STYLE = "Hyperlink"
#: Every style id the writer uses; a user's reference document that lacks one gets the built-in one.
WRITER_STYLES: tuple[str, ...] = tuple(
    dict.fromkeys([*HEADING_STYLES.values(), *BULLET_STYLES, NUMBER_STYLE, QUOTE_STYLE, TABLE_STYLE, HYPERLINK_STYLE])
)

# Table column widths are estimated, in EMU, from an average character width of the table text
# (about 9.5 pt), the cell margins, and a cap on how much of a long cell a column asks room for.
_CHAR_WIDTH, _CELL_PADDING, _MAX_COLUMN_CHARS = 76_000, 130_000, 60
# Where a line may break inside a cell: spaces, and after a hyphen.
_WORD_BREAKS = re.compile(r"\s+|(?<=-)")

#: Used for zip entries and document dates when the profile gives no date.
FIXED_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class _FixedTimeZip:
    """The physical writer python-docx's PackageWriter expects, with fixed entry times."""

    def __init__(self, stream: BytesIO) -> None:
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def save_docx(document: DocxDocument, modified: datetime.datetime | None) -> bytes:
    """The document's bytes, reproducible: fixed zip times, created/modified = `modified` or a fixed date."""
    when = modified or FIXED_TIME
    props = document.core_properties
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.last_modified_by = "jdgen"
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    stream = BytesIO()
    writer = _FixedTimeZip(stream)
    # PackageWriter.write() would open its own zip with the current time on every entry;
    # its three steps are called here with the fixed-time writer instead.
    steps: Any = PackageWriter
    steps._write_content_types_stream(writer, parts)
    steps._write_pkg_rels(writer, package.rels)
    steps._write_parts(writer, parts)
    writer.close()
    return stream.getvalue()


# Tokens that only open or close structure handled elsewhere; a thematic break (---) has no text.
_STRUCTURE_ONLY = frozenset({"heading_close", "paragraph_close", "list_item_open", "list_item_close", "hr"})


def _line(token: Token) -> int | str:
    return token.map[0] + 1 if token.map else "?"


class MarkdownToDocx:
    """Append the blocks of a markdown-it token stream to a python-docx document."""

    def __init__(self, document: DocxDocument, shading: Mapping[str, str] | None = None) -> None:
        self.doc = document
        self._shading = shading or {}
        self._body = document.element.body
        # One paragraph per style, made with python-docx's API once, then copied: setting a
        # style on each new paragraph looks up where w:pPr and w:pStyle go, every time.
        self._paragraphs: dict[str | None, CT_P] = {}
        self._ordered: list[bool] = []  # one entry per open list: is it numbered?
        self._in_quote = False
        self._numbered_lists = 0
        self._restart_num: int | None = None  # the numbering instance of the current numbered list

    def write(self, tokens: Sequence[Token]) -> None:
        """Walk the tokens, adding paragraphs and tables in order.

        Raises:
            RenderError: a Markdown construct the Word writer has no place for (nothing is
                dropped silently).
        """
        i = 0
        pending_style: str | None = None
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                pending_style = HEADING_STYLES.get(tok.tag, "Heading3")
            elif kind == "paragraph_open":
                pending_style = pending_style or self._paragraph_style()
            elif kind == "inline":
                self._add_paragraph(pending_style, tok.children or [])
                pending_style = None
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self._ordered.append(kind == "ordered_list_open")
                if kind == "ordered_list_open" and len(self._ordered) == 1:
                    self._numbered_lists += 1
                    self._restart_num = self._restarted_numbering() if self._numbered_lists > 1 else None
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self._ordered.pop()
            elif kind in ("blockquote_open", "blockquote_close"):
                self._in_quote = kind == "blockquote_open"
            elif kind == "table_open":
                i = self._add_table(tokens, i)
            elif kind in ("fence", "code_block"):
                self._add_preformatted(tok.content)
            elif kind not in _STRUCTURE_ONLY:
                raise RenderError(f"the Word writer has no place for Markdown {kind!r} (line {_line(tok)})")
            i += 1

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
        if self._in_quote:
            return QUOTE_STYLE
        return None  # Normal: the document's default paragraph style

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

    def _new_paragraph(self, style_id: str | None) -> CT_P:
        """An empty paragraph in `style_id`, placed at the end of the body (before its section properties)."""
        proto = self._paragraphs.get(style_id)
        if proto is None:
            proto = self._paragraphs[style_id] = OxmlElement("w:p")
            if style_id:
                proto.style = style_id
        p: CT_P = copy.deepcopy(proto)
        sect_pr = self._body.sectPr
        if sect_pr is not None:
            sect_pr.addprevious(p)
        else:
            self._body.append(p)
        return p

    def _add_paragraph(self, style_id: str | None, inline: Sequence[Token]) -> Paragraph:
        p = self._new_paragraph(style_id)
        if style_id == NUMBER_STYLE and self._restart_num is not None:
            num_pr = p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = self._restart_num
        paragraph = Paragraph(p, self.doc._body)
        add_inline(paragraph, inline)
        return paragraph

    def _add_table(self, tokens: Sequence[Token], start: int) -> int:
        rows: list[list[list[Token]]] = []
        i = start
        while tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                rows.append([])
            elif tok.type == "inline":
                rows[-1].append(tok.children or [])
            i += 1
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=1, cols=width)
        table._tbl.tblStyle_val = TABLE_STYLE
        table.autofit = False
        texts = [["".join(t.content for t in inline if t.type == "text") for inline in row] for row in rows]
        widths = self._column_widths(texts, width)
        # The grid and the cells through python-docx's oxml layer: `table.rows[r].cells` works
        # out merged cells on every call, and this table has none. The first row gets its cell
        # widths from python-docx; the others are copies of it (markdown-it gives every row
        # of a table the same number of cells).
        tbl = table._tbl
        for grid_col, column_width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_col.w = column_width
        first = tbl.tr_lst[0]
        for tc, column_width in zip(first.tc_lst, widths, strict=True):
            tc.width = column_width
        for _ in rows[1:]:
            tbl.append(copy.deepcopy(first))
        for r, (tr, row) in enumerate(zip(tbl.tr_lst, rows, strict=True)):
            for c, (tc, inline) in enumerate(zip(tr.tc_lst, row, strict=True)):
                add_inline(Paragraph(tc.p_lst[0], table), inline)
                fill = self._shading.get(texts[r][c])
                if fill:
                    _shade(tc, fill)
        return i

    def _column_widths(self, texts: list[list[str]], columns: int) -> list[Length]:
        """Share the text width between columns so that words do not break and long text gets room.

        Each column first gets the width of its longest word (header included; a hyphen may
        end a line), then the rest of the width goes to the columns whose cells are longer than
        that, in proportion to the longest cell (capped, so one long cell does not starve the
        others). Widths are estimated from an average character width, not measured.
        """
        section = self.doc.sections[-1]
        available = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        minimum, wanted = [], []
        for c in range(columns):
            column = [row[c] for row in texts if c < len(row)]
            word = max((len(w) for text in column for w in _WORD_BREAKS.split(text)), default=0)
            body = max((len(text) for text in column[1:]), default=0)
            minimum.append(word * _CHAR_WIDTH + _CELL_PADDING)
            wanted.append(max(min(body, _MAX_COLUMN_CHARS) * _CHAR_WIDTH + _CELL_PADDING, minimum[-1]))
        spare = available - sum(minimum)
        if spare <= 0:  # the words alone do not fit: shrink every column alike
            return [Emu(int(available * m / sum(minimum))) for m in minimum]
        growth = [w - m for w, m in zip(wanted, minimum, strict=True)]
        if sum(growth) <= spare:  # everything fits: share what is left in proportion to the wanted widths
            extra = available - sum(wanted)
            return [Emu(int(w + extra * w / sum(wanted))) for w in wanted]
        return [Emu(int(m + spare * g / sum(growth))) for m, g in zip(minimum, growth, strict=True)]


def _shade(tc: Any, fill: str) -> None:
    """Give a table cell (``w:tc``) a solid background (``w:shd``; python-docx has no API for it)."""
    proto = _local.__dict__.get("shd")
    if proto is None:
        proto = _local.shd = OxmlElement("w:shd")
        proto.set(qn("w:val"), "clear")
        proto.set(qn("w:color"), "auto")
    shd = copy.deepcopy(proto)
    shd.set(qn("w:fill"), fill)
    tc.get_or_add_tcPr().append(shd)


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
