"""Suppressions: a finding the team has looked at and accepted, with the reason, reported as suppressed.

Two ways to write one, both needing a reason:

- in the text, before the paragraph, list item or heading it is about (or for the whole text)::

      <!-- jdgen-lint: allow pronoun "she" reason: a quoted testimonial -->
      <!-- jdgen-lint: allow-file length reason: the long form for the careers site -->

- in the lint config file (``--lint-config``), for every file or those matching ``files``::

      suppress:
        - {check: cliche, term: "fast-paced", reason: "our house style", files: ["postings/*.md"]}

A suppression names a check (``pronoun``, ``gender-coded``, ``cliche``, ``length``…) and
optionally the words; a suppression with words silences those words only, one without silences
the whole check. A suppressed finding is never dropped silently: the report lists it with its
reason, and an allow comment that silences nothing is itself reported, as is one jdgen cannot read.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from pydantic import Field

from jdgen.data.fields import Frozen
from jdgen.postings.findings import Finding, Match

# One line each: a comment left open must not swallow the posting up to the next "-->".
_DIRECTIVE = re.compile(r"<!--[ \t]*jdgen-lint:(?P<body>[^\n]*?)(?:-->|$)", re.MULTILINE)
_ALLOW = re.compile(
    r"\s*(?P<scope>allow-file|allow)\s+(?P<check>[a-z0-9-]+)(?:\s+\"(?P<term>[^\"]+)\")?"
    r"\s+reason:\s*(?P<reason>\S.*?)\s*$"
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s|^\s{0,3}#")
SYNTAX = '<!-- jdgen-lint: allow CHECK "words" reason: why -->'


class SuppressRule(Frozen):
    """A suppression in the lint config file."""

    check: str = Field(min_length=1, description="The check to silence: pronoun, gender-coded, cliche, length…")
    term: str | None = Field(default=None, description="Only these words (any case); the whole check without.")
    reason: str = Field(min_length=1, description="Why the finding is accepted; shown wherever it is reported.")
    files: tuple[str, ...] = Field(default=(), description="Only for files matching these patterns (fnmatch).")


class Suppressed(Frozen):
    """A finding, or the words of one, that a suppression silenced."""

    check: str
    text: str | None = Field(description="The words silenced; None when the whole finding was.")
    line: int | None = None
    column: int | None = None
    message: str = Field(description="The finding's message, or the words and where they stand.")
    reason: str
    by: str = Field(description="Where the suppression is written: 'line N' of the text, or 'lint config'.")


@dataclass
class _Rule:
    check: str
    term: str | None
    reason: str
    lines: tuple[int, int] | None  # the lines it covers; None: the whole text
    line: int | None = None  # where an allow comment stands (None: the config's)
    used: bool = False

    @property
    def by(self) -> str:
        """Where the suppression is written, as reports say it."""
        return "lint config" if self.line is None else f"line {self.line}"

    def covers(self, check: str, match: Match | None) -> bool:
        if check != self.check:
            return False
        if match is None:  # a finding of the whole text: only a suppression of the whole check and text
            return self.term is None and self.lines is None
        if self.term is not None and _folded(self.term) != _folded(match.text):  # the words as written, never a stem
            return False
        return self.lines is None or self.lines[0] <= match.line <= self.lines[1]


def _path_forms(label: str) -> set[str]:
    """A file as given and as a path relative to the working folder, in '/' form: how `files` patterns match it."""
    forms = {label}
    with contextlib.suppress(ValueError):  # a path on another drive (Windows) has no relative form
        forms.add(PurePath(os.path.relpath(label)).as_posix())
    return forms


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def _block_after(lines: Sequence[str], end: int) -> tuple[int, int]:
    """The lines (1-based) of the block after line `end`: one paragraph, list item or heading.

    Blank lines after the comment are skipped; the block ends at a blank line, a list item or a heading.
    """
    first = end + 1
    while first <= len(lines) and not lines[first - 1].strip():
        first += 1
    last = first
    heading = first <= len(lines) and lines[first - 1].lstrip().startswith("#")
    while not heading and last + 1 <= len(lines) and lines[last].strip() and not _BLOCK_START.match(lines[last]):
        last += 1
    return first, last


def _code_lines(lines: Sequence[str]) -> set[int]:
    """The lines (1-based) inside fenced code blocks, where an allow comment is an example, not an instruction."""
    inside: set[int] = set()
    fence = None
    for number, line in enumerate(lines, 1):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened[1]
            inside.add(number)
        elif fence is not None:
            inside.add(number)
            if line.strip().startswith(fence):
                fence = None
    return inside


@dataclass
class Suppressions:
    """The suppressions that apply to one text: its allow comments and the config's rules for its file."""

    rules: list[_Rule] = field(default_factory=list)
    unreadable: list[Finding] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    masked: str = ""  # the text with its allow comments blanked out (same lines and columns)

    @classmethod
    def of(cls, text: str, config: Sequence[SuppressRule] = (), label: str = "-") -> Suppressions:
        """The suppressions of `text` (checked as `label`)."""
        made = cls(masked=text)
        names = _path_forms(label)
        for rule in config:
            if not rule.files or any(fnmatch.fnmatch(name, pattern) for name in names for pattern in rule.files):
                made.rules.append(_Rule(rule.check, rule.term, rule.reason, None))
        lines = text.split("\n")
        code = _code_lines(lines)
        for found in _DIRECTIVE.finditer(text):
            line = text.count("\n", 0, found.start()) + 1
            before = lines[line - 1][: found.start() - text.rfind("\n", 0, found.start()) - 1]
            if line in code or before.count("`") % 2:  # inside code: an example of the syntax
                continue
            end = line
            made.masked = made.masked[: found.start()] + re.sub(r"[^\n]", " ", found[0]) + made.masked[found.end() :]
            allow = _ALLOW.fullmatch(found["body"]) if found[0].endswith("-->") else None
            if allow is None:
                made.unreadable.append(_problem(line, f"cannot read this jdgen-lint comment; write it as {SYNTAX}"))
                continue
            scope = None if allow["scope"] == "allow-file" else _block_after(lines, end)
            made.rules.append(_Rule(allow["check"], allow["term"], allow["reason"], scope, line))
        return made

    def _rule_for(self, check: str, match: Match | None) -> _Rule | None:
        return next((r for r in self.rules if r.covers(check, match)), None)

    def _record(self, rule: _Rule, check: str, match: Match | None, message: str) -> None:
        rule.used = True
        self.suppressed.append(
            Suppressed(
                check=check,
                text=match.text if match else None,
                line=match.line if match else None,
                column=match.column if match else None,
                message=message,
                reason=rule.reason,
                by=rule.by,
            )
        )

    def keep(self, check: str, matches: tuple[Match, ...]) -> tuple[Match, ...]:
        """The matches no suppression covers; the others are recorded as suppressed."""
        kept = []
        for match in matches:
            rule = self._rule_for(check, match)
            if rule is None:
                kept.append(match)
            else:
                self._record(rule, check, match, f"{match.text!r} ({match.line}:{match.column})")
        return tuple(kept)

    def findings(self, found: Sequence[Finding]) -> list[Finding]:
        """The findings that stand; one goes when every word of it, or its whole check, is suppressed.

        These are the findings that stand or go whole (length, readability, pay transparency…);
        the word lists' findings are built from `keep`'s matches instead.
        """
        standing = []
        for finding in found:
            places: Sequence[Match | None] = finding.matches or (None,)
            rules = [self._rule_for(finding.check, match) for match in places]
            if any(rule is None for rule in rules):
                standing.append(finding)
                continue
            for rule, match in zip(rules, places, strict=True):
                assert rule is not None
                self._record(rule, finding.check, match, finding.message)
        return standing

    def problems(self) -> list[Finding]:
        """The allow comments jdgen could not read, and those that silenced nothing."""
        unused = [
            _problem(r.line, f"this allow comment ({r.check}) silences nothing; remove it or fix it")
            for r in self.rules
            if not r.used and r.line is not None
        ]
        return sorted([*self.unreadable, *unused], key=lambda f: f.matches[0].line)


def _problem(line: int, message: str) -> Finding:
    return Finding(
        check="suppression",
        level="warning",
        message=f"line {line}: {message}",
        advice=f"An allow comment needs a check, optionally the words in quotes, and a reason: {SYNTAX}",
        matches=(Match(text="<!--", term="jdgen-lint", line=line, column=1, offset=0),),
    )
