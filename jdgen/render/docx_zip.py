"""A .docx's zip archive, written in one pass, with the parts every document shares compressed once.

The archive is a plain one (deflated members, no zip64, fixed 1980-01-01 entry times, no
comments), laid out as Python's `zipfile` lays it out. The parts a document takes unchanged from
its reference (styles, theme, fonts, settings…) are deflated when the reference is prepared
(`deflate`), so that writing a document deflates only its own text.
"""

from __future__ import annotations

import struct
import sys
import zlib
from dataclasses import dataclass

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # what a deflated member needs to be read
_DEFLATED = 8
_UTF8_NAME = 0x800
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1  # 1980-01-01 00:00:00
_SYSTEM = 0 if sys.platform == "win32" else 3
_PERMISSIONS = 0o644 << 16


@dataclass(frozen=True)
class Member:
    """One deflated archive member: its name, the CRC and size of its content, and the deflated bytes."""

    name: str
    crc: int
    size: int
    deflated: bytes


def deflate(name: str, blob: bytes) -> Member:
    """`blob` deflated as `zipfile` deflates a member (raw deflate, default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Member(name, zlib.crc32(blob), len(blob), compressor.compress(blob) + compressor.flush())


def archive(members: list[Member]) -> bytes:
    """The zip archive of `members`, in order."""
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for member in members:
        name = member.name.encode("utf-8")
        flags = 0 if member.name.isascii() else _UTF8_NAME
        fields = (flags, _DEFLATED, _DOS_TIME, _DOS_DATE, member.crc, len(member.deflated), member.size, len(name))
        out += (_LOCAL.pack(b"PK\x03\x04", _VERSION, 0, *fields, 0), name, member.deflated)
        directory += (
            _CENTRAL.pack(b"PK\x01\x02", _VERSION, _SYSTEM, _VERSION, 0, *fields, 0, 0, 0, 0, _PERMISSIONS, offset),
            name,
        )
        offset += _LOCAL.size + len(name) + len(member.deflated)
    size = sum(len(chunk) for chunk in directory)
    return b"".join([*out, *directory, _END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), size, offset, 0)])
