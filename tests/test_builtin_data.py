"""jdgen's own data files are read with LibYAML's parser; anything a user gives, with PyYAML's own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from jdgen.common import resources
from jdgen.data.yamlio import _BuiltinLoader, _UniqueKeyLoader, read_yaml

BUILTIN = sorted(
    p
    for folder in (resources.catalog_dir(), resources.seeds_dir(), resources.posting_dir())
    for p in folder.rglob("*.yaml")
)


def test_the_builtin_files_are_known_as_such_and_nothing_else_is(tmp_path: Path) -> None:
    assert BUILTIN and all(resources.is_builtin_data(p) for p in BUILTIN)
    (tmp_path / "blocks.yaml").write_text("blocks: []\n")
    assert not resources.is_builtin_data(tmp_path / "blocks.yaml")
    assert not resources.is_builtin_data(resources.examples_dir() / "profile.yaml")  # an input, though shipped


@pytest.mark.parametrize("path", BUILTIN, ids=lambda p: p.name)
def test_both_parsers_read_each_builtin_file_alike(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=_BuiltinLoader) == yaml.load(text, Loader=_UniqueKeyLoader)
    data, problem = read_yaml(path)
    assert problem is None and data == yaml.load(text, Loader=_UniqueKeyLoader)


def test_the_builtin_parser_keeps_the_duplicate_key_check() -> None:
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key 'id'"):
        yaml.load("id: a\nid: b\n", Loader=_BuiltinLoader)


def test_a_users_deeply_nested_file_is_still_refused_in_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 200 + "]" * 200 + "\n")
    data, problem = read_yaml(deep)
    assert data is None and problem is not None and "nested more than 100 levels deep" in problem.message


@pytest.mark.parametrize("depth", [101, 100_000])
def test_a_deeply_nested_file_in_a_builtin_folder_is_refused_not_a_crash(depth: int) -> None:
    # A checkout's catalog/ can be edited: LibYAML's composer would recurse in C past any stack.
    from jdgen.data.yamlio import parse_yaml

    data, problem = parse_yaml("a: " + "[" * depth + "]" * depth + "\n", "catalog/extra.yaml", builtin=True)
    assert data is None and problem is not None and "nested more than 100 levels deep" in problem.message
    data, problem = parse_yaml("a: [1, {b: 2}]\n", "catalog/extra.yaml", builtin=True)
    assert problem is None and data == {"a": [1, {"b": 2}]}
