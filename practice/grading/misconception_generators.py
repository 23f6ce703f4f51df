"""Typical wrong answers, derived from what the reference answer is made of.

Pure functions of sympy objects: the variant layer calls them with what it knows about
a problem (the function, the variables, the point, the learning rate) and stores the
candidates with the variant; `grade` says which one a wrong answer matches. A candidate
that happens to equal the reference is harmless: `grade` never reports it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy

from practice.grading.differentiate import Slips, differentiate
from practice.grading.results import Misconception
from practice.vocabulary import Mistake

Point = Sequence[sympy.Expr]
Vector = tuple[sympy.Expr, ...]


def candidate(
    mistake: Mistake, value: sympy.Expr | Vector, message: str | None = None
) -> Misconception:
    return Misconception(mistake, value, message or mistake.sentence)


def descent_misconceptions(
    start: Point,
    gradient: Sequence[sympy.Expr],
    variables: Sequence[sympy.Symbol],
    rate: sympy.Expr,
    steps: int = 1,
) -> list[Misconception]:
    """Gradient descent from `start` with the symbolic `gradient`: the ascent step
    (w + η∇L) and the step without the learning rate (w − ∇L), after `steps` steps.
    Scalars for one variable, tuples otherwise, as the answer will be."""
    ascent = descend(start, gradient, variables, -rate, steps)
    no_rate = descend(start, gradient, variables, sympy.S.One, steps)
    return [
        candidate(Mistake.DESCENT_SIGN, _shape(ascent)),
        candidate(Mistake.MISSING_LEARNING_RATE, _shape(no_rate)),
    ]


def descent_step_misconceptions(
    w: sympy.Expr | Point, grad: sympy.Expr | Point, rate: sympy.Expr
) -> list[Misconception]:
    """One step when the gradient's value at w is already known."""
    ws, gs = _as_tuple(w), _as_tuple(grad)
    ascent = tuple(wi + rate * gi for wi, gi in zip(ws, gs, strict=True))
    no_rate = tuple(wi - gi for wi, gi in zip(ws, gs, strict=True))
    return [
        candidate(Mistake.DESCENT_SIGN, _shape(ascent)),
        candidate(Mistake.MISSING_LEARNING_RATE, _shape(no_rate)),
    ]


def partial_misconceptions(
    f: sympy.Expr, wrt: sympy.Symbol, variables: Sequence[sympy.Symbol], at: Point | None = None
) -> list[Misconception]:
    """∂f/∂wrt done wrong: other variables set to zero, another variable, a sign, the
    chain factor, the power rule's factor; and at a point, the point's coordinates swapped."""
    point = _point(variables, at)
    right = sympy.diff(f, wrt)
    others = [v for v in variables if v != wrt]
    held_zero = sympy.diff(f.xreplace({v: sympy.S.Zero for v in others}), wrt)
    found = [candidate(Mistake.HELD_VARIABLE_ZERO, held_zero)]
    found += [
        candidate(
            Mistake.WRONG_VARIABLE,
            sympy.diff(f, v),
            f"This is the partial derivative with respect to {v}, not {wrt}.",
        )
        for v in others
    ]
    found += _rule_slips(f, wrt)
    found.append(candidate(Mistake.SIGN_ERROR, -right))
    evaluated = [Misconception(m.tag, _at(m.value, point), m.message) for m in found]
    if point is not None and len(variables) > 1:
        evaluated.append(candidate(Mistake.WRONG_POINT, _at(right, _swapped(point, variables))))
    return evaluated


def gradient_misconceptions(
    f: sympy.Expr, variables: Sequence[sympy.Symbol], at: Point | None = None
) -> list[Misconception]:
    """∇f done wrong, component by component the same way, plus components swapped and,
    at a point, the point's coordinates swapped."""
    point = _point(variables, at)
    right = tuple(sympy.diff(f, v) for v in variables)
    found = [candidate(Mistake.SWAPPED_COMPONENTS, _reversed(right))]
    found.append(
        candidate(
            Mistake.HELD_VARIABLE_ZERO,
            tuple(
                sympy.diff(f.xreplace({o: sympy.S.Zero for o in variables if o != v}), v)
                for v in variables
            ),
        )
    )
    for slip in RULE_SLIPS:
        found.append(candidate(slip[0], tuple(differentiate(f, v, slip[1]) for v in variables)))
    found.append(candidate(Mistake.SIGN_ERROR, tuple(-c for c in right)))
    evaluated = [Misconception(m.tag, _at(m.value, point), m.message) for m in found]
    if point is not None and len(variables) > 1:
        evaluated.append(candidate(Mistake.WRONG_POINT, _at(right, _swapped(point, variables))))
    return evaluated


def vector_misconceptions(expected: Sequence[sympy.Expr]) -> list[Misconception]:
    """What any vector answer can get wrong: the order, and the signs."""
    vector = tuple(expected)
    found = []
    if len(vector) > 1:
        found.append(candidate(Mistake.SWAPPED_COMPONENTS, _reversed(vector)))
        if len(vector) > 2:
            found += [
                candidate(Mistake.SWAPPED_COMPONENTS, _transposed(vector, i))
                for i in range(len(vector) - 1)
            ]
    found.append(candidate(Mistake.SIGN_ERROR, tuple(-c for c in vector)))
    return found


def scalar_misconceptions(expected: sympy.Expr) -> list[Misconception]:
    """What any scalar answer can get wrong without knowing where it came from."""
    return [candidate(Mistake.SIGN_ERROR, -expected)]


# The differentiation rules' typical slips, in the order the grader tries them.
RULE_SLIPS = (
    (Mistake.MISSING_CHAIN_FACTOR, Slips(chain_factor=False)),
    (Mistake.POWER_RULE_FACTOR, Slips(power_factor=False)),
    (Mistake.SIGN_ERROR, Slips(cos_sign=False)),
)


def _rule_slips(f: sympy.Expr, wrt: sympy.Symbol) -> list[Misconception]:
    return [candidate(tag, differentiate(f, wrt, slips)) for tag, slips in RULE_SLIPS]


def descend(
    start: Point,
    gradient: Sequence[sympy.Expr],
    variables: Sequence[sympy.Symbol],
    rate: sympy.Expr,
    steps: int,
) -> Vector:
    w = tuple(start)
    for _ in range(steps):
        values = dict(zip(variables, w, strict=True))
        w = tuple(wi - rate * g.xreplace(values) for wi, g in zip(w, gradient, strict=True))
    return w


def _point(
    variables: Sequence[sympy.Symbol], at: Point | None
) -> Mapping[sympy.Symbol, sympy.Expr] | None:
    return None if at is None else dict(zip(variables, at, strict=True))


def _swapped(
    point: Mapping[sympy.Symbol, sympy.Expr], variables: Sequence[sympy.Symbol]
) -> Mapping[sympy.Symbol, sympy.Expr]:
    values = [point[v] for v in variables]
    return dict(zip(variables, reversed(values), strict=True))


def _at(
    value: sympy.Expr | Vector | str, point: Mapping[sympy.Symbol, sympy.Expr] | None
) -> sympy.Expr | Vector:
    assert not isinstance(value, str)
    if point is None:
        return value
    if isinstance(value, tuple):
        return tuple(c.xreplace(point) for c in value)
    return value.xreplace(point)


def _reversed(vector: Vector) -> Vector:
    return tuple(reversed(vector))


def _transposed(vector: Vector, i: int) -> Vector:
    items = list(vector)
    items[i], items[i + 1] = items[i + 1], items[i]
    return tuple(items)


def _as_tuple(value: sympy.Expr | Point) -> Vector:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def _shape(vector: Vector) -> sympy.Expr | Vector:
    return vector[0] if len(vector) == 1 else vector
