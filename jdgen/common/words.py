"""Words put together for people: a list as a sentence, a sentence continued after a colon."""

from __future__ import annotations

from typing import Any


def lower_first(text: str) -> str:
    """A sentence continued after a colon: its first letter in lower case, unless the word is an acronym (CX, CRM)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def sentence_list(items: Any) -> str:
    """``[a, b, c]`` → ``a, b and c``."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def first_sentence(text: str) -> str:
    """The text up to its first full stop followed by a space, ending with a full stop."""
    head, dot, _ = text.partition(". ")
    return head + ("." if dot or not head.endswith(".") else "")
