"""The code's layout: folders in the order of the flow, no import up the flow, modules short enough to read.

README, "How the code is laid out": each folder of jdgen/ is one stage, and a module may import
from its own folder and the folders before it, never from one after it. The old module paths of
jdgen 0.4 still import, with a DeprecationWarning.
"""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import jdgen
from jdgen import _old_paths

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "jdgen"
#: The folders of jdgen/, in the order of the flow: each may import only those before it.
FLOW = ("common", "data", "decide", "render", "postings", "ats", "batch", "store", "web", "cli")
#: What may sit beside the folders: the public API, `python -m jdgen`, the old paths' finder.
TOP_LEVEL = {"__init__.py", "__main__.py", "_old_paths.py", "py.typed"}
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.with_suffix("").parts
    parts = parts[len(parts) - 1 - parts[::-1].index("jdgen") :]  # from the package's own folder down
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _jdgen_imports(path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    """Every import of jdgen in a module, at any depth: (line, module, names), relative ones resolved.

    An import inside a module's `__getattr__` is left out: that is where a name kept for its old
    path (with a DeprecationWarning) is fetched from where it went.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__"
        for inner in ast.walk(node)
    }
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, ()) for a in node.names if a.name.split(".")[0] == "jdgen"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module.split(".")[0] == "jdgen":
                found.append((node.lineno, module, tuple(a.name for a in node.names)))
    return found


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FLOW else None


def test_jdgen_holds_only_the_folders_of_the_flow() -> None:
    entries = {p.name for p in PACKAGE.iterdir() if p.name != "__pycache__"}
    assert entries - TOP_LEVEL == set(FLOW)
    for folder in FLOW:
        assert (PACKAGE / folder / "__init__.py").is_file(), folder


def test_no_module_imports_from_a_folder_later_in_the_flow() -> None:
    wrong = []
    for path in _modules():
        own = _stage(_module_name(path))
        for line, module, names in _jdgen_imports(path):
            where = f"{path.relative_to(ROOT)}:{line} imports {module}"
            if module == "jdgen":  # the package: a folder (`from jdgen import batch`) or the version
                targets = [f"jdgen.{name}" for name in names if name not in {"__version__", "_old_paths"}]
            else:
                targets = [module]
            for target in targets:
                stage = _stage(target)
                if stage is None:
                    wrong.append(f"{where} ({target}), which is in no folder: an old path, or the public API")
                elif own is not None and FLOW.index(stage) > FLOW.index(own):
                    wrong.append(f"{where}: {stage} comes after {own} in the flow")
    assert not wrong, "\n".join(wrong)


def test_the_walk_finds_an_import_up_the_flow(tmp_path: Path) -> None:
    # The check above can fail: a module of `data` importing from `decide`, even inside a function.
    module = tmp_path / "jdgen" / "data" / "odd.py"
    module.parent.mkdir(parents=True)
    module.write_text("def f():\n    from jdgen.decide.compose import compose\n    from . import catalog\n")
    imports = [(m, n) for _, m, n in _jdgen_imports(module)]
    assert imports == [("jdgen.decide.compose", ("compose",)), ("jdgen.data", ("catalog",))]


@pytest.mark.parametrize("folder", FLOW)
def test_each_folder_says_what_lives_there_and_what_it_may_import(folder: str) -> None:
    module = importlib.import_module(f"jdgen.{folder}")
    first_line = (module.__doc__ or "").split("\n", 1)[0]
    said = re.search(r"May import: (.*)\.$", first_line)
    assert said, f"jdgen/{folder}/__init__.py: the docstring's first line ends 'May import: ….'"
    may = set(re.findall(r"`(\w+)`", said.group(1)))
    assert may == set(FLOW[: FLOW.index(folder)]), first_line


def test_no_module_is_too_long_to_read_at_once() -> None:
    files = [p for p in ROOT.glob("*/**/*.py") if p.parts[len(ROOT.parts)] in {"jdgen", "benchmarks", "scripts"}]
    assert len(files) > 50
    long = {
        str(p.relative_to(ROOT)): n for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


@pytest.mark.parametrize("old", sorted(_old_paths.MOVED))
def test_each_old_module_path_imports_with_a_warning(old: str) -> None:
    new = _old_paths.MOVED[old]
    assert not (ROOT / (old.replace(".", "/") + ".py")).exists()
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=rf"^{re.escape(old)} is now {re.escape(new[0])}"):
        module = importlib.import_module(old)
    parts = [importlib.import_module(name) for name in new]
    if len(parts) == 1:
        assert module is parts[0]
        assert module.__spec__ is not None and module.__spec__.name == new[0]  # the module keeps its own spec
    for part in parts:
        for name in getattr(part, "__all__", None) or [n for n in vars(part) if not n.startswith("_")]:
            assert getattr(module, name) is getattr(part, name), f"{old}.{name}"


def test_old_paths_work_in_code_written_for_jdgen_0_4() -> None:
    code = (
        "from jdgen.models import Profile\n"
        "from jdgen.results import JobDescription, Finding\n"
        "from jdgen.pay_transparency import applicable_rules, pay_findings, PayFacts\n"
        "from jdgen.cli import main\n"
        "from jdgen.batch import load_spec, plan, run, summary_text, Settings\n"
        "from jdgen.render.jsonld import jsonld_findings\n"
        "import jdgen.lint\n"
        "print(Profile.__module__, JobDescription.__module__, Finding.__module__, PayFacts.__module__,\n"
        "      callable(main), jdgen.lint.lint_posting.__module__, jsonld_findings.__module__)\n"
    )
    result = subprocess.run([sys.executable, "-W", "always", "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == [
        "jdgen.data.input_models",
        "jdgen.decide.results",
        "jdgen.postings.findings",
        "jdgen.postings.pay_text",
        "True",
        "jdgen.postings.lint",
        "jdgen.postings.jsonld_checks",
    ]
    warned = [line for line in result.stderr.splitlines() if "DeprecationWarning" in line]
    assert len(warned) == 5, result.stderr  # models, results, pay_transparency, jsonld_findings, lint
    assert all(line.startswith("<string>:") for line in warned), result.stderr  # at the user's import line


def test_the_new_paths_give_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for path in _modules():
            if path.name != "__main__.py" and "sandbox_worker" not in path.name:
                importlib.import_module(_module_name(path))
    assert callable(jdgen.compose)


def test_the_readme_maps_every_folder() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    for folder in FLOW:
        assert f"{folder}/" in section, folder
