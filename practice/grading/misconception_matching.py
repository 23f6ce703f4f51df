"""Which typical mistake does a wrong answer match?"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy

from practice.grading.results import Misconception, Value
from practice.vocabulary import Mistake

Same = Callable[[sympy.Expr, sympy.Expr], bool]

# A swap is a property of the whole vector: (-6, -6) for (-6, 6) shares one component
# with the swapped (6, -6), but its slip is a sign, not the order.
WHOLE_VECTOR_ONLY = frozenset({Mistake.SWAPPED_COMPONENTS})


def match_scalar(
    answer: sympy.Expr, expected: sympy.Expr, candidates: Sequence[Misconception], same: Same
) -> Misconception | None:
    for candidate in candidates:
        value = candidate.value
        if isinstance(value, sympy.Expr) and not same(value, expected) and same(answer, value):
            return candidate
    return None


def match_vector(
    answer: Sequence[sympy.Expr],
    expected: Sequence[sympy.Expr],
    right: Sequence[bool],
    candidates: Sequence[Misconception],
    same: Same,
) -> Misconception | None:
    """A candidate the whole answer equals wins; failing that, one that explains every
    wrong component (the answer is the candidate's component, and the candidate differs
    from the reference there), so one component done with a slip is still recognised."""
    wrong = [i for i, ok in enumerate(right) if not ok]
    if not wrong:
        return None
    shaped = [c for c in candidates if isinstance(c.value, tuple) and len(c.value) == len(expected)]
    for components in (range(len(expected)), wrong):  # whole matches first, then partial
        partial = len(components) < len(expected)
        for candidate in shaped:
            value = candidate.value
            assert isinstance(value, tuple)
            if partial and candidate.tag in WHOLE_VECTOR_ONLY:
                continue
            if all(_explains(answer[i], value[i], expected[i], right[i], same) for i in components):
                return candidate
    return None


def _explains(
    answer: sympy.Expr, candidate: sympy.Expr, expected: sympy.Expr, right: bool, same: Same
) -> bool:
    if right:
        return same(candidate, expected)
    return not same(candidate, expected) and same(answer, candidate)


def match_choice(
    answer: frozenset[str],
    candidates: Sequence[Misconception],
    expected: frozenset[str],
    labels: Callable[[str], frozenset[str]],
) -> Misconception | None:
    for candidate in candidates:
        value: Value = candidate.value
        if isinstance(value, str) and labels(value) == answer and answer != expected:
            return candidate
    return None
