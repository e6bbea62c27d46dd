r"""Files jdgen builds once and reads again at start-up: compiled templates, dictionaries, the prepared reference.

They live in the user's cache folder (``$XDG_CACHE_HOME/jdgen``, else ``~/.cache/jdgen``; on
Windows ``%LOCALAPPDATA%\\jdgen``), or in ``$JDGEN_CACHE_DIR``; ``JDGEN_CACHE_DIR=off`` turns the
cache off. Each entry's name carries what it was built from (versions, file sizes and times),
so a change makes a new entry rather than a stale read. A cache is only ever a shortcut:
anything wrong with it (missing, unreadable, corrupt, another user's folder) and jdgen builds
the thing as if there were none, and writes the entry again, whole or not at all.

Entries are read with `marshal` and Jinja's bytecode cache, which trust what they read: the
folder is made private (mode 0700) and a folder that is not the user's own, or that others can
write to, is not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Bumped when the layout of an entry changes.
FORMAT = 1


def folder() -> Path | None:
    """The cache folder, made if missing; None when the cache is off or the folder is not safe to use."""
    chosen = os.environ.get("JDGEN_CACHE_DIR")
    if chosen and chosen.lower() == "off":
        return None
    try:
        if chosen:
            base = Path(chosen)
        elif sys.platform == "win32":
            base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "jdgen"
        else:
            base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jdgen"
    except (RuntimeError, KeyError):  # no home folder to be found (a container's uid without a passwd entry)
        return None
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = base.stat()
    except OSError:
        return None
    if sys.platform != "win32" and (info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        return None  # another user's folder, or one others may write to: what it holds cannot be trusted
    return base


def key(*parts: object) -> str:
    """A short name for an entry built from `parts` (versions, paths, sizes, times)."""
    return hashlib.sha256(repr((FORMAT, *parts)).encode()).hexdigest()[:24]


def file_key(path: str | Path) -> tuple[str, int, int]:
    """What a file's cached forms depend on: its path, size and modification time."""
    info = Path(path).stat()
    return str(path), info.st_size, info.st_mtime_ns


def remembered(
    name: str,
    build: Callable[[], T],
    *,
    encode: Callable[[T], Any] = lambda v: v,
    decode: Callable[[Any], T] = lambda v: v,
    pickled: bool = False,
) -> T:
    """The value cached as `name`, or `build()` (then cached).

    `encode` makes the value marshal-able and `decode` undoes it; with `pickled`, the entry is
    a pickle (objects of jdgen's own classes), read only from the private folder.
    """
    base = folder()
    path = base / f"{name}.{'pickle' if pickled else 'marshal'}" if base is not None else None
    if path is not None:
        try:
            data = path.read_bytes()
            if pickled:
                import pickle

                return decode(pickle.loads(data))  # the user's own private folder, written by jdgen
            return decode(marshal.loads(data))
        except Exception:  # noqa: BLE001, S110 - missing, unreadable or from another version: built again below
            pass
    value = build()
    if path is not None:
        try:
            if pickled:
                import pickle

                blob = pickle.dumps(encode(value), protocol=pickle.HIGHEST_PROTOCOL)
            else:
                blob = marshal.dumps(encode(value))
        except Exception:  # noqa: BLE001 - a value that cannot be kept is simply not cached
            return value
        write(path, blob)
    return value


def write(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all (a temporary file renamed); errors are ignored."""
    import tempfile  # only when an entry is written: it costs a start-up that reads the cache

    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as tmp:
            temporary = Path(tmp.name)
            tmp.write(data)
        temporary.replace(path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
