"""The posting checks' findings, marked in the JD's preview where the words are.

The findings give lines and columns of the posting's Markdown; the marks must land on the same
words in the HTML whatever Markdown surrounds them (a heading, a list item, bold text, a table
cell, a link), and the page must otherwise stay the library's, byte for byte.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

import jdgen
from jdgen.postings.findings import Finding, Match
from jdgen.postings.wordlists import match_at
from jdgen.render.html import html_page, markdown_body
from jdgen.web import create_app
from jdgen.web.marks import mark_findings, shown_findings
from tests.test_web_wizard import ANSWERS, CATALOG, PROFILE, library_profile, srcdoc, unframed, visible_text

POSTING = """\
# Rockstar Chief Customer Officer

- Lead a **driven** team
- Build the ninja squad

We want an aggressive person.
Someone driven by results.

| Need | Who |
|---|---|
| ninja | x |

Apply at <https://jobs.example.com/apply> or [the rockstar page](https://example.com/ninja).
"""


def _page(markdown: str) -> str:
    return html_page(markdown_body(markdown), "Posting")


def _marks(page: str) -> list[tuple[str, str, str]]:
    """(id, title, marked words) of every mark, in page order."""
    found = re.findall(r'<mark class="jdgen-finding [a-z]+"(?: id="([^"]+)")? title="([^"]*)">(.*?)</mark>', page)
    return [(anchor, html.unescape(title), words) for anchor, title, words in found]


def _without_marks(page: str) -> str:
    return re.sub(r"</?mark\b[^>]*>", "", page)


def _at(markdown: str, words: str, nth: int = 0) -> Match:
    """A match of `words` (its nth occurrence) with its line and column, as the checks give them."""
    offset = [m.start() for m in re.finditer(re.escape(words), markdown)][nth]
    return match_at(markdown, words.lower(), offset, offset + len(words))


def _finding(check: str, *matches: Match, level: str = "info") -> Finding:
    return Finding(check=check, level=level, message=f"{check}: flagged (1:1)", matches=matches)  # type: ignore[arg-type]


def test_the_checks_findings_are_marked_in_a_heading_a_list_item_a_table_and_the_body() -> None:
    findings = jdgen.lint_text(POSTING).findings
    flagged = sorted((m.line, m.text) for f in findings for m in f.matches)
    page = _page(POSTING)
    marked = mark_findings(page, POSTING, findings)
    assert _without_marks(marked.page) == page  # no word or tag of the library's page changes
    body = marked.page.split("<main>", 1)[1]
    assert re.search(r"<h1><mark [^>]*>Rockstar</mark> Chief Customer Officer</h1>", body)
    assert re.search(r"<li><mark [^>]*>Lead</mark> a <strong><mark [^>]*>driven</mark></strong> team</li>", body)
    assert re.search(r"<li>Build the <mark [^>]*>ninja</mark> squad</li>", body)
    assert re.search(r"<p>We want an <mark [^>]*>aggressive</mark> person.\nSomeone <mark [^>]*>driven</mark>", body)
    assert re.search(r"<td><mark [^>]*>ninja</mark></td>", body)
    assert re.search(r'<a href="https://example.com/ninja">the <mark [^>]*>rockstar</mark> page</a>', body)
    assert sorted(words for _, _, words in _marks(marked.page)) == sorted(text for _, text in flagged)


def test_each_place_is_one_mark_whose_title_names_its_finding() -> None:
    findings = jdgen.lint_text(POSTING).findings
    marked = mark_findings(_page(POSTING), POSTING, findings)
    marks = {anchor: (title, words) for anchor, title, words in _marks(marked.page)}
    for index, places in marked.places.items():
        finding = findings[index]
        assert [p.text for p in places] == [m.text for m in finding.matches]
        for place in places:
            assert marked.page.count(f'id="{place.anchor}"') == 1
            title, words = marks[place.anchor]
            assert words == place.text
            assert title.startswith(f"{finding.level.capitalize()}: ") and finding.message.split(":")[0] in title
            assert not re.search(r"\(\d+:\d+\)", title)  # the Markdown's line:column means nothing to a reader
    assert {i for i, f in enumerate(findings) if f.matches} == set(marked.places)


def test_words_flagged_by_two_findings_share_one_mark_with_both_titles() -> None:
    word = _at(POSTING, "aggressive")
    findings = [_finding("gender-coded", word), _finding("pronoun", word, level="warning")]
    marked = mark_findings(_page(POSTING), POSTING, findings)
    assert marked.places[0] == marked.places[1]
    [(_, title, words)] = _marks(marked.page)
    assert words == "aggressive" and "Info: gender-coded" in title and "Warning: pronoun" in title
    assert 'class="jdgen-finding warning"' in marked.page  # the mark takes the higher level


def test_a_word_inside_a_link_address_is_left_unmarked_and_the_address_intact() -> None:
    in_address = _at(POSTING, "ninja", 2)  # https://example.com/ninja
    in_host = _at(POSTING, "jobs")  # https://jobs.example.com/apply
    text = _at(POSTING, "aggressive")
    findings = [_finding("cliche", in_address, text), _finding("other", in_host)]
    page = _page(POSTING)
    marked = mark_findings(page, POSTING, findings)
    assert _without_marks(marked.page) == page
    assert 'href="https://example.com/ninja"' in marked.page and 'href="https://jobs.example.com/apply"' in marked.page
    assert [p.text for p in marked.places[0]] == ["aggressive"]
    # A bracket in the host name would change the address (IDNA): that span is left out, the others kept.
    assert [words for _, _, words in _marks(marked.page)] == ["aggressive"]
    assert 1 not in marked.places


def test_a_position_that_does_not_hold_the_words_is_not_marked() -> None:
    stale = Match(text="ninja", term="ninja", line=6, column=4, offset=0)  # line 6 has other words there
    past_the_end = Match(text="ninja", term="ninja", line=99, column=1, offset=0)
    marked = mark_findings(_page(POSTING), POSTING, [_finding("cliche", stale, past_the_end)])
    assert marked.places == {} and "<mark" not in marked.page


def test_user_text_stays_escaped_and_private_use_characters_typed_stay_as_typed() -> None:
    typed = "We want a rockstar <script>alert(1)</script> \ue000\ue001\ue010 & more."
    markdown = f"# Title\n\n{typed}\n"
    findings = jdgen.lint_text(markdown).findings
    page = _page(markdown)
    marked = mark_findings(page, markdown, findings)
    assert "<script>" not in marked.page and "&lt;script&gt;" in marked.page
    assert "\ue000\ue001\ue010" in marked.page
    assert _without_marks(marked.page) == page
    assert [words for _, _, words in _marks(marked.page)] == ["rockstar"]


def test_a_page_whose_body_is_not_the_markdowns_is_shown_unmarked() -> None:
    findings = jdgen.lint_text(POSTING).findings
    other = _page("# Something else\n")
    assert mark_findings(other, POSTING, findings).page == other


def test_the_words_a_message_lists_are_linked_to_their_marks_and_the_rest_listed_after() -> None:
    listed = [_at(POSTING, "aggressive"), _at(POSTING, "driven", 1)]
    unlisted = _at(POSTING, "Lead")
    message = "Gender coding: masculine-coded (3: 'aggressive' (6:12), \"don't\" (40:1) and 1 more)"
    finding = Finding(check="gender-coded", level="info", message=message, matches=(*listed, unlisted))
    marked = mark_findings(_page(POSTING), POSTING, [finding])
    [shown] = shown_findings([finding], marked.places)
    assert [(p.text, p.word, p.anchor is not None) for p in shown.parts] == [
        ("Gender coding: masculine-coded (3: ", False, False),
        ("aggressive", True, True),
        (", ", False, False),
        ("don't", True, False),  # listed, but not at a marked place
        (" and 1 more)", False, False),
    ]
    assert sorted(p.text for p in shown.more) == ["Lead", "driven"]


# --- in the wizard -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(CATALOG)) as test_client:
        yield test_client


STATE = {**PROFILE, **ANSWERS, "archetype": "service-led", "about": "We want a rockstar who is aggressive."}


def test_each_finding_links_to_its_words_marked_in_the_preview(client: TestClient) -> None:
    page = client.post("/wizard/preview", data=STATE).text
    frame = srcdoc(page, "Job description preview")
    assert re.search(r'<iframe title="Job description preview" sandbox srcdoc="[^"]*" name="preview">', page)
    links = re.findall(r'<a href="about:srcdoc#([a-z0-9-]+)" target="preview"[^>]*>([^<]+)</a>', page)
    assert {words for _, words in links} >= {"rockstar", "aggressive"}
    marks = {anchor: words for anchor, _, words in _marks(frame) if anchor}
    for anchor, words in links:
        assert marks[anchor] == words
    lint = page.split('<section class="lint">', 1)[1]
    assert lint.index("aggressive") < lint.index("For Google")  # listed under the posting's findings
    assert not re.search(r"\(\d+:\d+\)", visible_text(lint))  # links, not the Markdown's lines and columns


def test_the_marked_preview_is_the_librarys_page_and_runs_nothing(client: TestClient) -> None:
    page = client.post("/wizard/preview", data={**STATE, "company": "<script>alert(1)</script> Rockstar Inc"}).text
    frame = srcdoc(page, "Job description preview")
    assert "<mark" in frame and "<script>alert" not in frame and "<script>" not in page
    typed = {"company": "<script>alert(1)</script> Rockstar Inc", "about": "We want a rockstar who is aggressive."}
    profile = library_profile().model_copy(update=typed)
    answers = {sid: "unknown" for sid in CATALOG.statements.ids()} | {
        k.removeprefix("answer."): v for k, v in ANSWERS.items()
    }
    jd = jdgen.compose(CATALOG, "service-led", {"answers": answers, "notes": {}}, profile)
    assert unframed(frame) == jdgen.render(jd, "html", posting=True)


def test_the_internal_edition_is_shown_unmarked_and_says_where_the_marks_are(client: TestClient) -> None:
    page = client.post("/wizard/preview", data={**STATE, "edition": "internal"}).text
    assert "<mark" not in srcdoc(page, "Job description preview")
    assert 'target="preview"' not in page
    assert "The flagged words are marked in the preview of the posting edition." in page
