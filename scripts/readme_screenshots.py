"""Take the README's screenshots of the web wizard (docs/wizard-*.png) with the system's Chromium.

python scripts/readme_screenshots.py        # needs jdgen[web], playwright and /usr/bin/chromium
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent.parent / "docs"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ANSWERS = {
    "customer-goals-owner": "no",
    "alignment-process": "no",
    "customer-roadmap": "partial",
    "agreed-metrics": "no",
    "role-clarity": "yes",
    "participation": "yes",
    "resources": "no",
    "collaboration-process": "partial",
}


def main() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "jdgen", "serve", "--port", "0"], stdout=subprocess.PIPE, text=True
    ) as server:
        assert server.stdout is not None
        address = server.stdout.readline().split("the wizard is at ", 1)[1].strip()
        try:
            shoot(address)
        finally:
            server.terminate()


def shoot(address: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(address)
        for field, value in {
            "company": "Acme Insurance",
            "industry": "Insurance",
            "location.city": "Denver",
            "location.region": "Colorado",
            "location.country": "United States",
            "pay.min": "250,000",
            "pay.max": "320,000",
            "pay.currency": "USD",
            "date_posted": "2025-03-03",  # not today's: the pictures stay the same from day to day
        }.items():
            page.fill(f"[name='{field}']", value)
        page.select_option("[name='pay.period']", "year")
        page.click("text=Next: readiness")
        for statement, answer in ANSWERS.items():
            page.check(f"input[name='answer.{statement}'][value='{answer}']")
        page.click("text=Next: choose the archetype")
        frame = page.frame_locator("iframe[title='Board comparison']")
        frame.locator("table").nth(1).wait_for()
        page.frames[1].evaluate(
            "document.querySelectorAll('table')[1].closest('main > *').previousElementSibling.scrollIntoView()"
        )
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(300)
        page.screenshot(path=DOCS / "wizard-archetype.png")
        page.click("text=Next: preview the JD")
        page.frame_locator("iframe[title='Job description preview']").locator("h1").wait_for()
        page.wait_for_timeout(300)
        page.screenshot(path=DOCS / "wizard-preview.png")
        browser.close()
    print(f"wrote {DOCS / 'wizard-archetype.png'} and {DOCS / 'wizard-preview.png'}")


if __name__ == "__main__":
    main()
