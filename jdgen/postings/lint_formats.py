"""The posting checks' reports for other tools: SARIF 2.1.0 for code review, JUnit XML for CI.

Each takes the reports of one run, one per file, as (path, report) pairs:

- SARIF (OASIS Static Analysis Results Interchange Format 2.1.0): one run of the tool
  ``jdgen``, a rule per check, a result per flagged word at its line and column (a finding of
  the whole text, such as its length, at line 1). Warnings are ``warning``, the rest ``note``;
  a suppressed finding is a result with its suppression (``inSource`` for an allow comment,
  ``external`` for the config file) and the reason as its justification.
- JUnit XML: a test suite per file, a test case per finding; a warning is a failure, a note
  passes with the message as its output, a suppressed finding is skipped with its reason. A
  file with no finding has one passing case, so every file shows in the CI's test list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import quote
from xml.etree import ElementTree

from jdgen import __version__
from jdgen.postings.findings import Finding
from jdgen.postings.lint import LintReport
from jdgen.postings.suppressions import Suppressed

#: A rule's short description, per check (any other check: its id in words).
RULE_TITLES = {
    "gender-coded": "Gender-coded wording",
    "pronoun": "Gendered pronoun",
    "gendered-term": "Gendered noun",
    "unrealistic": "Unrealistic expectation",
    "cliche": "Cliché or insider slang",
    "age-coded": "Age-coded wording",
    "ability": "Physical or licence requirement that is not essential",
    "length": "Length of the posting",
    "readability": "Readability",
    "requirements": "Number of must-have requirements",
    "pay-transparency": "Pay transparency law",
    "jsonld": "Google's JobPosting requirements",
    "suppression": "An allow comment jdgen cannot read, or that silences nothing",
}
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/jdgen/"

Checked = Sequence[tuple[str, LintReport]]


#: Files whose line and column are those of the text jdgen reads out of them, not of the file itself.
CONVERTED = (".html", ".htm", ".docx")
#: What XML 1.0 cannot hold (a note or a file name may carry one): left out of the JUnit XML.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _name(path: str) -> str:
    return "stdin" if path == "-" else PurePath(path).as_posix()


def _uri(path: str) -> str:
    """The file as a URI reference: its path with spaces, '#' and the like percent-encoded."""
    return "stdin" if path == "-" else quote(PurePath(path).as_posix(), safe="/:")


def _location(path: str, line: int | None, column: int | None, length: int) -> dict[str, object]:
    place: dict[str, object] = {"artifactLocation": {"uri": _uri(path)}}
    if not path.lower().endswith(CONVERTED):  # a converted file's positions are not the file's own
        region: dict[str, int] = {"startLine": line or 1}
        if column:
            region |= {"startColumn": column, "endColumn": column + max(length, 1)}
        place["region"] = region
    return {"physicalLocation": place}


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _text(finding: Finding) -> str:
    return " ".join(
        part
        for part in (finding.message, finding.advice, f"Source: {finding.source}" if finding.source else "")
        if part
    )


def _suppression(item: Suppressed) -> dict[str, str]:
    kind = "inSource" if item.by.startswith("line ") else "external"
    return {"kind": kind, "status": "accepted", "justification": item.reason}


def sarif(checked: Checked) -> dict[str, object]:
    """The reports as one SARIF 2.1.0 log (a JSON object)."""
    rules: dict[str, dict[str, object]] = {}
    results: list[dict[str, object]] = []

    def rule_index(check: str) -> int:
        if check not in rules:
            title = RULE_TITLES.get(check, check.replace("-", " ").capitalize())
            rules[check] = {"id": check, "name": check, "shortDescription": {"text": title}}
        return list(rules).index(check)

    for path, report in checked:
        for finding in report.findings:
            index = rule_index(finding.check)
            level = "warning" if finding.level == "warning" else "note"
            places = finding.matches or ()
            spots: list[tuple[int | None, int | None, int]] = [(m.line, m.column, len(m.text)) for m in places]
            for line, column, length in spots or [(None, None, 0)]:
                results.append(
                    {
                        "ruleId": finding.check,
                        "ruleIndex": index,
                        "level": level,
                        "message": {"text": _text(finding)},
                        "locations": [_location(path, line, column, length)],
                    }
                )
        for item in report.suppressed:
            index = rule_index(item.check)
            results.append(
                {
                    "ruleId": item.check,
                    "ruleIndex": index,
                    "level": "note",
                    "message": {"text": f"{item.message} (suppressed: {item.reason})"},
                    "locations": [_location(path, item.line, item.column, len(item.text or ""))],
                    "suppressions": [_suppression(item)],
                }
            )
    driver = {"name": "jdgen", "version": __version__, "informationUri": INFORMATION_URI, "rules": list(rules.values())}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}


def junit(checked: Checked) -> str:
    """The reports as JUnit XML (a ``testsuites`` document)."""
    suites = ElementTree.Element("testsuites", name="jdgen lint")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for path, report in checked:
        suite = ElementTree.SubElement(suites, "testsuite", name=_xml(_name(path)))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        classname = _xml(f"jdgen.lint.{_name(path)}")
        for finding in report.findings:
            where = ", ".join(f"{m.line}:{m.column}" for m in finding.matches[:20])
            case = ElementTree.SubElement(
                suite, "testcase", classname=classname, name=f"{finding.check}: {finding.message}"
            )
            counts["tests"] += 1
            if finding.level == "warning":
                counts["failures"] += 1
                failure = ElementTree.SubElement(case, "failure", message=_xml(finding.message), type=finding.check)
                failure.text = _xml(_text(finding) + (f" (at {where} in {_name(path)})" if where else ""))
            else:
                ElementTree.SubElement(case, "system-out").text = _xml(_text(finding))
        for item in report.suppressed:
            case = ElementTree.SubElement(
                suite, "testcase", classname=classname, name=_xml(f"{item.check}: {item.message}")
            )
            ElementTree.SubElement(case, "skipped", message=_xml(f"suppressed ({item.by}): {item.reason}"))
            counts["tests"] += 1
            counts["skipped"] += 1
        if not counts["tests"]:
            ElementTree.SubElement(suite, "testcase", classname=classname, name="posting checks")
            counts["tests"] = 1
        suite.attrib.update({k: str(v) for k, v in counts.items()} | {"errors": "0"})
        totals = {k: totals[k] + counts[k] for k in totals}
    suites.attrib.update({k: str(v) for k, v in totals.items()} | {"errors": "0"})
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"
