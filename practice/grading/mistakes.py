"""Which typical mistake does a wrong answer match?"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy

from practice.grading.results import Misconception, Value

Same = Callable[[sympy.Expr, sympy.Expr], bool]


def match_scalar(answer: sympy.Expr, expected: sympy.Expr, candidates: Sequence[Misconception],
                 same: Same) -> Misconception | None:
    for candidate in candidates:
        value = candidate.value
        if isinstance(value, sympy.Expr) and not same(value, expected) and same(answer, value):
            return candidate
    return None


def match_vector(answer: Sequence[sympy.Expr], expected: Sequence[sympy.Expr],
                 right: Sequence[bool], candidates: Sequence[Misconception],
                 same: Same) -> Misconception | None:
    """A candidate matches when, on every component the learner got wrong, the answer is
    the candidate's component and the candidate differs from the reference there; so one
    component differentiated with a slip is recognised though the others are right."""
    wrong = [i for i, ok in enumerate(right) if not ok]
    if not wrong:
        return None
    for candidate in candidates:
        value = candidate.value
        if not isinstance(value, tuple) or len(value) != len(expected):
            continue
        if all(not same(value[i], expected[i]) and same(answer[i], value[i]) for i in wrong):
            return candidate
    return None


def match_choice(answer: frozenset[str], candidates: Sequence[Misconception],
                 expected: frozenset[str], labels: Callable[[str], frozenset[str]]) -> Misconception | None:
    for candidate in candidates:
        value: Value = candidate.value
        if isinstance(value, str) and labels(value) == answer and answer != expected:
            return candidate
    return None
