"""The documents the wizard shows in its frames: the library's HTML pages, fitted to a side panel or a phone.

The board comparison and the JD's preview are whole pages from `jdgen.render`, shown in sandboxed
``srcdoc`` frames under the wizard's policy (no script runs in them; inline styles are allowed).
The wizard changes no word of them: it adds its own stylesheet (``templates/web/frame.css``) to the
page's head, and puts each table in a box of its own that scrolls sideways, so that a wide table
(the comparison's coverage matrix) is never cut off by the frame.
"""

from __future__ import annotations

import re
from functools import cache

from jdgen.common import resources

#: The class of the box around each table (frame.css makes it scroll, with the first column fixed).
TABLE_BOX = "jdgen-table"

_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_TABLE = re.compile(r"<table\b[^>]*>.*?</table\s*>", re.IGNORECASE | re.DOTALL)


@cache
def frame_style() -> str:
    """The wizard's stylesheet for its frames, as the ``<style>`` element added to each page."""
    css = (resources.templates_dir() / "web" / "frame.css").read_text(encoding="utf-8")
    return f'<style id="jdgen-frame">\n{css}</style>\n'


def framed(page: str) -> str:
    """A rendered HTML page as a frame shows it: the wizard's style in its head, each table in its box.

    A page without a head (from a user's own page template) keeps its look: only its tables are boxed.
    """
    boxed = _TABLE.sub(lambda table: f'<div class="{TABLE_BOX}">{table[0]}</div>', page)
    head_end = _HEAD_END.search(boxed)
    if head_end is None:
        return boxed
    return boxed[: head_end.start()] + frame_style() + boxed[head_end.start() :]
