"""In Chromium: a posting check's finding on step 4 links to its words, marked in the preview.

The preview is a sandboxed frame; the link moves that frame to the mark (a fragment of its own
document), with no script in the frame. On a phone, where the frame is below the findings, the
page's script brings the frame into view as well.

Skipped (or failed, under ``JDGEN_REQUIRE_BROWSER=1``) as the other browser tests are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_web_browser import (  # noqa: F401  (fixtures: the server, the browser, the artifacts folder)
    TIMEOUT,
    Tab,
    _button,
    _go,
    artifacts,
    browser,
    server,
)

with contextlib.suppress(ImportError):  # without it, the fixtures skip (or fail) with the reason
    from playwright.sync_api import Browser, Dialog, Page, expect

pytestmark = pytest.mark.browser

ABOUT = "We want a rockstar who is aggressive and driven.\n\nA ninja at heart."
IN_VIEW = """id => { const r = document.getElementById(id).getBoundingClientRect();
  return r.top >= 0 && r.bottom <= innerHeight; }"""


@pytest.fixture(params=[(1366, 768), (390, 844)], ids=["laptop", "phone"])
def tab(request: pytest.FixtureRequest, browser: Browser, server: str) -> Iterator[Tab]:  # noqa: F811
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=server)
    context.set_default_timeout(TIMEOUT * 1000)
    expect.set_options(timeout=TIMEOUT * 1000)
    seen = Tab(context.new_page())

    def on_dialog(dialog: Dialog) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    seen.page.on("dialog", on_dialog)
    seen.page.on("pageerror", lambda error: seen.errors.append(str(error)))
    try:
        yield seen
    finally:
        context.close()


def _to_the_preview(page: Page) -> None:
    page.goto("/")
    page.fill("#f-company", "Acme Insurance")
    page.fill("#f-about", ABOUT)
    _go(page, _button(page, "Next: readiness →"), "/wizard/readiness")
    _go(page, _button(page, "Next: choose the archetype →"), "/wizard/archetype")
    _go(page, _button(page, "Next: preview the JD →"), "/wizard/preview")


def test_a_findings_link_brings_its_marked_words_into_view(tab: Tab, artifacts: Path) -> None:  # noqa: F811
    page = tab.page
    _to_the_preview(page)
    preview = page.frame_locator('iframe[name="preview"]')
    expect(preview.locator("h1")).to_be_visible()
    frame = page.locator('iframe[name="preview"]').element_handle().content_frame()  # type: ignore[union-attr]
    assert frame is not None
    links = page.locator('section.lint a[target="preview"]')
    words = links.all_inner_texts()
    assert {"rockstar", "aggressive", "ninja"} <= set(words)
    anchors = [str(link.get_attribute("href")).removeprefix("about:srcdoc#") for link in links.all()]
    out_of_view = [i for i, anchor in enumerate(anchors) if not frame.evaluate(IN_VIEW, anchor)]
    assert out_of_view, "some marked word starts below the preview's fold"
    chosen = out_of_view[-1]
    mark = preview.locator(f"mark#{anchors[chosen]}")
    expect(mark).to_have_text(words[chosen])

    links.nth(chosen).click()
    expect(mark).to_be_in_viewport()
    assert frame.evaluate(IN_VIEW, anchors[chosen])
    assert frame.evaluate("() => document.querySelector(':target')?.id") == anchors[chosen]
    expect(page.locator('iframe[name="preview"]')).to_be_in_viewport()
    expect(preview.locator("h1")).to_have_count(1)  # the same document, moved: not reloaded or blanked
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=artifacts / f"marks-{width}.png")  # what the user sees: the page where it is
    assert tab.dialogs == [] and tab.errors == []
