"""Occupation and skill codes as catalog data: the classifications, and a concept in one of them.

A JobPosting names its occupation in O*NET-SOC (the profile's ``occupational_category``) and,
from the catalog, in ISCO-08 and ESCO: each archetype carries its ISCO-08 unit group and, where
one fits, an ESCO occupation; a competency carries the ESCO skill it maps to, if any. The
versions live in the catalog's ``code_sets``, each resting on a source of the register.
"""

from __future__ import annotations

from pydantic import Field

from jdgen.data.fields import Frozen, Id, Text, Url


class CodeSet(Frozen):
    """A classification of occupations or skills, at the version jdgen's codes were read from."""

    id: Id
    name: Text = Field(description="As job boards name it: ISCO-08, ESCO occupations, ESCO skills.")
    version: Text = Field(description="The release the codes were read from, e.g. v1.2.0.")
    url: Url = Field(description="The classification's concept scheme or home page.")
    sources: tuple[Id, ...] = Field(min_length=1)


class Code(Frozen):
    """One concept of a code set: its URI, its label as the set spells it and, if it has one, its code."""

    set: Id = Field(description="The code set's id (catalog code_sets).")
    code: Text | None = Field(default=None, description="The notation: 1221 in ISCO-08, 1221.4 in ESCO.")
    label: Text = Field(description="The preferred label, as the code set spells it.")
    uri: Url


class Occupation(Frozen):
    """An archetype's occupation in ISCO-08 and, where one fits, in ESCO, with the reasoning."""

    isco: Code = Field(description="The ISCO-08 unit group.")
    esco: Code | None = Field(default=None, description="The ESCO occupation; none where ESCO has no fitting one.")
    why: Text = Field(description="Why these codes, and why not the near ones.")
