"""``validate`` for a code problem: its tests are drawable, the model solution passes
every one of them in every variant checked, and the starter code does not.

All the variants' tests go to the sandbox in one run, so checking 20 variants costs
about one start of the sandbox rather than twenty.
"""

from __future__ import annotations

from practice.banks.problem import Problem
from practice.grading.code import grade_code_each
from practice.variants.variant import VariantError, make_variant


def check_code(problem: Problem, variants: int) -> list[tuple[str, str]]:
    """(top-level key at fault, message) pairs, like the other kinds' checks."""
    tasks = []
    for seed in range(variants):
        try:
            variant = make_variant(problem, seed)
        except VariantError as exc:
            return [(exc.key, str(exc))]
        assert variant.code is not None  # a code problem's variant has its tests
        tasks.append(variant.code)
    if not tasks:
        return []
    for seed, result in enumerate(grade_code_each(tasks, tasks[0].solution)):
        if not result.graded:
            return [("answer", f"cannot run the model solution: {result.error}")]
        if not result.correct:
            failing = next((t for t in result.tests or () if not t.passed), None)
            reason = f"{failing.name}: {failing.message}" if failing else result.feedback
            return [("answer", f"seed {seed}: the model solution fails {reason}")]
    starter = grade_code_each(tasks[:1], tasks[0].starter)[0]
    if starter.correct:
        return [("answer", "the starter code already passes every test")]
    return []
