"""A recruiter goes through the web wizard in a real browser, from the company to the Word file.

The real server (``python -m jdgen serve --port 0``) runs as a subprocess and the system's
Chromium drives its pages through Playwright: the pay-law panel and the verdict follow what is
typed (the page's script), going back keeps what was entered, the previews render in their
frames, and the downloads are real files that python-docx opens. Markup typed as the company
name must show as text, and no script may run.

A full-page screenshot of each step goes to ``$JDGEN_ARTIFACTS/wizard/`` (``test-artifacts/wizard/``
by default), with the downloaded files.

Without Chromium at /usr/bin/chromium (Debian's ``chromium`` package) or the playwright package,
the tests are skipped with the reason shown (pytest's ``-ra``); with ``JDGEN_REQUIRE_BROWSER=1``
(set by ``.ci/run``) they fail instead, so CI never skips them. Playwright never downloads a
browser here: it is given the system's.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest

from tests.serve_process import start_server

try:
    from playwright.sync_api import Browser, Dialog, Locator, Page, expect, sync_playwright
except ImportError:  # the skip (or the failure under JDGEN_REQUIRE_BROWSER=1) says so
    sync_playwright = None

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT = 30  # seconds, for the server to start and for each wait in the browser
VIEWPORT = {"width": 1400, "height": 1000}

TITLE = "Chief Customer Officer"
COMPANY = "Acme Insurance"
BENEFIT = "Medical, dental and vision cover"
COLORADO_LAW = "Colorado (Equal Pay for Equal Work Act"
NOTE = "Budget frozen until Q3"
ANSWERS = {  # statement id → answer; the others stay "unknown"
    "customer-goals-owner": "no",
    "agreed-metrics": "no",
    "resources": "no",
    "role-clarity": "yes",
    "participation": "yes",
    "collaboration-process": "yes",
}
NOTED = "resources"  # the statement given a note
MARKUP = "<img src=x onerror=alert(1)>"
QUOTED_MARKUP = '"><img src=x onerror=alert(2)>'  # would end a value="..." attribute early


def _require(reason: str) -> None:
    if os.environ.get("JDGEN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (JDGEN_REQUIRE_BROWSER=1: CI must not skip it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def artifacts() -> Path:
    folder = Path(os.environ.get("JDGEN_ARTIFACTS", "test-artifacts")) / "wizard"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The wizard's address, from the line the real ``jdgen serve`` prints; stopped at the end."""
    running = start_server(tmp_path_factory.mktemp("server"), "--no-surveys")
    try:
        yield running.url
    finally:
        running.stop()
    problems = running.logged()
    assert "Traceback" not in problems and "unexpected" not in problems, f"the server logged:\n{problems}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        _require("the playwright package is not installed: pip install -e '.[test]'")
    if not CHROMIUM.is_file():
        _require(f"{CHROMIUM} not found: install Debian's chromium package to run the browser tests")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=TIMEOUT * 1000
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@dataclass
class Tab:
    """A page of a fresh browser context, with every dialog and script error it met."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def tab(browser: Browser, server: str) -> Iterator[Tab]:
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, base_url=server)
    context.set_default_timeout(TIMEOUT * 1000)
    expect.set_options(timeout=TIMEOUT * 1000)
    page = context.new_page()
    seen = Tab(page)

    def on_dialog(dialog: Dialog) -> None:  # recorded, then dismissed so the page never hangs on it
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    try:
        yield seen
    finally:
        context.close()


def _settle(page: Page) -> None:
    """Scrolled to the top, the fonts loaded and two frames painted (the srcdoc frames paint a little late)."""
    page.evaluate(
        "() => { document.activeElement?.blur(); window.scrollTo(0, 0); return document.fonts.ready.then(() =>"
        " new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))); }"
    )


def _screenshot(page: Page, folder: Path, name: str) -> None:
    _settle(page)
    page.screenshot(path=folder / name, full_page=True)


def _go(page: Page, button: Locator, path: str) -> None:
    """Click a button that posts the form, and wait for the next page (and its script) to load."""
    with page.expect_navigation(url=f"**{path}", wait_until="load"):
        button.click()


def _button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


def _answer(page: Page, statement: str, value: str) -> Locator:
    return page.locator(f'input[name="answer.{statement}"][value="{value}"]')


def _check_step(page: Page, number: int, heading: str) -> None:
    expect(page.locator('nav.steps li[aria-current="step"] span')).to_have_text(str(number))
    expect(page.locator("main h1")).to_have_text(heading)


def _fill_profile(page: Page) -> None:
    page.fill("#f-company", COMPANY)
    page.fill("#f-location\\.city", "Denver")
    page.fill("#f-location\\.region", "Colorado")
    page.fill("#f-location\\.country", "United States")
    page.fill("#f-pay\\.min", "250,000")
    page.fill("#f-pay\\.max", "320,000")
    page.fill("#f-pay\\.currency", "USD")
    page.select_option("#f-pay\\.period", "year")
    page.fill("#f-benefits", BENEFIT)


def _paragraphs(blob: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph of a .docx."""
    return [(p.style.name if p.style is not None else "", p.text) for p in docx.Document(io.BytesIO(blob)).paragraphs]


def _download(page: Page, fmt: str, folder: Path) -> Path:
    """Click a download button; the file the browser receives, saved under its suggested name."""
    with page.expect_download() as info:
        page.click(f"button[name=format][value={fmt}]")
    download = info.value
    assert download.failure() is None
    saved = folder / download.suggested_filename
    download.save_as(saved)
    return saved


def test_a_recruiter_goes_from_the_company_to_the_word_file(tab: Tab, artifacts: Path) -> None:
    page = tab.page
    page.goto("/")

    # Step 1: the company. The pay-law panel follows what is typed (the script asks the server).
    _check_step(page, 1, "Who is hiring, where, and for how much?")
    hints = page.locator("#hints")
    expect(hints).to_contain_text("the profile gives no location")
    _fill_profile(page)
    expect(hints).to_contain_text(COLORADO_LAW)
    expect(hints.locator("p.ok")).to_have_text("The posting will show what these laws ask for.")  # pay and benefits
    expect(hints).not_to_contain_text("the profile gives no location")
    _screenshot(page, artifacts, "01-profile.png")
    _go(page, _button(page, "Next: readiness →"), "/wizard/readiness")

    # Step 2: the readiness statements; the verdict follows the answers.
    _check_step(page, 2, "Is the company ready for a CCO?")
    statements = page.locator("fieldset.statement")
    expect(statements).to_have_count(11)
    expect(page.locator('input[type=radio][name^="answer."][value="unknown"]:checked')).to_have_count(11)
    verdict = page.locator("#verdict")
    expect(verdict).to_contain_text("unknown: 11")
    before = verdict.inner_text()
    expect(verdict.locator("h3")).to_have_count(0)  # no gap yet
    for statement, value in ANSWERS.items():
        _answer(page, statement, value).check()
    page.fill(f'input[name="note.{NOTED}"]', NOTE)
    expect(verdict).to_contain_text("no: 3")
    expect(verdict).to_contain_text("yes: 3")
    expect(verdict).to_contain_text("unknown: 5")
    expect(verdict).to_contain_text("Gaps the JD will close")
    assert verdict.inner_text() != before
    _screenshot(page, artifacts, "02-readiness.png")

    # Back to the company: what was typed is still there, and so are the answers after it.
    _go(page, _button(page, "← Back"), "/wizard/profile")
    _check_step(page, 1, "Who is hiring, where, and for how much?")
    expect(page.locator("#f-company")).to_have_value(COMPANY)
    expect(page.locator("#f-location\\.region")).to_have_value("Colorado")
    expect(page.locator("#f-pay\\.min")).to_have_value("250,000")
    expect(page.locator("#f-pay\\.period")).to_have_value("year")
    expect(page.locator("#f-benefits")).to_have_value(BENEFIT)
    expect(hints).to_contain_text(COLORADO_LAW)
    _go(page, _button(page, "Next: readiness →"), "/wizard/readiness")
    _check_step(page, 2, "Is the company ready for a CCO?")
    for statement, value in ANSWERS.items():
        expect(_answer(page, statement, value)).to_be_checked()
    expect(_answer(page, "marketing-back", "unknown")).to_be_checked()
    expect(page.locator(f'input[name="note.{NOTED}"]')).to_have_value(NOTE)
    expect(verdict).to_contain_text("no: 3")
    _go(page, _button(page, "Next: choose the archetype →"), "/wizard/archetype")

    # Step 3: the archetypes, ranked, the top one chosen; the recruiter takes the second.
    _check_step(page, 3, "Which kind of CCO?")
    choices = page.locator("fieldset.archetypes label.archetype")
    assert choices.count() >= 2
    expect(choices.first.locator("input[name=archetype]")).to_be_checked()
    expect(choices.first.locator(".rank")).to_have_text("#1")
    second = choices.nth(1)
    chosen = second.locator("input[name=archetype]").get_attribute("value")
    chosen_name = second.locator(".name").inner_text()
    assert chosen
    second.click()
    expect(second.locator("input[name=archetype]")).to_be_checked()
    expect(choices.first.locator("input[name=archetype]")).not_to_be_checked()
    board = page.frame_locator('iframe[title="Board comparison"]')
    expect(board.locator("h1").first).to_be_visible()
    expect(board.locator("body")).to_contain_text(chosen_name)
    _screenshot(page, artifacts, "03-archetype.png")
    _go(page, _button(page, "Next: preview the JD →"), "/wizard/preview")

    # Step 4: the posting's preview, the advisory beside it, and the posting check.
    _check_step(page, 4, f"{TITLE} · {COMPANY}")
    expect(page.locator('input[name=edition][value="posting"]')).to_be_checked()
    preview = page.frame_locator('iframe[title="Job description preview"]')
    expect(preview.locator("h1")).to_have_text(TITLE)
    expect(preview.locator("body")).to_contain_text(COMPANY)
    expect(preview.locator("body")).to_contain_text("Denver, Colorado, United States")
    expect(preview.locator("body")).to_contain_text("USD 250,000–320,000 per year")
    expect(preview.locator("body")).not_to_contain_text("Internal advisory")
    advisory = page.locator("section.advisory")
    expect(advisory).to_be_visible()
    expect(advisory).to_contain_text("Readiness:")
    lint = page.locator("section.lint")
    expect(lint).to_be_visible()
    expect(lint.locator("h2")).to_contain_text("Posting check")
    expect(lint).to_contain_text("Pay laws checked: Colorado")
    _screenshot(page, artifacts, "04-preview.png")

    # The posting's Markdown: a real attachment, named after the company and the archetype chosen.
    saved = _download(page, "md", artifacts)
    assert saved.name == f"acme-insurance-cco-{chosen}-posting.md"
    markdown = saved.read_text(encoding="utf-8")
    assert markdown.startswith(f"# {TITLE}\n")
    assert f"**{COMPANY}**" in markdown
    assert "Denver, Colorado, United States" in markdown
    assert "USD 250,000–320,000 per year" in markdown
    assert BENEFIT in markdown
    assert "Internal advisory" not in markdown

    # The internal edition: choosing it updates the preview at once, with the advisory inside.
    _go(page, page.locator('input[name=edition][value="internal"]'), "/wizard/preview")
    expect(page.locator('input[name=edition][value="internal"]')).to_be_checked()
    expect(preview.locator("h1")).to_have_text(TITLE)
    expect(preview.locator("body")).to_contain_text("Internal advisory: not for posting")
    expect(preview.locator("body")).to_contain_text("Execution-chasm warnings")
    expect(preview.get_by_role("heading", name="Readiness", exact=True)).to_be_visible()
    _screenshot(page, artifacts, "05-preview-internal.png")

    # The internal Word file: the title, the company, the advisory, in Word's heading styles.
    saved = _download(page, "docx", artifacts)
    assert saved.name == f"acme-insurance-cco-{chosen}.docx"
    paragraphs = _paragraphs(saved.read_bytes())
    texts = [text for _, text in paragraphs]
    assert paragraphs[0] == ("Title", TITLE)
    assert COMPANY in texts
    assert any("USD 250,000–320,000 per year" in text for text in texts)
    headings = {style: [text for s, text in paragraphs if s == style] for style in ("Heading 1", "Heading 2")}
    assert all(headings.values()), f"no paragraph in some heading style: {headings}"
    assert "Responsibilities" in headings["Heading 1"]
    assert any(text.startswith("Internal advisory") for text in headings["Heading 1"])

    # The page stays where it was: a download does not leave the preview.
    _check_step(page, 4, f"{TITLE} · {COMPANY}")
    _screenshot(page, artifacts, "06-downloaded.png")
    assert tab.dialogs == []
    assert tab.errors == []


def test_markup_typed_as_the_company_shows_as_text(tab: Tab, artifacts: Path) -> None:
    page = tab.page
    page.goto("/")
    page.fill("#f-company", MARKUP)
    page.fill("#f-industry", QUOTED_MARKUP)
    page.fill("#f-location\\.region", "Colorado")
    page.fill("#f-location\\.country", "United States")
    expect(page.locator("#hints")).to_contain_text(COLORADO_LAW)  # the script's refresh came back

    # The server's own pages keep them as the fields' values (shown, then hidden), not as markup.
    _go(page, _button(page, "Check pay rules"), "/wizard/profile")
    expect(page.locator("#f-company")).to_have_value(MARKUP)
    expect(page.locator("#f-industry")).to_have_value(QUOTED_MARKUP)
    _go(page, _button(page, "Next: readiness →"), "/wizard/readiness")
    expect(page.locator("input[type=hidden][name=industry]")).to_have_value(QUOTED_MARKUP)
    _go(page, _button(page, "Next: choose the archetype →"), "/wizard/archetype")
    board = page.frame_locator('iframe[title="Board comparison"]')
    expect(board.locator("body")).to_contain_text(MARKUP)
    assert page.locator("img").count() == 0
    assert board.locator("img").count() == 0
    _go(page, _button(page, "Next: preview the JD →"), "/wizard/preview")

    expect(page.locator("main h1")).to_have_text(f"{TITLE} · {MARKUP}")
    preview = page.frame_locator('iframe[title="Job description preview"]')
    expect(preview.locator("h1")).to_have_text(TITLE)
    expect(preview.locator("body")).to_contain_text(MARKUP)
    assert page.locator("img").count() == 0
    assert preview.locator("img").count() == 0
    _screenshot(page, artifacts, "07-markup-as-text.png")

    _go(page, page.locator('input[name=edition][value="internal"]'), "/wizard/preview")
    expect(preview.locator("body")).to_contain_text("Internal advisory: not for posting")
    expect(preview.locator("body")).to_contain_text(MARKUP)
    assert preview.locator("img").count() == 0
    page.wait_for_timeout(300)  # room for an onerror handler to fire, were there one
    assert tab.dialogs == []
    assert tab.errors == []
