"""Reading YAML safely: safe loading only, a size limit, duplicate keys refused, readable errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from jdgen.errors import Problem

#: Largest YAML file jdgen reads, in bytes. Catalog files and inputs are a few KB; anything
#: this large is a mistake (or an attack on the parser), so it is refused before parsing.
MAX_YAML_BYTES = 2 * 1024 * 1024


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a mapping with the same key twice (PyYAML keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # "<<: *anchor": merged keys may be overridden
                continue
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key; let PyYAML report it
                duplicate = False
            if duplicate:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _too_large(label: str) -> Problem:
    return Problem(label, f"larger than the {MAX_YAML_BYTES // 1024 // 1024} MB limit for YAML files")


def parse_yaml(text: str, label: str) -> tuple[Any, Problem | None]:
    """Parse YAML text; return (data, None) or (None, the problem with line and column)."""
    if len(text) > MAX_YAML_BYTES:
        return None, _too_large(label)
    if not text.strip():
        return None, Problem(label, "the file is empty; give at least one entry")
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return None, Problem(label, f"{where}not valid YAML ({problem})")


def read_yaml(path: Path, label: str | None = None) -> tuple[Any, Problem | None]:
    """Read and parse one YAML file; return (data, None) or (None, a problem naming the file)."""
    label = label or str(path)
    try:
        with path.open("rb") as handle:
            blob = handle.read(MAX_YAML_BYTES + 1)  # stat() says 0 for /dev/zero and pipes
        if len(blob) > MAX_YAML_BYTES:
            return None, _too_large(label)
        text = blob.decode("utf-8-sig")
    except FileNotFoundError:
        return None, Problem(label, "no such file")
    except IsADirectoryError:
        return None, Problem(label, "is a folder, not a YAML file")
    except UnicodeDecodeError:
        return None, Problem(label, "is not UTF-8 text")
    except OSError as exc:
        return None, Problem(label, f"cannot be read ({exc.strerror or exc})")
    return parse_yaml(text, label)
