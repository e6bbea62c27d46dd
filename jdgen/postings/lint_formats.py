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

from collections.abc import Sequence
from pathlib import PurePath
from xml.etree import ElementTree

from jdgen import __version__
from jdgen.postings.findings import Finding
from jdgen.postings.lint import LintReport
from jdgen.postings.suppressions import Suppressed

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/jdgen/"

Checked = Sequence[tuple[str, LintReport]]


def _uri(path: str) -> str:
    return "stdin" if path == "-" else PurePath(path).as_posix()


def _location(path: str, line: int | None, column: int | None, length: int) -> dict[str, object]:
    region: dict[str, int] = {"startLine": line or 1}
    if column:
        region |= {"startColumn": column, "endColumn": column + max(length, 1)}
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region}}


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

    def rule_index(check: str, title: str) -> int:
        if check not in rules:
            rules[check] = {"id": check, "name": check, "shortDescription": {"text": title}}
        return list(rules).index(check)

    for path, report in checked:
        for finding in report.findings:
            index = rule_index(finding.check, finding.message.split(":")[0])
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
            index = rule_index(item.check, item.check)
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
        suite = ElementTree.SubElement(suites, "testsuite", name=_uri(path))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        classname = f"jdgen.lint.{_uri(path)}"
        for finding in report.findings:
            where = ", ".join(f"{m.line}:{m.column}" for m in finding.matches[:20])
            case = ElementTree.SubElement(
                suite, "testcase", classname=classname, name=f"{finding.check}: {finding.message}"
            )
            counts["tests"] += 1
            if finding.level == "warning":
                counts["failures"] += 1
                failure = ElementTree.SubElement(case, "failure", message=finding.message, type=finding.check)
                failure.text = _text(finding) + (f" (at {where} in {_uri(path)})" if where else "")
            else:
                ElementTree.SubElement(case, "system-out").text = _text(finding)
        for item in report.suppressed:
            case = ElementTree.SubElement(suite, "testcase", classname=classname, name=f"{item.check}: {item.message}")
            ElementTree.SubElement(case, "skipped", message=f"suppressed ({item.by}): {item.reason}")
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
