"""The shipped code problems: the lessons' six exercises, each graded in the sandbox.

Every model solution passes every test of several variants, every starter fails, and
the mistakes the lessons warn about (a one-sided difference, an update that edits the
caller's array, a loop without its stopping rule, momentum with the wrong update,
divergence judged without the step budget) each fail at least one test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from practice.banks import Catalog, load_catalog
from practice.grading.code import grade_code_each
from practice.variants import make_variant
from practice.vocabulary import Kind

BANKS = Path(__file__).resolve().parents[2] / "problems"
LESSON_EXERCISES = {
    "ml-implement-numerical-gradient": "numerical_gradient(f, v, h=1e-5)",
    "ml-code-gradient-check": "gradient_check(f, grad_f, v, h=1e-5)",
    "gd-code-one-step": "gradient_step(grad_f, w, lr)",
    "gd-code-descent-loop": "gradient_descent(grad_f, w0, lr, tol=1e-6, max_steps=10000)",
    "gd-code-momentum": "momentum_descent(grad_f, w0, lr, beta, steps)",
    "gd-code-learning-rate-sweep": "diverging_rates(grad_f, w0, rates, steps=100)",
}
# (problem, text in the model solution, what a learner with the mistake writes instead)
MISTAKES = [
    (
        "ml-implement-numerical-gradient",
        "(f(v + step) - f(v - step)) / (2 * h)",
        "(f(v + step) - f(v)) / h",
    ),
    ("ml-implement-numerical-gradient", "step = np.zeros_like(v)\n        step[i] = h", "v[i] += h\n        step = 0 * v"),
    ("ml-code-gradient-check", "np.linalg.norm(numerical - analytic) / scale", "np.linalg.norm(numerical - analytic)"),
    ("gd-code-one-step", "return w - lr * np.asarray(grad_f(w), dtype=float)", "w -= lr * np.asarray(grad_f(w), dtype=float)\n    return w"),
    ("gd-code-one-step", "w - lr *", "w + lr *"),
    ("gd-code-descent-loop", "if np.linalg.norm(g) < tol:", "if False:"),
    ("gd-code-descent-loop", "for _ in range(max_steps):", "while True:"),
    ("gd-code-momentum", "v = beta * v + np.asarray", "v = beta * v + (1 - beta) * np.asarray"),
    ("gd-code-momentum", "v = beta * v + np.asarray(grad_f(w), dtype=float)\n        w = w - lr * v", "w = w - lr * v\n        v = beta * v + np.asarray(grad_f(w), dtype=float)"),
    ("gd-code-learning-rate-sweep", "for _ in range(steps):", "for _ in range(100):"),
    ("gd-code-learning-rate-sweep", "np.linalg.norm(w) > 1e6", "np.linalg.norm(w) > 1e2"),
]  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([BANKS])


def test_the_lessons_code_exercises_are_code_problems(catalog: Catalog) -> None:
    code = {p.id: p for p in catalog.problems.values() if p.kind == Kind.CODE}
    assert len(code) >= 6
    for problem_id, signature in LESSON_EXERCISES.items():
        spec = code[problem_id].spec.answer.code
        assert spec is not None and spec.signature == signature


@pytest.mark.parametrize("problem_id", sorted(LESSON_EXERCISES))
def test_the_model_solution_passes_and_the_starter_does_not(
    catalog: Catalog, problem_id: str
) -> None:
    tasks = [make_variant(catalog.problems[problem_id], seed).code for seed in range(5)]
    assert all(task is not None for task in tasks)
    solved = grade_code_each(tasks, tasks[0].solution)  # type: ignore[arg-type, union-attr]
    assert [r.correct for r in solved] == [True] * 5, [r.feedback for r in solved]
    started = grade_code_each(tasks[:1], tasks[0].starter)  # type: ignore[arg-type, union-attr]
    assert not started[0].correct and started[0].graded


@pytest.mark.parametrize(("problem_id", "right", "wrong"), MISTAKES)
def test_each_typical_mistake_fails_a_test(
    catalog: Catalog, problem_id: str, right: str, wrong: str
) -> None:
    tasks = [make_variant(catalog.problems[problem_id], seed).code for seed in range(3)]
    solution = tasks[0].solution  # type: ignore[union-attr]
    assert right in solution
    results = grade_code_each(tasks, solution.replace(right, wrong))  # type: ignore[arg-type]
    assert all(r.graded and r.error is None for r in results), [r.feedback for r in results]
    assert not any(r.correct for r in results), [r.feedback for r in results]
