"""WordprocessingML written as text: escaping, runs and paragraphs, as python-docx and lxml write them.

Every text and attribute value in what jdgen writes into a document part goes through `text`
or `attribute` (the escaping lxml does when it saves). A run's text becomes ``w:t`` elements,
with a ``w:tab`` for each tab and a ``w:br`` for each line break, as python-docx's ``Run.text``
makes them, so that the bytes are those python-docx would save.
"""

from __future__ import annotations

import re

_ATTRIBUTE_ONLY = (('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"))
_RUN_BREAKS = re.compile(r"([\t\r\n])")
_BREAK_ELEMENTS = {"\t": "<w:tab/>", "\r": "<w:br/>", "\n": "<w:br/>"}

#: A run's properties for each (bold, italic), and with the hyperlink character style.
_RUN_PROPERTIES = {
    (False, False): "",
    (True, False): "<w:rPr><w:b/></w:rPr>",
    (False, True): "<w:rPr><w:i/></w:rPr>",
    (True, True): "<w:rPr><w:b/><w:i/></w:rPr>",
}
_LINK_PROPERTIES = {
    (False, False): '<w:rPr><w:rStyle w:val="{style}"/></w:rPr>',
    (True, False): '<w:rPr><w:rStyle w:val="{style}"/><w:b/></w:rPr>',
    (False, True): '<w:rPr><w:rStyle w:val="{style}"/><w:i/></w:rPr>',
    (True, True): '<w:rPr><w:rStyle w:val="{style}"/><w:b/><w:i/></w:rPr>',
}


def text(value: str) -> str:
    """`value` escaped as the text of an element."""
    # str.replace runs in C; it is many times faster than str.translate with a table.
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def attribute(value: str) -> str:
    """`value` escaped as the value of an attribute in double quotes."""
    value = text(value)
    for character, entity in _ATTRIBUTE_ONLY:
        if character in value:
            value = value.replace(character, entity)
    return value


def t(value: str) -> str:
    """One ``w:t`` element, its spaces kept when the text starts or ends with one."""
    if value[:1].isspace() or value[-1:].isspace():
        return f'<w:t xml:space="preserve">{text(value)}</w:t>'
    return f"<w:t>{text(value)}</w:t>"


def run_content(value: str) -> str:
    """The inner content of a run holding `value`: text, tabs and line breaks."""
    if "\t" not in value and "\n" not in value and "\r" not in value:
        return t(value) if value else ""
    return "".join(_BREAK_ELEMENTS.get(piece) or t(piece) for piece in _RUN_BREAKS.split(value) if piece)


def run(value: str, bold: bool = False, italic: bool = False) -> str:
    """A run of `value`, bold and italic as asked."""
    return f"<w:r>{_RUN_PROPERTIES[bold, italic]}{run_content(value)}</w:r>"


def link_run(value: str, bold: bool, italic: bool, style: str) -> str:
    """A run of `value` inside a hyperlink, in the hyperlink character style `style`."""
    return f"<w:r>{_LINK_PROPERTIES[bold, italic].format(style=attribute(style))}{run_content(value)}</w:r>"


def paragraph_properties(
    style: str | None, *, keep_with_next: bool = False, page_break: bool = False, num_id: int | None = None
) -> str:
    """A ``w:pPr`` element (its children in the schema's order), or "" when it would be empty."""
    inner = ""
    if style:
        inner += f'<w:pStyle w:val="{attribute(style)}"/>'
    if keep_with_next:
        inner += "<w:keepNext/>"
    if page_break:
        inner += "<w:pageBreakBefore/>"
    if num_id is not None:
        inner += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


def paragraph(properties: str, content: str) -> str:
    """A ``w:p`` element; an empty one is written self-closed, as lxml writes it."""
    if not properties and not content:
        return "<w:p/>"
    return f"<w:p>{properties}{content}</w:p>"
