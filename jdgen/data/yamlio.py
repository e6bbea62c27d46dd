"""Reading YAML safely: safe loading only, size and depth limits, duplicate keys refused, readable errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from jdgen.common import resources
from jdgen.common.errors import Problem, quoted

#: Largest YAML file jdgen reads, in bytes. Catalog files and inputs are a few KB; anything
#: this large is a mistake (or an attack on the parser), so it is refused before parsing.
MAX_YAML_BYTES = 2 * 1024 * 1024
#: Deepest nesting of lists and mappings jdgen reads (its files nest a few levels); deeper
#: nesting would exhaust Python's stack.
MAX_YAML_DEPTH = 100
#: Most key-value pairs that merge keys (``<<: *anchor``) may copy in one file. A merge copies the
#: pairs of the mapping it names, and a file can merge the same mapping many times over: without a
#: budget a small file could take hours and gigabytes to read.
MAX_MERGED_ENTRIES = 10_000
#: Most aliases (``*anchor``) to a list or mapping in one document, as SnakeYAML's
#: ``maxAliasesForCollections``. Each such alias repeats a whole structure, so a few hundred bytes
#: of nested aliases stand for billions of values ("billion laughs"); jdgen's files need a handful.
MAX_COLLECTION_ALIASES = 50
#: Most values a document may stand for once its aliases are expanded. A 2 MB file without
#: aliases holds at most about a million; fewer aliases than the limit above can still double a
#: list fifty times, and whatever walks the data (a validator, a message) would walk every copy.
MAX_EXPANDED_VALUES = 2_000_000
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Checks(yaml.constructor.SafeConstructor):
    """Refuse a mapping with the same key twice (PyYAML keeps the last).

    Also expand merge keys with a budget (`MAX_MERGED_ENTRIES` per file), and report a value
    PyYAML cannot construct (a date such as 2024-13-45, an integer of thousands of digits) at
    its line, as a YAML error.
    """

    _merged_entries = 0

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """Replace the merge keys of `node` by the pairs they merge, as YAML's merge key type defines.

        jdgen's own expansion, so that what a file costs to read does not depend on the PyYAML
        release: each merged mapping is expanded once (its node is changed in place), and a key
        merged from several mappings is copied once, from the first (which takes precedence).
        The mapping's own keys come last, so they override every merged key.
        """
        merged: dict[tuple[str, Any], tuple[yaml.Node, yaml.Node]] = {}
        unhashable: list[tuple[yaml.Node, yaml.Node]] = []
        own: list[tuple[yaml.Node, yaml.Node]] = []
        merges = False
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE_TAG:
                if key_node.tag == "tag:yaml.org,2002:value":  # as PyYAML: "=" is a plain key
                    key_node.tag = "tag:yaml.org,2002:str"
                own.append((key_node, value_node))
                continue
            merges = True
            for source in self._merge_sources(node, value_node):
                self.flatten_mapping(source)
                self._merged_entries += len(source.value)
                if self._merged_entries > MAX_MERGED_ENTRIES:
                    message = f"merge keys copy more than {MAX_MERGED_ENTRIES:,} entries in this file"
                    raise yaml.constructor.ConstructorError(None, None, message, value_node.start_mark)
                for pair in source.value:
                    if isinstance(pair[0], yaml.ScalarNode):
                        merged.setdefault((pair[0].tag, pair[0].value), pair)
                    else:
                        unhashable.append(pair)
        if merges:
            for key_node, _ in own:  # the mapping's own keys override merged ones
                if isinstance(key_node, yaml.ScalarNode):
                    merged.pop((key_node.tag, key_node.value), None)
            node.value = [*merged.values(), *unhashable, *own]

    @staticmethod
    def _merge_sources(node: yaml.MappingNode, value_node: yaml.Node) -> list[yaml.MappingNode]:
        """The mappings a merge key names: one mapping, or a list of them in order of precedence."""
        candidates: list[yaml.Node] = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        sources = [source for source in candidates if isinstance(source, yaml.MappingNode)]
        if len(sources) < len(candidates):
            wrong = next(source for source in candidates if not isinstance(source, yaml.MappingNode))
            message = f"expected a mapping or a list of mappings to merge, but found {wrong.id}"  # type: ignore[attr-defined]
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, message, wrong.start_mark
            )
        return sources

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as exc:  # PyYAML's constructors let these through
            value = node.value if isinstance(node.value, str) else None
            what = "a value" if value is None else f"the value {value if len(value) <= 40 else value[:40] + '…'!r}"
            reason = str(exc).split("; use sys.")[0]  # Python's digit limit suggests a call
            message = f"cannot read {what}: {reason}"
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:  # "<<: *anchor": merged keys may be overridden
                continue
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key (a list or a mapping); PyYAML reports it below
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {quoted(key)}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _UniqueKeyLoader(_Checks, yaml.SafeLoader):
    """The loader of every file a user gives: PyYAML's parser, with a limit on nesting depth."""

    _depth = 0
    _collection_aliases = 0

    def compose_document(self) -> yaml.Node | None:
        self._collection_aliases = 0
        node: yaml.Node | None = super().compose_document()  # type: ignore[no-untyped-call, unused-ignore]
        if node is not None and _expanded_size(node, {}) > MAX_EXPANDED_VALUES:
            message = f"its aliases expand it past {MAX_EXPANDED_VALUES:,} values"
            raise yaml.composer.ComposerError(None, None, message, node.start_mark)
        return node

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self._depth >= MAX_YAML_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_YAML_DEPTH} levels deep", mark)
        if self.check_event(yaml.AliasEvent):  # type: ignore[no-untyped-call, unused-ignore]
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if isinstance(self.anchors.get(event.anchor), yaml.CollectionNode):
                self._collection_aliases += 1
                if self._collection_aliases > MAX_COLLECTION_ALIASES:
                    message = f"more than {MAX_COLLECTION_ALIASES} aliases to lists or mappings in one document"
                    raise yaml.composer.ComposerError(None, None, message, event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values `node` stands for with every alias expanded (each node is sized once)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = 1  # a node that contains itself counts once (PyYAML builds such cycles)
    if isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    else:
        size = 1
    sizes[id(node)] = size
    return size


# jdgen's own data files (catalog, source register, posting lists and rules) are read with
# LibYAML's parser when PyYAML has it: several times faster. Its composer recurses in C with no
# depth limit, so a file is first checked to nest within the limit (a checkout's folders can be edited).
_BuiltinLoader: type[yaml.SafeLoader | yaml.CSafeLoader]
if yaml.__with_libyaml__:

    class _CBuiltinLoader(_Checks, yaml.CSafeLoader):
        """LibYAML's parser with the same checks on what is built."""

    _BuiltinLoader = _CBuiltinLoader
else:  # pragma: no cover (PyYAML without LibYAML)
    _BuiltinLoader = _UniqueKeyLoader


def _nests_within_limit(text: str) -> bool:
    """LibYAML's event stream (iterative, unlike its composer) says the text nests at most `MAX_YAML_DEPTH` deep.

    Anything else (deeper, or not valid YAML) goes to the Python loader, which reports it.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False
    return True


def _too_large(label: str) -> Problem:
    return Problem(label, f"larger than the {MAX_YAML_BYTES // 1024 // 1024} MB limit for YAML files")


def parse_yaml(text: str, label: str, *, builtin: bool = False) -> tuple[Any, Problem | None]:
    """Parse YAML text; return (data, None) or (None, the problem with line and column).

    `builtin`: the text is one of jdgen's own data files (read with LibYAML when available).
    """
    if len(text) > MAX_YAML_BYTES:
        return None, _too_large(label)
    if not text.strip():
        return None, Problem(label, "the file is empty; give at least one entry")
    try:
        fast = builtin and _BuiltinLoader is not _UniqueKeyLoader and _nests_within_limit(text)
        return yaml.load(text, Loader=_BuiltinLoader if fast else _UniqueKeyLoader), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())  # one line
        return None, Problem(label, f"{where}not valid YAML ({problem})")
    except RecursionError:  # not expected past the depth limit; still one clear line if it happens
        return None, Problem(label, "not valid YAML (nested too deeply to read)")


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
    return parse_yaml(text, label, builtin=resources.is_builtin_data(path))
