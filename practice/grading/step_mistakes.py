"""Mistakes made at each step of a derivation, and on every form an answer can take.

A descent answer is derived in steps: the gradient, the point it is evaluated at, the
update that uses it, and the number of updates. A learner can slip at any of them, and
what they type is the *final* value with the slip carried through. So each typical
mistake is applied at its step and the rest of the derivation is done right; the
candidates come in the order of the steps, and the grader names the first that matches.
The same mistakes have scalar forms: a step length without η, an update written as a
formula in the weights, a squared length given for a length.

Pure functions of sympy objects, like ``misconception_generators``; the variant layer
feeds them the function *as the learner sees it* (parameters filled in), so a slip that
changes nothing in a variant (a chain factor of 1) gives the right answer there and is
never named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy

from practice.grading.differentiate import differentiate
from practice.grading.misconception_generators import RULE_SLIPS, Vector, candidate, descend
from practice.grading.results import Misconception
from practice.vocabulary import Mistake

Slipped = tuple[Mistake, Vector]


def gradient_slips(f: sympy.Expr, variables: Sequence[sympy.Symbol]) -> list[Slipped]:
    """∇f worked out with each typical slip, for a step that uses the gradient: the
    rules' slips, the coupling terms dropped, the components swapped."""
    found: list[Slipped] = [
        (tag, tuple(differentiate(f, v, slips) for v in variables)) for tag, slips in RULE_SLIPS
    ]
    uncoupled = _uncoupled(f, variables)
    found.append(
        (Mistake.DROPPED_COUPLING_TERM, tuple(sympy.diff(uncoupled, v) for v in variables))
    )
    if len(variables) > 1:
        right = tuple(sympy.diff(f, v) for v in variables)
        found.append((Mistake.SWAPPED_COMPONENTS, tuple(reversed(right))))
    return found


def partial_slips(
    f: sympy.Expr, wrt: sympy.Symbol, variables: Sequence[sympy.Symbol]
) -> list[tuple[Mistake, sympy.Expr]]:
    """∂f/∂wrt worked out with each typical slip, for an update formula w − η ∂f/∂w."""
    found = [(tag, differentiate(f, wrt, slips)) for tag, slips in RULE_SLIPS]
    found.append((Mistake.DROPPED_COUPLING_TERM, sympy.diff(_uncoupled(f, variables), wrt)))
    found += [(Mistake.WRONG_VARIABLE, sympy.diff(f, v)) for v in variables if v != wrt]
    return found


def stale_gradient(
    start: Vector,
    gradient: Sequence[sympy.Expr],
    variables: Sequence[sympy.Symbol],
    rate: sympy.Expr,
    steps: int,
) -> list[Misconception]:
    """Every step taken with the gradient at the start, never recomputed."""
    if steps < 2:
        return []
    at_start = dict(zip(variables, start, strict=True))
    first = [g.xreplace(at_start) for g in gradient]
    if any(g.free_symbols & set(variables) for g in first):
        return []
    end = tuple(w - steps * rate * g for w, g in zip(start, first, strict=True))
    return [candidate(Mistake.STALE_GRADIENT, _shape(end))]


def one_step_only(
    start: Vector,
    gradient: Sequence[sympy.Expr],
    variables: Sequence[sympy.Symbol],
    rate: sympy.Expr,
    steps: int,
) -> list[Misconception]:
    """Where the first of several steps lands."""
    if steps < 2:
        return []
    return [candidate(Mistake.ONE_STEP_ONLY, _shape(descend(start, gradient, variables, rate, 1)))]


def rate_slips(value: sympy.Expr, rate: sympy.Symbol, *, descent: bool) -> list[Misconception]:
    """A result written with the learning rate `rate` (a step length, an update formula,
    the loss after a step): the update added (η → −η, only when the result comes from a
    descent step, so the buggy update a problem asks for is never "corrected" into a
    mistake), and the learning rate left out (η → 1)."""
    found = []
    if descent:
        found.append(candidate(Mistake.DESCENT_SIGN, value.xreplace({rate: -rate})))
    found.append(candidate(Mistake.MISSING_LEARNING_RATE, value.xreplace({rate: sympy.S.One})))
    return found


def length_slip(value: sympy.Expr) -> list[Misconception]:
    """A length (a square root, possibly times a factor) given squared: ‖∇f‖² for ‖∇f‖."""
    factors = sympy.Mul.make_args(value)
    if not any(isinstance(f, sympy.Pow) and f.exp == sympy.S.Half for f in factors):
        return []
    return [candidate(Mistake.SQUARED_NORM, sympy.expand(value**2))]


def shrinks_with_rate(value: sympy.Expr, rate: sympy.Symbol, values: Mapping) -> bool:
    """Whether a number made with the learning rate moves toward 0 as η grows from 0 —
    a weight stepping toward a minimum at 0, a loss going down — as a descent result does
    (and the buggy w + η L′(w) does not)."""
    at_zero = value.xreplace({rate: sympy.S.Zero}).xreplace(values)
    slope = sympy.diff(value, rate).xreplace({rate: sympy.S.Zero}).xreplace(values)
    if at_zero.free_symbols or slope.free_symbols:
        return False
    product = at_zero * slope
    return bool(product.is_negative)


def update_variable(
    value: sympy.Expr,
    rate: sympy.Symbol,
    f: sympy.Expr,
    variables: Sequence[sympy.Symbol],
) -> sympy.Symbol | None:
    """The weight w when `value` is the update formula w − η ∂f/∂w, else None."""
    for variable in variables:
        if sympy.expand(value - (variable - rate * sympy.diff(f, variable))) == 0:
            return variable
    return None


def _uncoupled(f: sympy.Expr, variables: Sequence[sympy.Symbol]) -> sympy.Expr:
    """`f` without its terms (as written) that involve two variables or more."""
    names = set(variables)
    return sympy.Add(*(t for t in sympy.Add.make_args(f) if len(t.free_symbols & names) < 2))


def _shape(vector: Vector) -> sympy.Expr | Vector:
    return vector[0] if len(vector) == 1 else vector
