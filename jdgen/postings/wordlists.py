"""Word lists for the posting checks, and where their words occur in a text.

Two kinds of list live in ``posting/``: the gender-coded stems of Gaucher, Friesen & Kay (2011)
(``gender-coded-words.yaml``: a word is coded when it *starts with* a stem) and the phrase
lists (``language.yaml``: gendered pronouns and nouns, unrealistic expectations, clichés; a
term matches whole words). Matching is case-insensitive and ignores the punctuation between
words, so "Lead," "(leadership)" and "LEADER" are all found, and "work hard, play hard"
matches "work hard play hard". Web addresses (http://…, www.…) are skipped; e-mail addresses are
not, so that jdgen flags every word gender-decoder flags.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field

from jdgen.common import budget, resources
from jdgen.common.errors import CatalogError, Problem, quoted
from jdgen.data.fields import Frozen, Id, Text
from jdgen.data.validation import M, load_model
from jdgen.postings.findings import LintLevel, Match

#: The checks that are not word lists: a list may not take their names.
RESERVED_CHECKS = frozenset({"gender-coded", "length", "readability", "requirements", "pay-transparency", "jsonld"})
GENDER_FILE = "gender-coded-words.yaml"
LANGUAGE_FILE = "language.yaml"

# A word: letters or digits, joined by hyphens into one compound ("data-driven", "co-operate").
_WORD = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*")
_HYPHEN = re.compile(r"[-‐‑]")
# Web addresses are not prose: "…/leadership-team" in a link is not a coded word. Nor is the
# target of a Markdown link, "[apply](/careers/leadership)".
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\]\([^()\s]*\)", re.IGNORECASE)
# Where a phrase cannot run on: a blank line, or a new line that starts a heading or a list item.
_BOUNDARY = re.compile(r"\n[ \t]*(?=\n|#|[-*+•]\s|\d+[.)]\s)")
_PART = re.compile(r"[^-‐‑]+")


class GenderSource(Frozen):
    """Where the gender-coded stems come from."""

    citation: Text
    url: Text
    scale: Text


class GenderWords(Frozen):
    """The masculine- and feminine-coded word stems."""

    source: GenderSource
    feminine: tuple[Text, ...] = Field(min_length=1)
    masculine: tuple[Text, ...] = Field(min_length=1)

    def citation(self) -> str:
        """The source as one line, with its address."""
        return f"{self.source.citation}, {self.source.url}"


class WordList(Frozen):
    """A list of words or phrases a posting should avoid, with its level, advice and source."""

    id: Id
    level: LintLevel
    title: Text
    advice: Text
    source: Text
    terms: tuple[Text, ...] = Field(min_length=1)


class LanguageFile(Frozen):
    """The contents of a language list file."""

    lists: tuple[WordList, ...] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text: its lower-case form and where it is."""

    word: str
    start: int
    end: int
    segment: int = 0  # the paragraph, heading or list item it is in


def _masked(text: str) -> str:
    return _ADDRESS.sub(lambda m: " " * len(m.group(0)), text)


def compounds(text: str) -> list[Token]:
    """The words of a text, hyphenated compounds kept whole, web addresses left out."""
    breaks = [m.start() for m in _BOUNDARY.finditer(text)]
    return [
        Token(m.group(0).casefold(), m.start(), m.end(), bisect.bisect(breaks, m.start()))
        for m in _WORD.finditer(_masked(text))
    ]


def parts(text: str, token: Token) -> list[Token]:
    """The hyphen-separated parts of a compound, each with its own place in `text`."""
    return [
        Token(m.group(0).casefold(), token.start + m.start(), token.start + m.end(), token.segment)
        for m in _PART.finditer(text[token.start : token.end])
    ]


def words(text: str) -> list[Token]:
    """The words of a text with hyphenated compounds split into their parts."""
    return [part for token in compounds(text) for part in parts(text, token)]


@functools.lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def match_at(text: str, term: str, start: int, end: int) -> Match:
    """A `Match` for ``text[start:end]`` with its line and column."""
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, start)
    column = start - starts[line - 1] + 1
    return Match(text=text[start:end], term=term, line=line, column=column, offset=start)


# --- gender-coded words ----------------------------------------------------------------------


Coding = Literal["masculine", "feminine"]


@lru_cache(maxsize=64)  # bounded: a service linting with many users' lists must not grow without end
def _stem_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so the alternation finds the longest stem a word starts with.
    return re.compile("|".join(re.escape(s) for s in sorted(set(stems), key=lambda s: (-len(s), s))))


def _stem_of(word: str, stems: tuple[str, ...]) -> str | None:
    if not stems:
        return None
    found = _stem_pattern(stems).match(word)
    return found.group(0) if found else None


def coded_words(text: str, lists: GenderWords) -> dict[Coding, tuple[Match, ...]]:
    """Every gender-coded word of the text, each counted once, in text order.

    A hyphenated compound is coded as a whole when a hyphenated stem starts it
    ("self-confident", "co-operative"); otherwise each part is tried ("data-driven" → driven).
    """
    stems: dict[Coding, tuple[str, ...]] = {
        "masculine": tuple(s.casefold() for s in lists.masculine),
        "feminine": tuple(s.casefold() for s in lists.feminine),
    }
    hyphenated = {coding: tuple(s for s in ss if _HYPHEN.search(s)) for coding, ss in stems.items()}
    found: dict[Coding, list[Match]] = {"masculine": [], "feminine": []}
    for token in compounds(text):
        normal = _HYPHEN.sub("-", token.word)
        whole = {c: _stem_of(normal, hyphenated[c]) for c in found}
        if any(whole.values()):
            for coding, stem in whole.items():
                if stem:
                    found[coding].append(match_at(text, stem, token.start, token.end))
            continue
        for part in parts(text, token):
            for coding, ss in stems.items():
                stem = _stem_of(part.word, ss)
                if stem:
                    found[coding].append(match_at(text, stem, part.start, part.end))
    return {coding: tuple(matches) for coding, matches in found.items()}


GenderVerdict = Literal[
    "empty", "neutral", "feminine-coded", "strongly feminine-coded", "masculine-coded", "strongly masculine-coded"
]


def gender_verdict(masculine: int, feminine: int) -> GenderVerdict:
    """gender-decoder's scale: feminine minus masculine; beyond ±3 is "strongly"; none at all is "empty"."""
    score = feminine - masculine
    if score == 0:
        return "neutral" if feminine else "empty"
    if score > 3:
        return "strongly feminine-coded"
    if score > 0:
        return "feminine-coded"
    if score < -3:
        return "strongly masculine-coded"
    return "masculine-coded"


# --- phrase lists --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    label: str
    words: tuple[str, ...]  # a trailing "*" on a word: any ending


_TERM_SEPARATOR = re.compile(r"[^\w*]+|_")


def _term(label: str) -> _Term:
    return _Term(label, tuple(w for w in _TERM_SEPARATOR.split(label.casefold()) if w and w != "*"))


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


@dataclass(frozen=True, slots=True)
class _Matcher:
    """Terms indexed by their first word (exact, or a wildcard prefix), longest first."""

    exact: dict[str, tuple[_Term, ...]]
    prefixed: dict[str, tuple[int, tuple[_Term, ...]]]  # prefix → (its place among the prefixes, terms)

    def candidates(self, word: str) -> list[_Term]:
        """The terms that may start at `word`: a lookup per prefix of the word, not a scan of every wildcard."""
        found = list(self.exact.get(word, ()))
        groups = [self.prefixed[word[:k]] for k in range(1, len(word) + 1) if word[:k] in self.prefixed]
        for _, terms in sorted(groups, key=lambda group: group[0]):
            found.extend(terms)
        return sorted(found, key=lambda t: -len(t.words))


@lru_cache(maxsize=64)
def _matcher(terms: tuple[str, ...]) -> _Matcher:
    exact: dict[str, list[_Term]] = {}
    prefixed: dict[str, list[_Term]] = {}
    for term in (_term(t) for t in terms):
        if not term.words:
            continue
        first = term.words[0]
        if first.endswith("*"):
            prefixed.setdefault(first[:-1], []).append(term)
        else:
            exact.setdefault(first, []).append(term)
    return _Matcher(
        {w: tuple(ts) for w, ts in exact.items()},
        {w: (n, tuple(ts)) for n, (w, ts) in enumerate(prefixed.items())},
    )


def phrase_matches(text: str, terms: Iterable[str], tokens: Sequence[Token] | None = None) -> tuple[Match, ...]:
    """Where the terms occur as whole words; the longest term wins where several overlap.

    Args:
        text: the text.
        terms: words or phrases; a trailing ``*`` on a word matches any ending.
        tokens: ``words(text)``, when the caller has it already (several lists over one text).
    """
    matcher = _matcher(tuple(terms))
    tokens = words(text) if tokens is None else tokens
    found: list[Match] = []
    i = 0
    while i < len(tokens):
        if not i & 1023:
            budget.check()
        for term in matcher.candidates(tokens[i].word):
            n = len(term.words)
            window = tokens[i : i + n]
            if (
                len(window) == n
                and window[-1].segment == window[0].segment
                and all(_word_matches(p, t.word) for p, t in zip(term.words, window, strict=True))
            ):
                found.append(match_at(text, term.label, window[0].start, window[-1].end))
                i += n
                break
        else:
            i += 1
    return tuple(found)


# --- loading -------------------------------------------------------------------------------


def _load(path: Path, model: type[M]) -> M:
    return load_model(path, model, CatalogError)


@cache
def gender_words() -> GenderWords:
    """The built-in gender-coded stems (read once)."""
    return _load(resources.posting_dir() / GENDER_FILE, GenderWords)


@cache
def _builtin_lists() -> tuple[WordList, ...]:
    return _load(resources.posting_dir() / LANGUAGE_FILE, LanguageFile).lists


def language_lists(extra: Sequence[Path] = ()) -> tuple[WordList, ...]:
    """The built-in phrase lists, then the lists of each extra file (same shape as ``language.yaml``).

    Raises:
        CatalogError: a file is missing or invalid, or a list id is used twice; one line naming the file.
    """
    lists = list(_builtin_lists())
    where = {lst.id: resources.posting_dir() / LANGUAGE_FILE for lst in lists}
    for path in extra:
        for lst in _load(path, LanguageFile).lists:
            if lst.id in RESERVED_CHECKS:
                problem = Problem(str(path), f"list id {quoted(lst.id)} is the name of a built-in check; rename it")
                raise CatalogError(str(problem), (problem,))
            if lst.id in where:
                problem = Problem(
                    str(path), f"list id {quoted(lst.id)} is already defined in {where[lst.id]}; rename it"
                )
                raise CatalogError(str(problem), (problem,))
            where[lst.id] = path
            lists.append(lst)
    return tuple(lists)
