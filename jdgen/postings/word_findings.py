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


#: The evidence behind aiming at neutral wording, not at the other side of the scale.
NEUTRAL_EVIDENCE = (
    "He & Kang, 'Identities between the lines' (four studies, N = 37,920; https://pmc.ncbi.nlm.nih.gov/articles/"
    "PMC11848290/; UCLA Anderson Review, 2023): neutral synonyms for masculine words raised applications from "
    "women and from men less tied to masculine norms, and the authors argue against feminizing ads instead; "
    "Castilla & Rho (2023), Management Science 69(11): gendered wording had negligible effects on who applied"
)
_ADVICE = {
    "strongly masculine-coded": (
        "Aim for neutral wording: swap masculine-coded words for neutral ones (lead → guide or run; driven → "
        "focused; analytical → evidence-based; competitive → strong), not for feminine-coded ones. In Gaucher et "
        "al.'s studies masculine wording made ads less appealing to women."
    ),
    "strongly feminine-coded": (
        "Aim for neutral wording, not feminine: swap feminine-coded words for neutral ones (support → help; "
        "shared → common; agree → settle or sign off; together → at the same time). The evidence does not "
        "support tipping a posting the other way."
    ),
}


def gender_finding(masc: Sequence[Match], fem: Sequence[Match], lists: GenderWords) -> Finding | None:
    """The gender-coding finding of the coded words found (None: none found).

    The aim is neutral: a strongly masculine-coded posting is a warning (Gaucher et al. 2011), a
    strongly feminine-coded one is a note with the same advice the other way, since later work finds
    no gain in tipping a posting toward feminine wording (`NEUTRAL_EVIDENCE`).
    """
    if not masc and not fem:
        return None
    verdict = gender_verdict(len(masc), len(fem))
    counts = [f"{len(masc)} masculine-coded" + (f": {_where(masc, 8)}" if masc else "")]
    counts.append(f"{len(fem)} feminine-coded" + (f": {_where(fem, 8)}" if fem else ""))
    source = f"{lists.citation()}; verdict scale of {lists.source.scale}"
    return Finding(
        check="gender-coded",
        level="warning" if verdict == "strongly masculine-coded" else "info",
        message=f"Gender coding: {verdict} ({'; '.join(counts)})",
        advice=_ADVICE.get(verdict),
        source=f"{source}; {NEUTRAL_EVIDENCE}" if verdict in _ADVICE else source,
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
