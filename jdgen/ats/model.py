"""What `jdgen export` gives: the requests an HR engineer sends, with what is left to fill in."""

from __future__ import annotations

import re
from typing import Any, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

#: A value jdgen cannot know (a tenant's id, a user's id), written ``{name}`` for the engineer to fill.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocSource(_Model):
    """A vendor page the request was written from, and when it was read."""

    title: str
    url: str
    read: str = Field(description="The date the page was read (ISO 8601).")


class ApiRequest(_Model):
    """One HTTP request: where it goes and its body. jdgen sends nothing itself."""

    name: str = Field(description="What the request does, e.g. 'create the posting'.")
    method: Literal["POST", "PUT", "PATCH"]
    url: str = Field(description="The endpoint; {placeholders} are for you to fill (see fill).")
    content_type: str
    body: dict[str, Any] | str = Field(description="The JSON body, or the raw text of a text field.")
    schema_name: str = Field(description="The JSON Schema the body validates against (jdgen export --schema).")


class Export(_Model):
    """The request bodies for one applicant-tracking system, ready to send."""

    target: str
    api: str = Field(description="The API and version the bodies are written for.")
    requests: tuple[ApiRequest, ...]
    job: dict[str, Any] | None = Field(default=None, description="The neutral job (target unified only).")
    by_hand: dict[str, Any] | None = Field(
        default=None,
        description="What the system's API cannot take, to enter in its screens (greenhouse with the role pack).",
    )
    fill: tuple[str, ...] = Field(
        description="Placeholders still in the URLs or bodies, e.g. lever_user_id: values only you know."
    )
    notes: tuple[str, ...] = Field(description="What the system does with these fields, and what is not sent.")
    sources: tuple[DocSource, ...]


def placeholders(url: str, body: Any) -> list[str]:
    """The placeholders of a request, in order, each once: in its URL, and body values that are one.

    jdgen writes a placeholder in a body only as a whole value ("{seek_hirer_id}"); braces inside
    the JD's own text are text, never a placeholder.
    """
    found = dict.fromkeys(PLACEHOLDER.findall(url))
    found.update(dict.fromkeys(m.group(1) for text in _strings(body) if (m := PLACEHOLDER.fullmatch(text))))
    return list(found)


def filled_url(url: str, values: dict[str, str]) -> str:
    """The URL with each known placeholder replaced by its value, percent-encoded."""
    return PLACEHOLDER.sub(lambda m: quote(values[m.group(1)], safe="") if m.group(1) in values else m.group(0), url)


def filled(value: Any, values: dict[str, str]) -> Any:
    """The body with each value that is a known placeholder replaced."""
    if isinstance(value, str):
        match = PLACEHOLDER.fullmatch(value)
        return values.get(match.group(1), value) if match else value
    if isinstance(value, dict):
        return {key: filled(item, values) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [filled(item, values) for item in value]
    return value


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []
