"""Drawing a problem's parameters: uniform, deterministic, under its constraints.

The random stream is seeded from a hash of (problem id, seed) — not Python's salted
``hash`` — so a variant is the same on every machine and in every process.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

import sympy

from practice.banks.problem import Constraint, Problem, decimal_text, decimal_to_sympy
from practice.mathread.numeric import value_of
from practice.variants.guard import guarded_value
from practice.variants.numbers import is_finite_real
from practice.variants.substitute import substitute

# Exponents that depend on parameters are checked before sympy evaluates a power:
# exact arithmetic with 2^(10^9) would never come back.
MAX_PARAM_EXPONENT = 1000
_TOLERANCE = 1e-12


def _real_part(number: object) -> float:
    """The real part of an mpmath number (constraint sides are real up to round-off)."""
    return float(getattr(number, "real", number))  # type: ignore[arg-type]


def rng_for(problem_id: str, seed: int, stream: str = "") -> random.Random:
    """The random stream of one variant. Parameters use the plain stream; the choice of
    stem and of options each have their own (``stream``), so adding stems or options to
    a problem never changes the numbers its seeds already gave."""
    key = f"{problem_id}\x00{seed}" + (f"\x00{stream}" if stream else "")
    digest = hashlib.sha256(key.encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


@dataclass(frozen=True)
class Draw:
    """One assignment of the parameters (and derived values) of a problem."""

    values: dict[sympy.Symbol, sympy.Expr]
    shown: dict[str, str]  # parameter name -> decimal text, for templates


def draw_params(problem: Problem, rng: random.Random) -> Draw | None:
    """One draw, or ``None`` when it breaks a `not`, a derived value or a constraint."""
    values: dict[sympy.Symbol, sympy.Expr] = {}
    shown: dict[str, str] = {}
    for domain in problem.params:
        value = domain.draw(rng)
        if value is None:
            return None
        values[domain.symbol] = decimal_to_sympy(value)
        shown[domain.name] = decimal_text(value)
    for _name, symbol, expression in problem.derived:
        if not exponents_are_safe(expression, values):
            return None
        derived = substitute(expression, values)
        if not is_finite_real(derived):
            return None
        values[symbol] = derived
    if not all(satisfies(constraint, values) for constraint in problem.constraints):
        return None
    return Draw(values, shown)


def satisfies(constraint: Constraint, values: dict[sympy.Symbol, sympy.Expr]) -> bool:
    """Every comparison of a (possibly chained) constraint holds; undefined means no."""
    sides = []
    for part in constraint.parts:
        if not exponents_are_safe(part, values):
            return False
        side = substitute(part, values)
        if not is_finite_real(side):
            return False
        sides.append(side)
    return all(
        _compare(left, operator, right)
        for left, operator, right in zip(sides, constraint.operators, sides[1:], strict=False)
    )


def _compare(left: sympy.Expr, operator: str, right: sympy.Expr) -> bool:
    difference = left - right
    if isinstance(difference, sympy.Rational):
        sign = (difference.p > 0) - (difference.p < 0)
    else:  # both sides passed is_finite_real, so the guarded evaluator gives a value
        number = float(_real_part(value_of(difference)))
        scale = max(1.0, abs(float(_real_part(value_of(left)))))
        sign = 0 if abs(number) <= _TOLERANCE * scale else (1 if number > 0 else -1)
    return {
        "<": sign < 0,
        "<=": sign <= 0,
        ">": sign > 0,
        ">=": sign >= 0,
        "==": sign == 0,
        "!=": sign != 0,
    }[operator]


def exponents_are_safe(expression: sympy.Expr, values: dict[sympy.Symbol, sympy.Expr]) -> bool:
    """No power whose exponent, once the parameters are in, is too large to compute.

    The exponent is evaluated numerically (with overflow guards), never exactly: in
    2^(2^(2^b)) the middle exponent alone would already be too big to compute."""
    for power in expression.atoms(sympy.Pow):
        symbols = power.exp.free_symbols
        if not symbols or not symbols <= values.keys():
            continue  # constant, or depends on the variables: not a parameter exponent
        try:
            exponent = guarded_value(power.exp, values)
        except (ArithmeticError, ValueError, TypeError):
            return False
        if abs(exponent) > MAX_PARAM_EXPONENT:
            return False
    return True
