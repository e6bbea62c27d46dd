"""One context, one vocabulary: the catalog's general words in the words of the company's sector.

The catalog is written for a company ("the company", "the CEO", "the board"). A sector can name
its own words for them (`Sector.terms` in ``catalog/sectors.yaml``): an agency, its head and its
oversight bodies. `localise` rewrites the text a document takes from the catalog, never what
the profile gives (the company's name, its reporting line, its about text), so a term the user
typed stays as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

from jdgen.catalog import Catalog
from jdgen.models import Profile, Term

M = TypeVar("M", bound=BaseModel)

#: Keys whose values are ids, not prose: never rewritten.
_ID_KEYS = frozenset({"id", "archetype", "statement", "rule", "band", "domain", "sources", "answer", "kind"})


@cache
def _pattern(terms: tuple[Term, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    words = {t.general: t.here for t in terms}
    # Longest first, so that "the company's" wins over "company".
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), words


def speak(text: str, terms: Sequence[Term]) -> str:
    """`text` with each general word replaced by the sector's own (whole words, case as written)."""
    within = tuple(t for t in terms if not t.whole_item)
    if not within:
        return text
    pattern, words = _pattern(within)
    return pattern.sub(lambda m: words[m.group(0)], text)


def _item(text: str, terms: Sequence[Term]) -> str:
    whole = {t.general: t.here for t in terms if t.whole_item}
    return whole.get(text) or speak(text, terms)


def terms_for(catalog: Catalog, profile: Profile) -> tuple[Term, ...]:
    """The words the profile's sector uses instead of the catalog's general ones (none for most sectors)."""
    sector = catalog.sectors.by_id.get(profile.sector)
    return sector.terms if sector else ()


def _rewrite(value: Any, terms: Sequence[Term]) -> Any:
    if isinstance(value, str):
        return speak(value, terms)
    if isinstance(value, dict):
        return {k: v if k in _ID_KEYS else _rewrite(v, terms) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [_item(v, terms) if isinstance(v, str) else _rewrite(v, terms) for v in value]
        # Two general words may become one (Product and Sales both a program office): list it once.
        return list(dict.fromkeys(items)) if all(isinstance(i, str) for i in items) else items
    return value


def localise(model: M, terms: Sequence[Term], fields: Iterable[str]) -> M:
    """A copy of `model` whose `fields` (and everything inside them) speak the sector's words."""
    if not terms:
        return model
    data = model.model_dump(mode="python")
    for name in fields:
        data[name] = _rewrite(data[name], terms)
    return type(model).model_validate(data)
