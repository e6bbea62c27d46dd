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

from jdgen.data.catalog import Catalog
from jdgen.data.catalog_models import Term
from jdgen.data.input_models import Profile

M = TypeVar("M", bound=BaseModel)

#: Keys never rewritten: ids, and a warning's `why`, which reports what a source found about
#: companies (changing its words would misquote the source).
_ID_KEYS = frozenset({"id", "archetype", "statement", "rule", "band", "domain", "sources", "answer", "kind", "why"})


@cache
def _pattern(terms: tuple[Term, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    words = {t.general: t.here for t in terms}
    # Longest first, so that "the company's" wins over "company".
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), words


def speak(text: str, terms: Sequence[Term], keep: Sequence[str] = ()) -> str:
    """`text` with each general word replaced by the sector's own (whole words, case as written).

    The strings in `keep` (what respondents are called, say "CEO") are left as they are.
    """
    within = tuple(t for t in terms if not t.whole_item)
    if not within:
        return text
    kept = [k for k in sorted(set(keep), key=len, reverse=True) if k and k in text]
    for n, k in enumerate(kept):
        text = text.replace(k, f"\x00{n}\x00")
    pattern, words = _pattern(within)
    text = pattern.sub(lambda m: words[m.group(0)], text)
    for n, k in enumerate(kept):
        text = text.replace(f"\x00{n}\x00", k)
    return text


def _item(text: str, terms: Sequence[Term], keep: Sequence[str]) -> str:
    whole = {t.general: t.here for t in terms if t.whole_item}
    return whole.get(text) or speak(text, terms, keep)


def terms_for(catalog: Catalog, profile: Profile) -> tuple[Term, ...]:
    """The words the profile's sector uses instead of the catalog's general ones (none for most sectors)."""
    sector = catalog.sectors.by_id.get(profile.sector)
    return sector.terms if sector else ()


def _rewrite(value: Any, terms: Sequence[Term], keep: Sequence[str] = ()) -> Any:
    if isinstance(value, str):
        return speak(value, terms, keep)
    if isinstance(value, dict):
        return {k: v if k in _ID_KEYS else _rewrite(v, terms, keep) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [_item(v, terms, keep) if isinstance(v, str) else _rewrite(v, terms, keep) for v in value]
        # Two general words may become one (Product and Sales both a program office): list it once.
        return list(dict.fromkeys(items)) if all(isinstance(i, str) for i in items) else items
    return value


def localise(model: M, terms: Sequence[Term], fields: Iterable[str], keep: Sequence[str] = ()) -> M:
    """A copy of `model` whose `fields` (and everything inside them) speak the sector's words.

    A ``readiness`` field is rewritten in its gaps and reasons only: what respondents wrote (their
    notes) and what they are called stay as typed, there and wherever `keep` names them.
    """
    if not terms:
        return model
    data = model.model_dump(mode="python")
    for name in fields:
        if name == "readiness":
            data[name] = _readiness(data[name], terms)
        else:
            data[name] = _rewrite(data[name], terms, keep)
    return type(model).model_validate(data)


def _readiness(readiness: dict[str, Any] | None, terms: Sequence[Term]) -> dict[str, Any] | None:
    if readiness is None:
        return None
    keep = readiness["respondents"]
    return {
        **readiness,
        "gaps": _rewrite(readiness["gaps"], terms, keep),
        "reasons": _rewrite(readiness["reasons"], terms, keep),
    }
