"""A user's template cannot build a huge value, run for ever or take the memory (review D6, D7).

Every template of the review's D6 table, and D7's endless one, is refused in one `RenderError`
line naming the template file. The limits are lowered for these tests (1 s of CPU, 256 MB), so
that the limits themselves bound what a test can cost, whatever the sandbox lets through.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import jdgen
from jdgen.common import resources
from jdgen.render import isolation
from jdgen.render.documents import layout
from jdgen.render.environment import render_here

#: Runs for hours without a limit, in two lines of Jinja.
ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
CATALOG = jdgen.load_catalog()
JD = jdgen.compose(CATALOG, "enterprise-cx")


@pytest.fixture(autouse=True)
def _small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "MAX_CPU_SECONDS", 1)
    monkeypatch.setattr(isolation, "MAX_MEMORY_MB", 256)
    monkeypatch.setattr(isolation, "MAX_SECONDS", 30)  # CPU runs out first; this only bounds a stuck test


def refusal(folder: Path, source: str, template: str = "jd.md.j2") -> str:
    """The one-line error of rendering `source` as the user's `template`."""
    (folder / template).write_text(source)
    with pytest.raises(jdgen.RenderError) as caught:
        jdgen.render(JD, "md", template_dirs=[folder])
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{folder / template}: ")
    return message.removeprefix(f"{folder / template}: ")


#: The review's D6 table (and D7's endless template), each with the reason it is now refused for.
D6 = {
    "str.format width": ("{{ ('{:>50000000}'.format('x')) | length }}", "line 1: a width over 10000 is too large"),
    "str.format width 99999": ("{{ '{:>99999}'.format('x') }}", "line 1: a width over 10000 is too large"),
    "nested width field": ("{{ '{0:>{1}}'.format('x', 50000000) | length }}", "line 1: a width over 10000"),
    "nested precision field": ("{{ '{0:.{1}f}'.format(1.5, 50000000) | length }}", "line 1: a width over 10000"),
    "format_map": ("{{ '{a:>50000000}'.format_map({'a': 'x'}) | length }}", "line 1: a width over 10000"),
    "format through attr": ("{{ ('{:>50000000}' | attr('format'))('x') }}", "line 1: a width over 10000"),
    "format by subscript": ("{{ '{:>50000000}'['format']('x') }}", "line 1: a width over 10000"),
    "% with * width": ("{{ ('%*s' % (50000000, 'x')) | length }}", "line 1: a width over 10000 is too large"),
    "% with * precision": ("{{ '%-*.*f' % (5, 50000000, 1.5) }}", "line 1: a width over 10000 is too large"),
    "% with a mapping key": ("{{ ('%(a)50000000s' % {'a': 'x'}) | length }}", "line 1: a width over 10000"),
    "format filter with *": ("{{ '%*s' | format(50000000, 'x') }}", "line 1: a width over 10000 is too large"),
    "expandtabs keyword": ("{{ ('\\t'.expandtabs(tabsize=50000000)) | length }}", "line 1: expanding these tabs"),
    "center keyword": ("{{ 'x'.center(width=50000000) }}", "line 1: a width over 10000 is too large"),
    "tojson indent": (
        "{{ ({'a': [1, {'b': [1, 2]}]} | tojson(indent=20000000)) | length }}",
        "line 1: an indent over 100",
    ),
    "model_dump_json indent": ("{{ jd.model_dump_json(indent=20000) | length }}", "line 1: an indent over 100"),
    "join filter": ("{{ (['x' * 10000000] * 10) | join | length }}", "line 1: this join would make a value over"),
    "join filter separator": ("{{ range(100000) | join('x' * 1000) | length }}", "line 1: this join would make"),
    "str.join": ("{{ ('x' * 1000).join(['y' * 10000] * 10000) | length }}", "line 1: this join would make"),
    "str.replace": ("{{ ('x' * 10000000).replace('x', 'xxxxx') | length }}", "line 1: this replace would make"),
    "replace filter": ("{{ ('x' * 10000000) | replace('x', 'xxxxx') | length }}", "line 1: this replace would make"),
    "indent filter": ("{{ ('\\n' * 5000000) | indent(10000) | length }}", "line 1: this indent would make"),
    "lipsum": ("{{ lipsum(200000, html=False) | length }}", "line 1: 'lipsum' is undefined"),
    "chained powers": (
        "{{ ((10 ** 1000) ** 1000) ** 30 > 1 }}",
        "line 1: the power would be a number of over 100,000 bits",
    ),
    "squaring in a loop": (
        "{% set ns = namespace(n=10 ** 1000) %}{% for i in range(30) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
        "line 1: the product would be a number of over 100,000 bits",
    ),
    "include of a 20 MB file": ("{% include 'big.txt' %}", "line 1: big.txt is larger than the 1024 KB limit"),
    "D7: a list that grows as it is looped over": (
        "{% set ns = namespace(l=[1]) %}{% for x in ns.l %}{{ ns.l.append(x) or '' }}{% endfor %}",
        "line 1: access to attribute 'append' of 'list' object is unsafe",
    ),
    "dict changed in place": ("{% set d = {} %}{{ d.update({'a': 1}) }}", "line 1: access to attribute 'update'"),
}


@pytest.mark.parametrize("source, reason", D6.values(), ids=D6.keys())
def test_every_bypass_of_the_review_is_one_error_line(tmp_path: Path, source: str, reason: str) -> None:
    (tmp_path / "big.txt").write_bytes(b"x" * 20_000_000)
    assert refusal(tmp_path, source).startswith(reason)


def test_an_endless_loop_is_stopped_by_its_cpu_limit(tmp_path: Path) -> None:
    assert refusal(tmp_path, ENDLESS) == "took more than 1 s of CPU"
    # the next render gets a new worker
    (tmp_path / "jd.md.j2").write_text("fine\n")
    assert jdgen.render(JD, "md", template_dirs=[tmp_path]) == "fine\n"


def test_a_value_doubled_with_tilde_is_stopped_by_its_memory_limit(tmp_path: Path) -> None:
    doubling = "{% set ns = namespace(x='a') %}{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}"
    assert refusal(tmp_path, doubling) == "used more than 256 MB"


def test_a_render_that_takes_too_long_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "MAX_CPU_SECONDS", 60)
    monkeypatch.setattr(isolation, "MAX_SECONDS", 2)
    assert refusal(tmp_path, ENDLESS) == "took more than 2 s"


def test_an_endless_template_stops_the_cli_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "jd.md.j2").write_text(ENDLESS)
    out = tmp_path / "jd.md"
    code = f"""
        from jdgen.render import isolation
        isolation.MAX_CPU_SECONDS = 1
        from jdgen.cli import main
        main(["generate", "-a", "digital", "--templates", {str(tmp_path)!r}, "-o", {str(out)!r}])
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], check=False, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert result.stderr == f"jdgen: error: {tmp_path / 'jd.md.j2'}: took more than 1 s of CPU\n"
    assert not out.exists()


# --- only a user's templates leave the process, and they render the same -----------------------


@pytest.fixture
def no_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> str:
        raise AssertionError("a built-in template was rendered in a worker process")

    monkeypatch.setattr(isolation, "render_isolated", refuse)


@pytest.mark.usefixtures("no_workers")
@pytest.mark.parametrize("fmt", ["md", "html", "docx", "jsonld"])
def test_built_in_templates_render_in_this_process(tmp_path: Path, fmt: str) -> None:
    shutil.copy(resources.templates_dir() / "reference.docx", tmp_path)  # a folder that replaces no template
    (tmp_path / "notes.txt").write_text("not a template")
    report = jdgen.readiness_report(CATALOG, {"resources": "no"})
    for folders in ([], [tmp_path]):
        assert jdgen.render(JD, fmt, template_dirs=folders)
        assert jdgen.render(JD, fmt, posting=True, template_dirs=folders)
        if fmt != "jsonld":
            assert jdgen.render(report, fmt, template_dirs=folders)
            assert jdgen.render(jdgen.compare(CATALOG), fmt, template_dirs=folders)


def test_a_user_template_included_by_a_built_in_one_renders_in_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = isolation.render_isolated

    def counted(name: str, *args: object) -> str:
        calls.append(name)
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(isolation, "render_isolated", counted)
    (tmp_path / "_warning.md.j2").write_text("> Warning: {{ w.title }}\n")
    assert "> Warning: " in str(jdgen.render(JD, "md", template_dirs=[tmp_path]))
    assert calls == ["jd.md.j2"]
    # posting.md.j2 and page.html.j2 include no warning
    jdgen.render(JD, "html", posting=True, template_dirs=[tmp_path])
    assert calls == ["jd.md.j2"]


def test_copies_of_the_built_in_templates_give_byte_identical_documents(tmp_path: Path) -> None:
    jdgen.export_templates(tmp_path)
    answers = {"resources": "no", "participation": {"answer": "partial", "note": "Budget \ud800 later"}}
    profile = {"company": "Acme <b>&</b>", "about": "We sell *things*."}
    jd = jdgen.compose(CATALOG, "digital", answers, profile)
    documents = [jd, jdgen.readiness_report(CATALOG, answers, profile), jdgen.compare(CATALOG, answers, profile)]
    for document in documents:
        for fmt in ("md", "html"):
            assert jdgen.render(document, fmt, template_dirs=[tmp_path]) == jdgen.render(document, fmt)
    assert jdgen.render(jd, "md", posting=True, template_dirs=[tmp_path]) == jdgen.render(jd, "md", posting=True)
    spec = layout(jd)
    assert jdgen.render(jd, "md", template_dirs=[tmp_path]) == render_here(
        spec.template, spec.context, (str(tmp_path),)
    )


def test_user_templates_render_from_many_threads_at_once(tmp_path: Path) -> None:
    (tmp_path / "jd.md.j2").write_text("{{ jd.title }} for {{ jd.archetype.name }}\n")
    expected = f"{JD.title} for {JD.archetype.name}\n"
    results: list[str] = []

    def render() -> None:
        for _ in range(5):
            results.append(str(jdgen.render(JD, "md", template_dirs=[tmp_path])))

    threads = [threading.Thread(target=render) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 30


# --- no worker outlives its parent ------------------------------------------------------------------


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return status.split(") ")[1].startswith("Z")  # a zombie waiting for init has ended


@pytest.fixture
def parent_with_busy_worker(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """A Python process rendering an endless user template, and its worker's process id."""
    (tmp_path / "jd.md.j2").write_text(ENDLESS)
    code = f"""
        import jdgen
        from jdgen.render import isolation
        isolation.MAX_CPU_SECONDS = isolation.MAX_SECONDS = 120
        start = isolation._Worker.__init__
        def announce(self):
            start(self)
            print(self.process.pid, flush=True)
        isolation._Worker.__init__ = announce
        try:
            jdgen.render(jdgen.compose(jdgen.load_catalog(), "digital"), "md", template_dirs=[{str(tmp_path)!r}])
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            raise SystemExit(130)
    """
    parent = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    yield parent, worker
    if parent.poll() is None:
        parent.kill()
    parent.communicate()
    if not _gone(worker):
        os.kill(worker, signal.SIGKILL)


def _wait_until_gone(pid: int) -> bool:
    for _ in range(100):
        if _gone(pid):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_a_busy_worker_dies_with_its_parent(parent_with_busy_worker: tuple[subprocess.Popen[str], int]) -> None:
    parent, worker = parent_with_busy_worker
    time.sleep(1)  # the worker is rendering
    parent.kill()
    parent.wait()
    assert _wait_until_gone(worker)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_the_render_and_its_worker(parent_with_busy_worker: tuple[subprocess.Popen[str], int]) -> None:
    parent, worker = parent_with_busy_worker
    time.sleep(1)
    parent.send_signal(signal.SIGINT)
    out, _ = parent.communicate(timeout=60)
    assert parent.returncode == 130 and out == "interrupted\n"
    assert _wait_until_gone(worker)
