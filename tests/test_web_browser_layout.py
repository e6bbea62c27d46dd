"""The wizard fits the screen: a laptop (1366 and 1024 px wide) and a phone (390 px), in Chromium.

Only relations between boxes are measured, never positions, so fonts and browser releases do
not change the outcome: the page never scrolls sideways, every control lies within the screen,
nothing in a frame is cut off by the frame, no cell's text overflows its cell, and a table wider
than its frame scrolls in a box of its own with its first column kept in view and its last
column within reach. Screenshots go to ``$JDGEN_ARTIFACTS/wizard/layout-*.png``.

Skipped (or failed, under ``JDGEN_REQUIRE_BROWSER=1``) as the other browser tests are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_web_browser import (  # noqa: F401  (fixtures: the server, the browser, the artifacts folder)
    ANSWERS,
    TIMEOUT,
    _answer,
    _button,
    _fill_profile,
    _go,
    _screenshot,
    artifacts,
    browser,
    server,
)

with contextlib.suppress(ImportError):  # without it, the fixtures skip (or fail) with the reason
    from playwright.sync_api import Browser, Frame, Page, expect

pytestmark = pytest.mark.browser

SCREENS = {"laptop-1366": (1366, 768), "laptop-1024": (1024, 768), "phone-390": (390, 844)}

# Run in the page or in a frame: what sticks out sideways. Each entry is a sentence for the failure.
OVERFLOW = """() => {
  const html = document.documentElement, width = html.clientWidth, found = [];
  const name = e => `<${e.tagName.toLowerCase()}> "${(e.textContent || e.value || '').trim().slice(0, 40)}"`;
  if (html.scrollWidth > width) found.push(`the page is ${html.scrollWidth}px wide in ${width}px`);
  for (const e of document.querySelectorAll('input:not([type=hidden]), select, textarea, button, nav li, iframe')) {
    const box = e.getBoundingClientRect();
    if (box.width && (box.left < 0 || box.right > width)) found.push(`${name(e)} is not within the screen`);
  }
  return found;
}"""

# Run in a frame: every table readable, cell by cell; a table wider than its box scrolls there.
TABLES = """() => {
  const found = [];
  const text = e => e.textContent.trim().slice(0, 40);
  for (const cell of document.querySelectorAll('th, td')) {
    if (cell.scrollWidth > cell.clientWidth) found.push(`the text of cell "${text(cell)}" overflows it`);
  }
  for (const table of document.querySelectorAll('table')) {
    let box = table.parentElement;
    while (box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    if (box === document.body) continue;  // no box of its own: the frame's own width is checked
    if (box.scrollWidth <= box.clientWidth) continue;  // it fits
    const rows = table.querySelectorAll('tr');
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect();
    for (const row of rows) {
      const first = row.firstElementChild.getBoundingClientRect(), last = row.lastElementChild.getBoundingClientRect();
      if (first.left < edge.left - 1 || first.right > edge.right) found.push(`"${text(row.firstElementChild)}" scrolls out of view`);
      if (last.right > edge.right + 1) found.push(`"${text(row.lastElementChild)}" cannot be scrolled into view`);
    }
    box.scrollLeft = 0;
  }
  return found;
}"""


@pytest.fixture(params=list(SCREENS))
def screen(request: pytest.FixtureRequest, browser: Browser, server: str) -> Iterator[tuple[str, Page]]:  # noqa: F811
    width, height = SCREENS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=server)
    context.set_default_timeout(TIMEOUT * 1000)
    expect.set_options(timeout=TIMEOUT * 1000)
    try:
        yield request.param, context.new_page()
    finally:
        context.close()


def _frame(page: Page, title: str) -> Frame:
    handle = page.locator(f'iframe[title="{title}"]').element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None, f"no {title} frame"
    frame.wait_for_selector("h1")
    return frame


def _check(page: Page, where: str, frames: tuple[str, ...] = ()) -> None:
    assert page.evaluate(OVERFLOW) == [], where
    for title in frames:
        frame = _frame(page, title)
        assert frame.evaluate(OVERFLOW) == [], f"{where}, in the {title} frame"
        assert frame.evaluate(TABLES) == [], f"{where}, in the {title} frame"


def test_every_step_fits_the_screen(screen: tuple[str, Page], artifacts: Path) -> None:  # noqa: F811
    name, page = screen
    page.goto("/")
    _check(page, f"step 1 at {name}")

    page.fill("#f-company_url", "acme .com")  # problems shown beside their fields take room too
    page.fill("#f-pay\\.min", "lots")
    _go(page, _button(page, "Next: readiness →"), "/wizard/readiness")
    expect(page.locator(".field-error")).to_have_count(2)
    _check(page, f"step 1 with problems at {name}")
    _screenshot(page, artifacts, f"layout-{name}-1-problems.png")

    page.fill("#f-company_url", "acme.com")
    _fill_profile(page)
    _go(page, _button(page, "Next: readiness →"), "/wizard/readiness")
    for statement, value in ANSWERS.items():
        _answer(page, statement, value).check()
    _check(page, f"step 2 at {name}")

    _go(page, _button(page, "Next: choose the archetype →"), "/wizard/archetype")
    matrix = _frame(page, "Board comparison")
    assert matrix.locator("table").count() > 3  # the legend, the ranking and the matrix
    _check(page, f"step 3 at {name}", ("Board comparison",))
    _screenshot(page, artifacts, f"layout-{name}-3-archetype.png")

    _go(page, _button(page, "Next: preview the JD →"), "/wizard/preview")
    _check(page, f"step 4 at {name}", ("Job description preview",))
    _go(page, page.locator('input[name=edition][value="internal"]'), "/wizard/preview")
    _check(page, f"step 4, internal edition, at {name}", ("Job description preview",))
    _screenshot(page, artifacts, f"layout-{name}-4-preview.png")
