"""Learner text is never executed: hostile input is refused as math, nothing runs.

An audit hook watches for what executing text would do (compiling or exec'ing source
that is not a module file, starting processes) while hostile answers go through every
entry point; a positive control proves the hook would notice `sympify`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from practice.grading import BadRequest, grade, preview
from practice.mathread import ReadError, read_expression, read_vector
from practice.vocabulary import Kind

_WATCHING: list[list[tuple[str, str]]] = []
_SUSPICIOUS = {
    "os.system",
    "subprocess.Popen",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "builtins.input",
    "socket.connect",
    "os.remove",
    "shutil.rmtree",
}


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _WATCHING:
        return
    if event in _SUSPICIOUS:
        _WATCHING[-1].append((event, repr(args)[:200]))
    elif event == "compile" and not str(args[1]).endswith(".py"):
        _WATCHING[-1].append((event, repr(args)[:200]))
    elif event == "exec":
        filename = getattr(args[0], "co_filename", "")
        if not str(filename).endswith(".py"):
            _WATCHING[-1].append((event, repr(filename)))


sys.addaudithook(_hook)


@pytest.fixture
def watched() -> Iterator[list[tuple[str, str]]]:
    # warm every code path with harmless input first: sympy imports modules lazily
    for kind in Kind:
        if kind != Kind.CODE:  # refused by `grade`: test_code_is_not_graded_here
            grade(kind, "A" if kind == "choice" else "1", "right" if kind == "self-check" else "1")
    events: list[tuple[str, str]] = []
    _WATCHING.append(events)
    try:
        yield events
    finally:
        _WATCHING.pop()


def test_the_hook_notices_sympify(watched: list[tuple[str, str]]) -> None:
    import sympy

    sympy.sympify("x + 1")  # our own constant, never learner text: the positive control
    assert any(event == "compile" for event, _ in watched)


def hostile_answers(sentinel: Path) -> list[str]:
    s = str(sentinel)
    return [
        f"__import__('os').system('touch {s}')",
        f'__import__("os").system("touch {s}")',
        "__import__",
        f"exec(\"open('{s}', 'w')\")",
        f'eval(\'open("{s}", "w")\')',
        f"open('{s}', 'w')",
        f"lambda: open('{s}', 'w')",
        "lambda x: x",
        "().__class__.__bases__[0].__subclasses__()",
        "x.__class__.__mro__",
        "getattr(__builtins__, 'eval')",
        "__builtins__",
        "globals()",
        "locals()",
        "vars()",
        "breakpoint()",
        "help()",
        "input()",
        "Symbol('x')",
        "sympify('x')",
        "S('x')",
        "Function('f')(x)",
        "Lambda(x, x)",
        "Integral(x, x)",
        "N(pi, 10**9)",
        "factorial(10**9)",
        "x.subs(x, 1)",
        "import os",
        "os.system",
        "[i for i in range(10**9)]",
        "x if 1 else 2",
        "f'{x}'",
        "'a'*10**9",
        "{}.__class__",
        "x; import os",
        "x\nimport os",
        "\uff45\uff56\uff41\uff4c('1')",  # full-width `eval('1')`
        "ｏｐｅｎ",
        "\x00x",
        "x\u202e",
        "#x",
        "@x",
        "$x",
        "`x`",
        "x:=1",
        "x.real",
    ]


# Code is the one kind whose answer is run, and only in the sandbox: its hostile files are
# tests/sandbox/test_sandbox_hostile.py; `grade` refuses the kind (test_code_is_not_graded_here).
@pytest.mark.parametrize("kind", [kind for kind in Kind if kind != Kind.CODE])
def test_hostile_answers_are_refused_and_nothing_runs(
    kind: str, tmp_path: Path, watched: list[tuple[str, str]]
) -> None:
    sentinel = tmp_path / "executed"
    expected = {"choice": "A", "self-check": "", "vector": "(1, 2)", "number": "2"}.get(
        kind, "x + 1"
    )
    for answer in hostile_answers(sentinel):
        result = grade(kind, expected, answer, variables=["x"])
        assert not result.correct, answer
        assert result.error is not None or kind == "choice", answer
        preview(kind, answer, ["x"])
    assert not sentinel.exists()
    assert watched == []


def test_code_is_not_graded_here(tmp_path: Path, watched: list[tuple[str, str]]) -> None:
    for answer in hostile_answers(tmp_path / "executed"):
        with pytest.raises(BadRequest, match="graded on its problem's tests"):
            grade("code", "", answer)
        with pytest.raises(BadRequest):
            preview("code", answer)
    assert not (tmp_path / "executed").exists()
    assert watched == []


def test_the_reader_raises_only_read_errors(tmp_path: Path, watched: list[tuple[str, str]]) -> None:
    for answer in hostile_answers(tmp_path / "executed"):
        for read in (read_expression, read_vector):
            with pytest.raises(ReadError):
                read(answer, ["x"])
    assert watched == []


@pytest.mark.parametrize("name", ["x", "sin", "e"])
def test_whitelisted_names_cannot_reach_attributes(name: str) -> None:
    with pytest.raises(ReadError):
        read_expression(f"{name}.__class__", ["x"])
