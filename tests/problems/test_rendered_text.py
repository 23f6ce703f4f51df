"""Every variant of every shipped problem reads like a textbook.

Renders each shipped problem at many seeds and looks, in everything a learner reads
(prompt, hints, worked solution, choices and their feedback, model answer, reference
answer), for what careless templating produces: a coefficient of 1 (`1x`, `2 \\cdot 1\\, x`),
a `0 x` term, doubled signs (`+ -3`, `\\cdot -3`), `x^{1}`, float noise, Python syntax
in formulas, leftover placeholders, unbalanced `$`, YAML values leaking as text, and
one-variable descent written as 1-vectors with a gradient symbol.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from practice.banks import Catalog, Problem, load_catalog
from practice.variants import Variant, make_variant

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(30)

_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)
_PLACEHOLDER = re.compile(r"\{\{\s*\w+\s*(?:\|\s*\w+\s*)?\}\}")
_NOT_AFTER = r"(?<![\w.}{^\\])"  # not part of a longer number, a subscript or a command
_VARIABLE = r"(?:[a-zA-Z](?![a-zA-Z])|\\(?:sin|cos|tan|exp|ln|log|sqrt|left|frac)\b)"

# (name, pattern) checked inside every `$…$` of a learner-facing text.
MATH_CHECKS = [
    ("coefficient 1", re.compile(_NOT_AFTER + r"-?1\s*(?:\\[,;: ]\s*)?" + _VARIABLE)),
    ("1 times a variable", re.compile(_NOT_AFTER + r"-?1\s*\\cdot\s*" + _VARIABLE)),
    ("zero term", re.compile(_NOT_AFTER + r"0\s*(?:\\[,;: ]\s*)?" + _VARIABLE)),
    ("added zero", re.compile(r"[+-]\s*0\s*(?:$|[),=])")),
    ("doubled sign", re.compile(r"[+-]\s*[+-]\s*[\d\\a-zA-Z(]")),
    ("unparenthesised negative factor", re.compile(r"\\cdot\s*-|\\times\s*-")),
    ("ambiguous negative power", re.compile(r"(?<![\w)}\]])-\d+(?:\.\d+)?\^")),
    ("exponent 1", re.compile(r"\^\s*(?:\{\s*1\s*\}|1(?![\d.]))")),
    ("float noise", re.compile(r"\d\.\d*(?:00000|99999)\d")),
    ("integer written as float", re.compile(r"(?<![\d.])\d+\.0(?!\d)")),
    ("Python power", re.compile(r"\*\*")),
    ("Python multiplication", re.compile(r"(?<!\^)(?<!\^\{)\*")),
    ("Python function call", re.compile(r"(?<![\\a-zA-Z])(?:sqrt|exp|sin|cos|tan|ln|log)\(")),
    ("doubled space", re.compile(r"\S {2,}\S")),
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([ROOT / "problems"])


def learner_texts(variant: Variant) -> Iterator[tuple[str, str]]:
    if variant.parts:  # a problem in parts: its stem, then each part as a problem
        yield "stem", variant.prompt
        for part in variant.parts:
            for where, text in learner_texts(part.variant):
                yield f"part {part.number} {where}", text
        return
    yield "prompt", variant.prompt
    yield "answer", f"${variant.answer_latex}$" if variant.answer_latex else ""
    for index, hint in enumerate(variant.hints):
        yield f"hint {index + 1}", hint
    yield "solution", variant.solution
    yield "model answer", variant.model_answer
    for label, text in variant.choices:
        yield f"choice {label}", text
    for label, text in variant.choice_feedback:
        yield f"feedback {label}", text


def math_of(text: str) -> list[str]:
    prose = _CODE.sub(" ", text)
    return [display or inline for display, inline in _MATH.findall(prose)]


def ugly_spots(text: str, where: str = "hint") -> list[str]:
    """What is wrong with one text, each as `name: …context…`. A choice may read
    just `True` or `False` (a true/false question); no other text may."""
    found = []
    if _PLACEHOLDER.search(text):
        found.append(f"unfilled placeholder: {_PLACEHOLDER.search(text).group(0)}")  # type: ignore[union-attr]
    prose = _CODE.sub(" ", text).replace(r"\$", "").replace("$$", "")
    if prose.count("$") % 2:
        found.append("unbalanced $")
    leaked = {"None", "null"} | ({"True", "False"} if not where.startswith("choice") else set())
    if text.strip() in leaked or re.search(r"\bNone\b", prose):
        found.append("a YAML/Python value leaked into the text")
    for math in math_of(text):
        for name, pattern in MATH_CHECKS:
            match = pattern.search(math)
            if match:
                start = max(0, match.start() - 25)
                found.append(f"{name}: …{math[start : match.end() + 25]}…")
    return found


def problems(catalog: Catalog) -> list[Problem]:
    return sorted(catalog.problems.values(), key=lambda problem: problem.id)


def test_no_variant_of_a_shipped_problem_shows_ugly_text(catalog: Catalog) -> None:
    failures = []
    for problem in problems(catalog):
        for seed in SEEDS:
            variant = make_variant(problem, seed)
            for where, text in learner_texts(variant):
                spots = ugly_spots(text, where)
                failures += [f"{problem.id} seed {seed} {where}: {spot}" for spot in spots]
    assert failures == [], "\n".join(failures[:40])


def test_every_hint_of_every_variant_says_something(catalog: Catalog) -> None:
    for problem in problems(catalog):
        for seed in SEEDS[:5]:
            variant = make_variant(problem, seed)
            for shown in [part.variant for part in variant.parts] or [variant]:
                assert shown.hints, problem.id
                for hint in shown.hints:
                    assert len(hint.strip()) > 3, (problem.id, seed, hint)


def test_one_variable_descent_is_written_with_numbers_and_a_derivative(catalog: Catalog) -> None:
    one_variable = [
        problem
        for problem in problems(catalog)
        if problem.answer.form == "descent" and len(problem.variable_names) == 1
    ]
    assert one_variable, "the shipped banks have one-variable descent problems"
    for problem in one_variable:
        for seed in SEEDS[:10]:
            solution = make_variant(problem, seed).solution
            assert "\\nabla" not in solution, (problem.id, seed)
            assert not re.search(r"= \(-?[\d.]+\)", solution), (problem.id, seed, solution)
            assert "'(" in solution, (problem.id, seed)


@pytest.mark.parametrize(
    ("text", "spot"),
    [
        ("$f = 1x + 2$", "coefficient 1"),
        ("$f = 3x^2 + 1\\, y$", "coefficient 1"),
        ("$2 \\cdot 1 \\cdot x$", "1 times a variable"),
        ("$f = 0 x + 2$", "zero term"),
        ("$f = x + -3y$", "doubled sign"),
        ("$x - -3$", "doubled sign"),
        ("$2 \\cdot -4$", "unparenthesised negative factor"),
        ("$\\sqrt{-3^2 + 4^2}$", "ambiguous negative power"),
        ("$x^{1} y$", "exponent 1"),
        ("$y^{ 1 }$", "exponent 1"),
        ("$\\eta = 0.30000000000000004$", "float noise"),
        ("$w = 2.0$", "integer written as float"),
        ("$x**2$", "Python power"),
        ("$3*x$", "Python multiplication"),
        ("$2 sqrt(5)$", "Python function call"),
        ("$x -  3$", "doubled space"),
        ("Compute $x + {{b}}$.", "unfilled placeholder"),
        ("Compute $x + 1.", "unbalanced $"),
        ("None", "leaked"),
        ("True", "leaked"),
    ],
)
def test_the_checks_catch_what_they_are_for(text: str, spot: str) -> None:
    assert any(spot in found for found in ugly_spots(text)), ugly_spots(text)


@pytest.mark.parametrize(
    "text",
    [
        "$f(x, y) = x^{3} - 7 x + y$",
        "$\\nabla f \\cdot v = 3 \\cdot 1 + 1 \\cdot (-3) = 0$",
        "$D_u f = 4 \\cdot \\tfrac35 + 0 \\cdot \\tfrac45 = 2.4$",
        "$\\sqrt{ (-6)^2 + 0^2 } = 6$",
        "$w_{1} = 1 - 0.4 \\cdot (-2) = 1.8$, $h = 10^{-5}$, $e^{-1}$, $x_1 + w_{1}$",
        "$0 < \\eta < \\eta^*$ and $x \\ne 0$",
        "Code `h=1e-5` and `np.array([2.0, 3.0])` is not math.",
        "```python\nx = a**2 * 3\n```",
        "$$L(w) = (w - 1)^{2}$$ and $(1 - 2\\eta)\\,w$",
    ],
)
def test_the_checks_leave_good_text_alone(text: str) -> None:
    assert ugly_spots(text) == []
