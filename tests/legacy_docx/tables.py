"""Markdown tables as Word tables: column widths, shaded cells, and what keeps a table readable.

Every row is kept whole on one page (``w:cantSplit``), and a short table whole; the header row is marked as such
(``w:tblHeader``), so Word and LibreOffice repeat it at the top of every page the table runs on
and screen readers announce it; the table carries a title and a description (``w:tblCaption``,
``w:tblDescription``: Word's alt text for tables).
"""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

TABLE_STYLE = "JDTable"

# Table column widths are estimated, in EMU, from an average character width of the table text
# (about 9.5 pt), the cell margins, and a cap on how much of a long cell a column asks room for.
_CHAR_WIDTH, _CELL_PADDING, _MAX_COLUMN_CHARS = 76_000, 130_000, 60
# Where a line may break inside a cell: spaces, and after a hyphen.
_WORD_BREAKS = re.compile(r"\s+|(?<=-)")
#: A table of at most this many rows (header included) is kept on one page: a legend or a short
#: list is read at a glance, not across a page turn. Longer tables break between rows.
KEEP_TOGETHER_ROWS = 8
#: Longest table title and description written (Word's dialog shows a few lines of each).
_MAX_ALT_CHARS = 250

_local = threading.local()  # lxml elements are not to be shared between threads


def table_rows(tokens: Sequence[Token], start: int) -> tuple[list[list[list[Token]]], int]:
    """The cells' inline tokens of the table opening at `start`, row by row, and the index of its close."""
    rows: list[list[list[Token]]] = []
    i = start
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "inline":
            rows[-1].append(tok.children or [])
        i += 1
    return rows, i


def add_table(
    document: DocxDocument,
    rows: list[list[list[Token]]],
    fill_inline: Callable[[Paragraph, Sequence[Token]], None],
    *,
    shading: Mapping[str, str],
    title: str,
) -> Any:
    """Append a table of `rows` (the first is the header) to the document; return its ``w:tbl``.

    `fill_inline` writes a cell's inline tokens into its paragraph; a cell whose whole text is a
    key of `shading` gets that background colour. `title` names the table for its alt text.
    """
    width = max(len(r) for r in rows)
    table = document.add_table(rows=1, cols=width)
    table._tbl.tblStyle_val = TABLE_STYLE
    table.autofit = False
    texts = [["".join(t.content for t in inline if t.type == "text") for inline in row] for row in rows]
    widths = _column_widths(document, texts, width)
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
    first.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for _ in rows[1:]:
        tbl.append(copy.deepcopy(first))
    first.trPr.append(OxmlElement("w:tblHeader"))  # after the copies: only the first row is the header
    for r, (tr, row) in enumerate(zip(tbl.tr_lst, rows, strict=True)):
        for c, (tc, inline) in enumerate(zip(tr.tc_lst, row, strict=True)):
            fill_inline(Paragraph(tc.p_lst[0], table), inline)
            fill = shading.get(texts[r][c])
            if fill:
                _shade(tc, fill)
    if len(rows) <= KEEP_TOGETHER_ROWS:
        for tr in tbl.tr_lst[:-1]:  # each row kept with the next one (Word's way of keeping a table whole)
            for tc in tr.tc_lst:
                for p in tc.p_lst:
                    p.get_or_add_pPr().keepNext_val = True
    _describe(tbl, title, texts)
    return tbl


def _describe(tbl: Any, title: str, texts: list[list[str]]) -> None:
    """Give the table its alt text: a title and a description naming its columns and rows."""
    columns = ", ".join(text for text in texts[0] if text)
    rows = len(texts) - 1
    description = f"{rows} {'row' if rows == 1 else 'rows'}; columns: {columns}."
    for tag, text in (("w:tblCaption", title or "Table"), ("w:tblDescription", description)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), text if len(text) <= _MAX_ALT_CHARS else text[: _MAX_ALT_CHARS - 1] + "…")
        tbl.tblPr.append(element)  # the last two children of w:tblPr, after w:tblLook


def _column_widths(document: DocxDocument, texts: list[list[str]], columns: int) -> list[Length]:
    """Share the text width between columns so that words do not break and long text gets room.

    Each column first gets the width of its longest word (header included; a hyphen may
    end a line), then the rest of the width goes to the columns whose cells are longer than
    that, in proportion to the longest cell (capped, so one long cell does not starve the
    others). Widths are estimated from an average character width, not measured.
    """
    section = document.sections[-1]
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
