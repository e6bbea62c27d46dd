"""Posting files as text for `jdgen lint`.

Markdown and plain text are read as they are, HTML and Word documents as Markdown-like text (headings as '#' lines, list items as '- ' lines), so the
checks can find the requirements section and count bullets whatever the file was written in.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdgen.common.errors import InputError
from jdgen.render.docx_package import PackageError, checked_package

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

READABLE = (".md", ".markdown", ".txt", ".text", ".html", ".htm", ".docx")
MAX_FILE_BYTES = 20_000_000
"""The largest posting file read (a .docx with images stays well below it)."""


def read_posting(path: str | Path) -> str:
    """The text of a posting file as Markdown-like text ('-' reads standard input).

    .md and .txt are read as they are; .html keeps headings, list items (nested ones indented)
    and bold as Markdown (scripts and styles dropped); .docx keeps heading and list styles
    (with their levels) as Markdown headings and bullets, content controls' text, and table
    rows as lines. Positions in findings refer to this text.

    Raises:
        InputError: the file is missing, unreadable, not UTF-8, of an unknown type, or not a .docx.
    """
    if str(path) == "-":
        return _decode(sys.stdin.buffer.read(MAX_FILE_BYTES + 1), "standard input")
    file = Path(path)
    if file.is_dir():
        raise InputError(f"{file}: is a folder; give a posting file")
    suffix = file.suffix.lower()
    if suffix not in READABLE:
        kind = f"a {suffix} file" if suffix else "a file without an extension"
        raise InputError(f"{file}: cannot read {kind}; give one of {', '.join(READABLE)}")
    try:
        with file.open("rb") as handle:  # bounded: a device or pipe reports no size
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except OSError as exc:
        raise InputError(f"{file}: cannot read it ({exc.strerror or exc})") from None
    if suffix == ".docx":
        return docx_text(data, str(file))
    text = _decode(data, str(file))
    return html_text(text) if suffix in (".html", ".htm") else text


def _decode(data: bytes, label: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{label}: larger than {MAX_FILE_BYTES // 1_000_000} MB; a posting is far smaller")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


_SKIP = frozenset({"script", "style", "head", "template", "noscript"})
_BREAK = frozenset({"p", "div", "br", "tr", "table", "section", "article", "blockquote", "li", "dt", "dd"})
_LISTS = frozenset({"ul", "ol"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.skip = 0
        self.depth = 0  # list nesting

    def flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line and line.strip("*"):
            self.lines.append(self.prefix + line)
            self.prefix = ""  # an empty flush (<li><p>…) keeps the bullet for the text that follows
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skip = 0  # </head> is optional in HTML
        elif tag in _SKIP:
            self.skip += 1
        elif tag in _LISTS:
            self.flush()
            self.prefix = ""
            self.depth += 1
        elif tag in _HEADINGS or tag in _BREAK:
            self.flush()
            if tag in _HEADINGS:
                self.prefix = "#" * int(tag[1]) + " "
            elif tag == "li":
                self.prefix = "  " * max(0, self.depth - 1) + "- "
        elif tag in ("b", "strong"):
            self.current.append("**")
        elif tag in ("td", "th"):
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _LISTS:
            self.flush()
            self.depth = max(0, self.depth - 1)
        elif tag in _HEADINGS or tag in _BREAK:
            self.flush()
            self.prefix = ""
        elif tag in ("b", "strong"):
            self.current.append("**")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data)

    def handle_comment(self, data: str) -> None:
        if not self.skip and data.strip().startswith("jdgen-lint:"):  # a suppression, kept on a line of its own
            self.flush()
            self.lines.append(f"<!--{' '.join(data.split())}-->")


def html_text(html: str) -> str:
    """An HTML page's text, with headings as '#' lines, list items as '- ' lines and bold as '**'."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    parser.flush()
    return "\n\n".join(parser.lines) + "\n"


MAX_DOCX_XML_BYTES = 50_000_000
"""The most a .docx may hold once unzipped, counted while it is unzipped (a zip bomb is refused)."""


def docx_text(data: bytes, label: str) -> str:
    """A Word document's text, with heading styles as '#' lines and list styles as '- ' lines."""
    import docx

    not_word = InputError(f"{label}: not a Word document (.docx); open it in Word and save it as .docx")
    try:
        try:
            package = checked_package(data, MAX_DOCX_XML_BYTES, MAX_DOCX_XML_BYTES)
        except PackageError as exc:
            if str(exc).startswith("unzips"):
                raise InputError(f"{label}: {exc}; not a posting") from None
            raise not_word from None
        document = docx.Document(io.BytesIO(package))
        body = document.element.body
        if body is None:
            raise not_word
        lines: list[str] = []
        _docx_blocks(body, document, lines)
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError, TypeError):
        raise not_word from None
    except Exception as exc:  # python-docx's PackageNotFoundError, lxml's XMLSyntaxError
        if type(exc).__module__.split(".")[0] in ("docx", "lxml"):
            raise not_word from None
        raise
    return "\n\n".join(lines) + "\n"


def _docx_blocks(element: Any, document: Any, lines: list[str]) -> None:
    """Paragraphs and tables in document order, looking inside content controls and the like."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            line = _docx_line(Paragraph(child, document))
            if line:
                lines.append(line)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                if any(cells):
                    lines.append(" · ".join(c for c in cells if c))
        elif tag in ("sdt", "sdtContent", "customXml", "smartTag", "ins"):
            _docx_blocks(child, document, lines)


_LIST_LEVEL = re.compile(r"^List (?:Bullet|Number|Paragraph|Continue)(?: (\d))?$")


def _docx_line(paragraph: Paragraph) -> str:
    text = " ".join(paragraph.text.split())
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return "# " + text
    if style.startswith("Heading") and style[7:].strip().isdigit():
        return "#" * min(6, int(style[7:]) + 1) + " " + text
    ppr = paragraph._p.pPr
    numbered = ppr is not None and ppr.numPr is not None
    named = _LIST_LEVEL.match(style)
    if named or numbered or "List" in style:
        level = 0
        ilvl = paragraph._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
        if numbered and ilvl and str(ilvl[0]).isdigit():
            level = int(ilvl[0])
        elif named and named.group(1):
            level = int(named.group(1)) - 1
        return "  " * min(level, 8) + "- " + text
    return text
