"""The topics no interview question may touch (``posting/interview-topics.yaml``), and finding them in a text."""

from __future__ import annotations

import re
from functools import cache

from pydantic import Field

from jdgen.common import resources
from jdgen.common.errors import CatalogError
from jdgen.data.fields import Frozen, Id, Text
from jdgen.data.validation import load_model

TOPICS_FILE = "interview-topics.yaml"


class Topic(Frozen):
    """A protected ground, and the words that ask about it."""

    id: Id
    title: Text
    terms: tuple[Text, ...] = Field(min_length=1)


class TopicsFile(Frozen):
    """The topics file: its list of topics."""

    topics: tuple[Topic, ...] = Field(min_length=1)


def _pattern(term: str) -> str:
    words = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in re.split(r"[\s-]+", term)]
    return r"(?<!\w)" + r"\W+".join(words) + r"(?!\w)"


@cache
def _topics() -> tuple[tuple[Topic, re.Pattern[str]], ...]:
    parsed = load_model(resources.posting_dir() / TOPICS_FILE, TopicsFile, CatalogError)
    return tuple(
        (topic, re.compile("|".join(_pattern(t) for t in topic.terms), re.IGNORECASE)) for topic in parsed.topics
    )


def protected_topics(text: str) -> tuple[tuple[str, str], ...]:
    """Each protected topic `text` touches, as (the topic's title, the words found), in the file's order."""
    found = []
    for topic, pattern in _topics():
        match = pattern.search(text)
        if match:
            found.append((topic.title, match.group(0)))
    return tuple(found)
