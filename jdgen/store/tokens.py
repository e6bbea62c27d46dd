"""The secrets in survey links: unguessable, shown once, kept only as hashes, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

#: 32 random bytes (256 bits) per link, written URL-safe (43 characters).
TOKEN_BYTES = 32


def new_token() -> str:
    """A fresh link secret."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    """What the store keeps of a token: its SHA-256, hex (a leaked database gives no working link)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def matches(token: str, kept: str) -> bool:
    """Whether `token` is the one whose digest is `kept`, compared in constant time."""
    return hmac.compare_digest(digest(token), kept)
