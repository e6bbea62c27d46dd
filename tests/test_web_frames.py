"""What the wizard adds to the documents it shows in its frames, and that it changes no word of them."""

from __future__ import annotations

import jdgen
from jdgen.web.frames import frame_style, framed
from tests.test_web_wizard import CATALOG, library_answers, library_profile, unframed


def test_each_table_of_the_comparison_gets_a_scroll_box_and_the_page_the_wizard_style() -> None:
    page = str(jdgen.render(jdgen.compare(CATALOG, library_answers(), library_profile()), "html"))
    shown = framed(page)
    tables = page.count("<table>")
    assert tables > len(CATALOG.domains)  # the legend, the ranking and a matrix per domain
    assert shown.count('<div class="jdgen-table"><table>') == tables
    assert frame_style() in shown.split("</head>", 1)[0]
    assert unframed(shown) == page


def test_a_page_without_a_head_keeps_its_look_and_its_tables_still_scroll() -> None:
    page = "<main><p>Hi</p><table><tr><td>a</td></tr></table></main>"
    assert framed(page) == '<main><p>Hi</p><div class="jdgen-table"><table><tr><td>a</td></tr></table></div></main>'
