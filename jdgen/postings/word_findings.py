"""The findings of the word checks: gender coding, and one per word list (pronouns, clichés…)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from jdgen.postings.findings import Finding, Match
from jdgen.postings.wordlists import GenderWords, WordList, gender_verdict, match_at, phrase_matches, words

#: Given a check and its matches, the matches that stand (the others are suppressed).
MatchFilter = Callable[[str, tuple[Match, ...]], tuple[Match, ...]]


def _where(matches: Sequence[Match], limit: int = 12) -> str:
    shown = ", ".join(f"{m.text!r} ({m.line}:{m.column})" for m in matches[:limit])
    return shown + (f" and {len(matches) - limit} more" if len(matches) > limit else "")


def gender_finding(masc: Sequence[Match], fem: Sequence[Match], lists: GenderWords) -> Finding | None:
    """The gender-coding finding of the coded words found (None: none found)."""
    if not masc and not fem:
        return None
    verdict = gender_verdict(len(masc), len(fem))
    strongly_masculine = verdict == "strongly masculine-coded"
    counts = [f"{len(masc)} masculine-coded" + (f": {_where(masc, 8)}" if masc else "")]
    counts.append(f"{len(fem)} feminine-coded" + (f": {_where(fem, 8)}" if fem else ""))
    return Finding(
        check="gender-coded",
        level="warning" if strongly_masculine else "info",
        message=f"Gender coding: {verdict} ({'; '.join(counts)})",
        advice=(
            "Swap masculine-coded words for neutral ones (lead → guide or run; driven → focused; analytical → "
            "evidence-based; competitive → strong): in Gaucher et al.'s studies masculine wording made ads less "
            "appealing to women, while feminine wording hardly changed how men saw them."
            if strongly_masculine
            else None
        ),
        source=f"{lists.citation()}; verdict scale of {lists.source.scale}",
        matches=tuple(sorted((*masc, *fem), key=lambda m: m.offset)),
    )


def list_findings(text: str, lists: Sequence[WordList], keep: MatchFilter | None = None) -> list[Finding]:
    """One finding per word list with words in the text; `keep` drops the matches that are suppressed."""
    findings: list[Finding] = []
    tokens = words(text)
    for word_list in lists:
        matches = phrase_matches(text, word_list.terms, tokens)
        if keep is not None:
            matches = keep(word_list.id, matches)
        if matches:
            findings.append(
                Finding(
                    check=word_list.id,
                    level=word_list.level,
                    message=f"{word_list.title}: {_where(matches)}",
                    advice=word_list.advice,
                    source=word_list.source,
                    matches=matches,
                )
            )
    return findings


def title_in_text(finding: Finding, text: str, title: str | None) -> Finding:
    """A gendered-title finding's matches, moved from the title to where it stands in the text."""
    start = text.find(title) if title else -1
    if start < 0 or not title or f'job title "{title}"' not in finding.message:
        return finding
    moved = tuple(match_at(text, m.term, start + m.offset, start + m.offset + len(m.text)) for m in finding.matches)
    return finding.model_copy(update={"matches": moved})
