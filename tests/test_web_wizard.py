"""The web wizard, page by page, through the framework's test client.

Each page's form is read back the way a browser submits it (hidden fields, text, checked
radios, selected options), so "going back keeps what was entered" is checked on the HTML
itself. What the pages show is compared with the library's own results for the same inputs.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import docx
import pytest
from markupsafe import escape

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

import jdgen
from jdgen.decide.pack import PACK_DOCUMENTS
from jdgen.web import create_app
from jdgen.web.forms import PROFILE_NAMES
from jdgen.web.frames import frame_style

CATALOG = jdgen.load_catalog()
STATEMENTS = CATALOG.statements.ids()

PROFILE = {
    "company": "Acme Insurance",
    "industry": "Insurance",
    "sector": "financial-services",
    "priority.retention": "yes",
    "priority.alignment": "yes",
    "location.city": "Denver",
    "location.region": "Colorado",
    "location.country": "United States",
    "remote": "no",
    "layered_onto": "none",
    "employment_type": "FULL_TIME",
    "pay.min": "250,000",
    "pay.max": "320000",
    "pay.currency": "USD",
    "pay.period": "year",
    "benefits": "Health insurance\n401(k) match",
    "about": "We insure homes.\n\nAnd cars.",
}
ANSWERS = {
    f"answer.{sid}": value
    for sid, value in zip(STATEMENTS[:6], ["no", "no", "yes", "partial", "no", "yes"], strict=True)
}
NOTES = {f"note.{STATEMENTS[0]}": "Nobody owns the goals yet"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(CATALOG)) as test_client:
        yield test_client


class _FormReader(HTMLParser):
    """What a browser would submit from the page's first form (no button pressed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self.names: set[str] = set()
        self._select: str | None = None
        self._first_option: tuple[str, str] | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name")
        if tag == "input" and name:
            self.names.add(name)
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button"):
                self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self.names.add(name)
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = (self._select, a.get("value", ""))
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self.names.add(name)
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select:
            if self._select not in self.fields and self._first_option:
                self.fields[self._select] = self._first_option[1]
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A browser drops one newline right after <textarea>.
            self.fields[self._textarea] = self._text.removeprefix("\n")
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text += data


def submitted(page: str) -> dict[str, str]:
    reader = _FormReader()
    reader.feed(page)
    return reader.fields


def shown_fields(page: str) -> set[str]:
    """Names of the visible inputs (not hidden ones)."""
    return set(re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bname="([^"]+)"', page))


def srcdoc(page: str, title: str) -> str:
    match = re.search(rf'<iframe title="{title}" sandbox srcdoc="([^"]*)"', page)
    assert match, f"no {title} frame"
    return html.unescape(match.group(1))


def visible_text(page: str) -> str:
    """The text a page shows: no tags, entities read, runs of white space as one space."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))


def unframed(document: str) -> str:
    """A frame's document without what the wizard adds: its style, the tables' boxes, the findings' marks."""
    assert document.count(frame_style()) == 1, "the wizard's style is in the frame's head"
    document = document.replace(frame_style(), "")
    document = re.sub(r'<div class="jdgen-table">(<table\b.*?</table>)</div>', r"\1", document, flags=re.DOTALL)
    return re.sub(r'<mark class="jdgen-finding[^"]*"[^>]*>(.*?)</mark>', r"\1", document, flags=re.DOTALL)


def library_profile() -> jdgen.Profile:
    return jdgen.Profile.model_validate(
        {
            "company": "Acme Insurance",
            "industry": "Insurance",
            "sector": "financial-services",
            "priorities": ["retention", "alignment"],
            "location": {"city": "Denver", "region": "Colorado", "country": "United States"},
            "pay": {"min": 250000, "max": 320000, "currency": "USD", "period": "year"},
            "benefits": ["Health insurance", "401(k) match"],
            "about": "We insure homes.\n\nAnd cars.",
        }
    )


def library_answers() -> dict[str, Any]:
    answers = {sid: "unknown" for sid in STATEMENTS}
    answers.update({k.removeprefix("answer."): v for k, v in ANSWERS.items()})
    return {"answers": answers, "notes": {STATEMENTS[0]: "Nobody owns the goals yet"}}


# --- step 1: the company -------------------------------------------------------------------


def test_the_first_page_is_the_profile_form_with_every_field_and_its_defaults(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert shown_fields(page.text) >= PROFILE_NAMES
    form = submitted(page.text)
    assert form["remote"] == "no" and form["employment_type"] == "FULL_TIME" and form["layered_onto"] == "none"
    assert 'aria-current="step"' in page.text and "Pay transparency" in page.text


def test_the_pay_hints_name_the_law_and_what_the_posting_lacks(client: TestClient) -> None:
    without_pay = {k: v for k, v in PROFILE.items() if not k.startswith("pay.") and k != "benefits"}
    hints = client.post("/wizard/hints", data=without_pay)
    assert hints.status_code == 200
    expected = jdgen.pay_findings(library_profile().model_copy(update={"pay": None, "benefits": ()}))
    assert expected, "Colorado asks for pay in postings"
    for finding in expected:
        assert str(escape(finding.message)) in hints.text
    assert "Colorado (Equal Pay for Equal Work Act" in hints.text


def test_the_pay_hints_wait_for_a_valid_profile(client: TestClient) -> None:
    hints = client.post("/wizard/hints", data={**PROFILE, "pay.min": "lots"})
    assert "Fix the fields" in hints.text and "Laws that apply" not in hints.text


def test_a_bad_field_keeps_the_user_on_step_one_with_the_field_marked(client: TestClient) -> None:
    bad = {**PROFILE, "pay.min": "85,5", "company_url": "example .com", **ANSWERS}
    page = client.post("/wizard/readiness", data=bad)
    assert page.status_code == 422
    assert "Pay › From: expected a number (got &#39;85,5&#39;)" in page.text  # named as the form labels it
    assert "The company › Website: expected a web address starting with http:// or https://" in page.text
    assert re.search(r'class="field invalid kind-number">\s*<label for="f-pay.min"', page.text)
    form = submitted(page.text)
    assert {k: form[k] for k in bad} == bad  # nothing typed is lost
    assert not any(v for k, v in form.items() if k not in bad)


def test_pay_given_as_min_above_max_is_refused_with_the_library_message(client: TestClient) -> None:
    page = client.post("/wizard/readiness", data={**PROFILE, "pay.min": "400000"})
    assert page.status_code == 422 and "swap them" in page.text


# --- going back and forth keeps everything -------------------------------------------------


@pytest.mark.parametrize("step", ["profile", "readiness", "archetype", "preview"])
def test_every_step_carries_every_field_entered(client: TestClient, step: str) -> None:
    state = {**PROFILE, **ANSWERS, **NOTES, "archetype": "service-led", "edition": "internal"}
    page = client.post(f"/wizard/{step}", data=state)
    assert page.status_code == 200, page.text
    form = submitted(page.text)
    for name, value in state.items():
        assert form.get(name) == value, (step, name)


def test_back_from_the_readiness_step_shows_the_profile_as_typed(client: TestClient) -> None:
    readiness = client.post("/wizard/readiness", data={**PROFILE, **ANSWERS})
    back = client.post("/wizard/profile", data=submitted(readiness.text))
    form = submitted(back.text)
    assert {k: form[k] for k in PROFILE} == PROFILE
    assert 'value="Acme Insurance"' in back.text
    assert all(form[k] == v for k, v in ANSWERS.items())  # the answers wait, hidden, for the way forward


def test_unknown_fields_in_a_request_are_ignored(client: TestClient) -> None:
    page = client.post("/wizard/readiness", data={**PROFILE, "evil": "x", "answer.nope": "yes"})
    assert page.status_code == 200
    assert "evil" not in submitted(page.text) and "answer.nope" not in page.text


# --- step 2: readiness -----------------------------------------------------------------------


def test_the_readiness_step_lists_the_statements_and_the_verdict_of_the_answers(client: TestClient) -> None:
    page = client.post("/wizard/readiness", data={**PROFILE, **ANSWERS, **NOTES})
    assert page.status_code == 200
    for statement in CATALOG.statements:
        assert str(escape(statement.text)) in page.text
        assert f'name="answer.{statement.id}"' in page.text and f'name="note.{statement.id}"' in page.text
    readiness = jdgen.assess(CATALOG, library_answers())
    assert str(escape(readiness.label)) in page.text
    for gap in readiness.gaps:
        assert str(escape(gap.title)) in page.text
    unanswered = submitted(page.text)[f"answer.{STATEMENTS[-1]}"]
    assert unanswered == "unknown"


def test_the_verdict_fragment_follows_the_answers(client: TestClient) -> None:
    all_no = {f"answer.{sid}": "no" for sid in STATEMENTS}
    all_yes = {f"answer.{sid}": "yes" for sid in STATEMENTS}
    no = client.post("/wizard/verdict", data=all_no)
    yes = client.post("/wizard/verdict", data=all_yes)
    assert str(escape(jdgen.assess(CATALOG, dict.fromkeys(STATEMENTS, "no")).label)) in no.text
    assert str(escape(jdgen.assess(CATALOG, dict.fromkeys(STATEMENTS, "yes")).label)) in yes.text
    assert no.text != yes.text and "<html" not in no.text


def test_a_forged_answer_is_refused_on_the_readiness_step(client: TestClient) -> None:
    forged = {**PROFILE, f"answer.{STATEMENTS[0]}": "maybe"}
    assert client.post("/wizard/verdict", data=forged).status_code == 422
    page = client.post("/wizard/archetype", data=forged)
    assert page.status_code == 422 and "maybe" in page.text and f'name="answer.{STATEMENTS[1]}"' in page.text


# --- step 3: the archetype -------------------------------------------------------------------


def test_the_archetypes_are_offered_in_the_comparisons_order_beside_it(client: TestClient) -> None:
    page = client.post("/wizard/archetype", data={**PROFILE, **ANSWERS})
    comparison = jdgen.compare(CATALOG, library_answers(), library_profile())
    offered = re.findall(r'name="archetype" value="([a-z-]+)"', page.text)
    assert offered == [fit.archetype for fit in comparison.ranking]
    assert submitted(page.text)["archetype"] == comparison.ranking[0].archetype  # the best fit preselected
    assert unframed(srcdoc(page.text, "Board comparison")) == jdgen.render(comparison, "html")


def test_a_missing_or_unknown_archetype_is_asked_for_again(client: TestClient) -> None:
    page = client.post("/wizard/preview", data={**PROFILE, "archetype": "astronaut"})
    assert page.status_code == 422 and "choose one of the archetypes" in page.text
    assert 'name="archetype"' in page.text


# --- step 4: preview and downloads -----------------------------------------------------------


def _jd() -> jdgen.JobDescription:
    return jdgen.compose(CATALOG, "service-led", library_answers(), library_profile())


def test_the_preview_shows_the_jd_the_advisory_and_the_posting_findings(client: TestClient) -> None:
    state = {**PROFILE, **ANSWERS, **NOTES, "archetype": "service-led"}
    page = client.post("/wizard/preview", data=state)
    assert page.status_code == 200
    jd = _jd()
    assert unframed(srcdoc(page.text, "Job description preview")) == jdgen.render(jd, "html", posting=True)
    assert jd.warnings
    for warning in jd.warnings:
        assert str(escape(warning.title)) in page.text
    _, report = jdgen.lint_posting(jd, library_profile(), jsonld=True)
    shown = visible_text(page.text.split('<section class="lint">', 1)[1])
    for finding in report.findings:  # the words each lists shown as words: their line:column is the Markdown's
        assert re.sub(r"'([^']*)' \(\d+:\d+\)", r"‘\1’", finding.message) in shown
    internal = client.post("/wizard/preview", data={**state, "edition": "internal"})
    assert unframed(srcdoc(internal.text, "Job description preview")) == jdgen.render(jd, "html")


@pytest.mark.parametrize("fmt", ["docx", "md", "html", "json", "jsonld"])
@pytest.mark.parametrize("edition", ["posting", "internal"])
def test_each_download_is_the_librarys_document(client: TestClient, fmt: str, edition: str) -> None:
    state = {**PROFILE, **ANSWERS, **NOTES, "archetype": "service-led", "edition": edition, "format": fmt}
    response = client.post("/wizard/download", data=state)
    assert response.status_code == 200
    posting = edition == "posting"
    suffix = "-posting" if posting else ""
    assert (
        response.headers["content-disposition"]
        == f'attachment; filename="acme-insurance-cco-service-led{suffix}.{fmt}"'
    )
    expected = jdgen.render(_jd(), fmt, posting=posting)
    if fmt == "docx":
        got = docx.Document(io.BytesIO(response.content))
        want = docx.Document(io.BytesIO(expected if isinstance(expected, bytes) else b""))
        assert [(p.style.name, p.text) for p in got.paragraphs] == [(p.style.name, p.text) for p in want.paragraphs]
        assert any("Acme Insurance" in p.text for p in got.paragraphs)
    else:
        assert response.text == expected


def test_an_unknown_download_format_is_refused(client: TestClient) -> None:
    response = client.post("/wizard/download", data={**PROFILE, "archetype": "service-led", "format": "rtf"})
    assert response.status_code == 422 and "unknown format" in response.text


# --- what users type is shown, never run -------------------------------------------------------

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


@pytest.mark.parametrize("step", ["profile", "readiness", "archetype", "preview"])
def test_user_text_is_escaped_on_every_page(client: TestClient, step: str) -> None:
    state = {**PROFILE, "company": HOSTILE, "about": HOSTILE, f"note.{STATEMENTS[0]}": HOSTILE, "archetype": "digital"}
    page = client.post(f"/wizard/{step}", data=state)
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert submitted(page.text)["company"] == HOSTILE  # carried intact
    for frame in re.findall(r'srcdoc="([^"]*)"', page.text):
        inner = html.unescape(frame)
        assert "<script>alert" not in inner and "<img src=x" not in inner


def test_a_field_longer_than_the_limit_is_marked_on_its_step_and_nothing_is_lost(client: TestClient) -> None:
    state = {**PROFILE, **ANSWERS, "about": "x" * 20_001}
    page = client.post("/wizard/readiness", data=state)
    assert page.status_code == 422
    assert "The company › About the company: 20,001 characters is too long (20,000 at most)" in page.text
    assert submitted(page.text) | state == submitted(page.text) and submitted(page.text)["about"] == state["about"]
    assert 'maxlength="20000"' in page.text  # the browser stops typing there in the first place
    note = {**PROFILE, f"note.{STATEMENTS[0]}": "y" * 20_001}
    page = client.post("/wizard/archetype", data=note)
    assert page.status_code == 422 and f"note.{STATEMENTS[0]}" in page.text and "20,001 characters" in page.text
    assert submitted(page.text)[f"note.{STATEMENTS[0]}"] == "y" * 20_001


def test_a_number_too_long_to_be_an_amount_is_refused_not_a_crash(client: TestClient) -> None:
    page = client.post("/wizard/readiness", data={**PROFILE, "pay.min": "1" * 5000})
    assert page.status_code == 422 and "Pay › From: expected a number" in page.text
    assert client.post("/wizard/hints", data={**PROFILE, "pay.min": "1" * 5000}).status_code == 200


def test_a_leading_blank_line_in_a_text_box_survives_round_trips(client: TestClient) -> None:
    state = {**PROFILE, "about": "\n\nFirst paragraph.\r\n\r\nSecond."}
    page = client.post("/wizard/profile", data=state).text
    for _ in range(3):
        page = client.post("/wizard/profile", data=submitted(page)).text
    assert submitted(page)["about"] == state["about"]


def test_checking_the_pay_rules_marks_a_bad_field(client: TestClient) -> None:
    page = client.post("/wizard/profile", data={**PROFILE, "pay.max": "lots"})
    assert page.status_code == 422
    assert re.search(r'class="field invalid kind-number">\s*<label for="f-pay.max"', page.text)


def test_opening_a_steps_address_starts_the_wizard_again(client: TestClient) -> None:
    response = client.get("/wizard/preview", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_pages_are_served_with_a_script_policy_and_the_script_is_local(client: TestClient) -> None:
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert re.findall(r'<script src="([^"]+)"', page.text) == ["/static/wizard.js"]
    assert client.get("/static/wizard.js").status_code == 200
    assert "<script>" not in page.text  # no inline script


def test_an_unknown_page_is_an_html_404(client: TestClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404 and "Not found" in response.text


@pytest.mark.parametrize(
    ("step", "forward"),
    [("profile", "/wizard/readiness"), ("readiness", "/wizard/archetype"), ("archetype", "/wizard/preview")],
)
def test_enter_in_a_text_field_goes_forward_not_back(client: TestClient, step: str, forward: str) -> None:
    # A browser's implicit submission presses the form's first submit button.
    page = client.post(f"/wizard/{step}", data={**PROFILE, "archetype": "digital"}).text
    assert re.search(r'<form method="post" action="([^"]+)"', page).group(1) == forward  # type: ignore[union-attr]
    first_button = re.search(r"<button [^>]*>", page.split("<form", 1)[1]).group(0)  # type: ignore[union-attr]
    assert "formaction" not in first_button and "primary-action" in first_button


def test_advice_names_the_fields_as_the_form_labels_them(client: TestClient) -> None:
    without_pay = {k: v for k, v in PROFILE.items() if not k.startswith("pay.") and k != "benefits"}
    hints = client.post("/wizard/hints", data=without_pay).text
    advice = [f.advice for f in jdgen.pay_findings(library_profile().model_copy(update={"pay": None, "benefits": ()}))]
    assert any("`pay.min`" in (a or "") for a in advice)  # the library speaks of profile fields…
    assert "`pay.min`" not in hints and "“Pay › From”" in hints  # …the wizard of its own labels
    assert "“Pay › Benefits”" in hints


def test_the_notes_typed_on_the_readiness_step_come_back_in_the_advisory(client: TestClient) -> None:
    page = client.post("/wizard/preview", data={**PROFILE, **ANSWERS, **NOTES, "archetype": "digital"}).text
    assert "Your notes on the readiness statements" in page
    assert "Nobody owns the goals yet" in page.split('class="advisory"')[1].split("</section>")[0]


@pytest.mark.parametrize(("fmt", "name"), [("board.docx", "board-comparison"), ("readiness.docx", "readiness-report")])
def test_the_board_and_the_team_get_their_documents_too(client: TestClient, fmt: str, name: str) -> None:
    state = {**PROFILE, **ANSWERS, **NOTES, "archetype": "digital", "format": fmt}
    response = client.post("/wizard/download", data=state)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="acme-insurance-cco-{name}.docx"'
    answers, profile = library_answers(), library_profile()
    document = (
        jdgen.compare(CATALOG, answers, profile)
        if fmt == "board.docx"
        else jdgen.readiness_report(CATALOG, answers, profile)
    )
    want = docx.Document(io.BytesIO(jdgen.render(document, "docx")))  # type: ignore[arg-type]
    got = docx.Document(io.BytesIO(response.content))
    assert [p.text for p in got.paragraphs] == [p.text for p in want.paragraphs]
    assert len(got.tables) == len(want.tables) > 0


@pytest.mark.parametrize("kind", ["scorecard", "interview", "charter"])
@pytest.mark.parametrize("edition", ["posting", "internal"])
def test_the_hiring_team_gets_the_role_pack_from_the_internal_jd(client: TestClient, kind: str, edition: str) -> None:
    state = {**PROFILE, **ANSWERS, "archetype": "digital", "edition": edition}
    assert f'value="{kind}.docx"' in client.post("/wizard/preview", data=state).text  # offered on the last step
    response = client.post("/wizard/download", data={**state, "format": f"{kind}.docx"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="acme-insurance-cco-digital-{kind}.docx"'
    jd = jdgen.compose(CATALOG, "digital", library_answers(), library_profile())  # the posting edition lacks the gaps
    want = jdgen.render(getattr(jdgen.role_pack(CATALOG, jd, library_profile()), kind), "docx")
    got = docx.Document(io.BytesIO(response.content))
    assert [p.text for p in got.paragraphs] == [p.text for p in docx.Document(io.BytesIO(want)).paragraphs]  # type: ignore[arg-type]


def test_the_whole_pack_is_one_zip_of_word_files(client: TestClient) -> None:
    state = {**PROFILE, **ANSWERS, "archetype": "digital", "format": "pack.zip"}
    response = client.post("/wizard/download", data=state)
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == 'attachment; filename="acme-insurance-cco-digital-pack.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert names == [f"acme-insurance-cco-digital-{n}.docx" for n in ("jd", "posting", *PACK_DOCUMENTS)]
        for name in names:
            docx.Document(io.BytesIO(archive.read(name)))  # every one opens


def test_a_problem_of_the_whole_pay_group_is_named_and_marked(client: TestClient) -> None:
    page = client.post("/wizard/profile", data={**PROFILE, "pay.min": "400,000"})
    assert page.status_code == 422
    assert "Pay: min (400000) is greater than max (320000); swap them" in page.text
    assert re.search(r'class="field invalid kind-number">\s*<label for="f-pay.min"', page.text)


def test_an_over_long_note_names_its_statement(client: TestClient) -> None:
    statement = CATALOG.statements[STATEMENTS[0]]
    page = client.post("/wizard/archetype", data={**PROFILE, f"note.{statement.id}": "y" * 20_001})
    assert page.status_code == 422
    assert str(escape(f"the note on “{statement.title}” is too long: 20,001 characters")) in page.text


def test_line_breaks_count_once_as_the_browser_counts_them(client: TestClient) -> None:
    typed = "a\r\n" * 6_000 + "b" * 2_000  # 20,000 characters in the browser; 26,000 as sent
    page = client.post("/wizard/readiness", data={**PROFILE, "about": typed})
    assert page.status_code == 200 and "Is the company ready" in page.text
