"""Markdown tables as Word tables: column widths, shaded cells, and what keeps a table readable.

Every row is kept whole on one page (``w:cantSplit``), and a short table whole; the header row is marked as such
(``w:tblHeader``), so Word and LibreOffice repeat it at the top of every page the table runs on
and screen readers announce it; the table carries a title and a description (``w:tblCaption``,
``w:tblDescription``: Word's alt text for tables).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from jdgen.render import docx_xml as x
from jdgen.render.markdown import Token
from jdgen.render.text import clean

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
_EMU_PER_TWIP = 635
_TABLE_PROPERTIES = (
    f'<w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/><w:tblW w:type="auto" w:w="0"/><w:tblLayout w:type="fixed"/>'
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" '
    'w:val="04A0"/>'
)


def table_rows(tokens: Sequence[Token], start: int) -> tuple[list[list[Sequence[Token]]], int]:
    """The cells' inline tokens of the table opening at `start`, row by row, and the index of its close."""
    rows: list[list[Sequence[Token]]] = []
    i = start
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "inline":
            rows[-1].append(tok.children)
        i += 1
    return rows, i


def table_xml(
    rows: list[list[Sequence[Token]]],
    cell_runs: Callable[[Sequence[Token]], str],
    text_width: int,
    *,
    shading: Mapping[str, str],
    title: str,
) -> str:
    """A ``w:tbl`` of `rows` (the first is the header) in a text column `text_width` EMU wide.

    `cell_runs` writes a cell's inline tokens as runs; a cell whose whole text is a key of
    `shading` gets that background colour. `title` names the table for its alt text.
    """
    width = max(len(r) for r in rows)
    texts = [["".join(t.content for t in inline if t.type == "text") for inline in row] for row in rows]
    twips = [round(w / _EMU_PER_TWIP) for w in _column_widths(text_width, texts, width)]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    keep = len(rows) <= KEEP_TOGETHER_ROWS  # each row kept with the next one: Word's way of keeping a table whole
    described = _describe(clean(title), [[clean(text) for text in row] for row in texts[:1]] + texts[1:])
    out = [_TABLE_PROPERTIES, described, "</w:tblPr><w:tblGrid>", grid, "</w:tblGrid>"]
    last = len(rows) - 1
    for r, row in enumerate(rows):
        out.append(
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if r == 0 else "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        )
        for c, w in enumerate(twips):
            fill = shading.get(texts[r][c]) if c < len(row) else None
            shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{x.attribute(fill)}"/>' if fill else ""
            runs = cell_runs(row[c]) if c < len(row) else ""
            properties = "<w:pPr><w:keepNext/></w:pPr>" if keep and r < last else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/>{shade}</w:tcPr>{x.paragraph(properties, runs)}</w:tc>'
            )
        out.append("</w:tr>")
    return "<w:tbl>" + "".join(out) + "</w:tbl>"


def _describe(title: str, texts: list[list[str]]) -> str:
    """The table's alt text: a title and a description naming its columns and rows."""
    columns = ", ".join(text for text in texts[0] if text)
    rows = len(texts) - 1
    description = f"{rows} {'row' if rows == 1 else 'rows'}; columns: {columns}."
    out = ""
    for tag, value in (("w:tblCaption", title or "Table"), ("w:tblDescription", description)):
        cut = value if len(value) <= _MAX_ALT_CHARS else value[: _MAX_ALT_CHARS - 1] + "…"
        out += f'<{tag} w:val="{x.attribute(cut)}"/>'
    return out


def _column_widths(available: int, texts: list[list[str]], columns: int) -> list[int]:
    """Share the text width between columns so that words do not break and long text gets room.

    Each column first gets the width of its longest word (header included; a hyphen may
    end a line), then the rest of the width goes to the columns whose cells are longer than
    that, in proportion to the longest cell (capped, so one long cell does not starve the
    others). Widths are estimated from an average character width, not measured.
    """
    minimum, wanted = [], []
    for c in range(columns):
        column = [row[c] for row in texts if c < len(row)]
        word = max((len(w) for text in column for w in _WORD_BREAKS.split(text)), default=0)
        body = max((len(text) for text in column[1:]), default=0)
        minimum.append(word * _CHAR_WIDTH + _CELL_PADDING)
        wanted.append(max(min(body, _MAX_COLUMN_CHARS) * _CHAR_WIDTH + _CELL_PADDING, minimum[-1]))
    spare = available - sum(minimum)
    if spare <= 0:  # the words alone do not fit: shrink every column alike
        return [int(available * m / sum(minimum)) for m in minimum]
    growth = [w - m for w, m in zip(wanted, minimum, strict=True)]
    if sum(growth) <= spare:  # everything fits: share what is left in proportion to the wanted widths
        extra = available - sum(wanted)
        return [int(w + extra * w / sum(wanted)) for w in wanted]
    return [int(m + spare * g / sum(growth)) for m, g in zip(minimum, growth, strict=True)]
