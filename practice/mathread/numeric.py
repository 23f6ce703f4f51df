"""Evaluate a sympy expression at a point, numerically, without executing anything.

The grader compares expressions by their values at random points, thousands of times a
second. sympy's code-generating evaluator would be faster still but runs generated source,
and `evalf` is slow and can hang on huge arguments; so the tree is compiled once into
closures over a private mpmath context (64-bit mantissa, unbounded exponent), with
guards that call a value undefined rather than compute something astronomically large.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import mpmath
import sympy

_PREC = 64
_CTX = mpmath.MPContext()
_CTX.prec = _PREC
# Some mpmath functions raise ctx.prec for a while and restore it; two threads doing that
# at once (Streamlit serves sessions from threads) could leave it raised for good, so
# evaluation holds a lock and starts from the set precision.
_LOCK = threading.Lock()
_MAX_EXP_ARGUMENT = 10_000  # exp(x) beyond this is "overflow", not a value
_MAX_RESULT_BITS = 100_000  # |log2| of a power's result beyond this: overflow
_MAX_PERIODIC_MAG = 64  # sin, cos, tan of |x| > 2^64: undefined

Number = Any  # an mpmath mpf or mpc of _CTX
Compiled = Callable[[Sequence[Number]], Number]


class Undefined(ArithmeticError):
    """The expression has no finite value there (pole, overflow, unsupported node)."""


class Overflow(Undefined):
    """The value is too large (or too close to zero) to be worth computing: unlike a
    pole or a domain error, the expression has a value there, just not a sane one."""


def _exp(x: Number) -> Number:
    if _CTX.re(x) > _MAX_EXP_ARGUMENT:
        raise Overflow("overflow")
    return _CTX.exp(x)


def _hyperbolic(function: Callable[[Number], Number]) -> Callable[[Number], Number]:
    def guarded(x: Number) -> Number:
        if abs(_CTX.re(x)) > _MAX_EXP_ARGUMENT:
            raise Overflow("overflow")
        return function(x)

    return guarded


def _log(x: Number) -> Number:
    if x == 0:
        raise Undefined("log(0)")
    return _CTX.log(x)


def _power(base: Number, exponent: Number) -> Number:
    if base == 0:
        if _CTX.re(exponent) <= 0:
            raise Undefined("0 to a non-positive power")
        return _CTX.mpf(0)
    # mag is a cheap log2 estimate; it is 0 for 0.5 <= |base| < 1, whose huge powers
    # are as slow to compute (mpmath raises the precision by the exponent's bits)
    if abs(base) != 1 and abs(exponent) * max(abs(_CTX.mag(base)), 1) > _MAX_RESULT_BITS:
        raise Overflow("overflow")
    if exponent == 0.5:
        return _CTX.sqrt(base)
    return _CTX.power(base, exponent)


def _periodic(function: Callable[[Number], Number]) -> Callable[[Number], Number]:
    """Trigonometric functions of huge arguments need thousands of digits of pi for the
    argument reduction; such a value says nothing about an answer, so call it undefined."""

    def guarded(x: Number) -> Number:
        if _CTX.mag(x) > _MAX_PERIODIC_MAG:
            raise Undefined("argument too large")
        return function(x)

    return guarded


_FUNCTIONS: dict[type, Callable[[Number], Number]] = {
    sympy.exp: _exp,
    sympy.log: _log,
    sympy.Abs: _CTX.fabs,
    sympy.sin: _periodic(_CTX.sin),
    sympy.cos: _periodic(_CTX.cos),
    sympy.tan: _periodic(_CTX.tan),
    sympy.cot: _periodic(_CTX.cot),
    sympy.sec: _periodic(_CTX.sec),
    sympy.csc: _periodic(_CTX.csc),
    sympy.asin: _CTX.asin,
    sympy.acos: _CTX.acos,
    sympy.atan: _CTX.atan,
    sympy.acot: _CTX.acot,
    sympy.sinh: _hyperbolic(_CTX.sinh),
    sympy.cosh: _hyperbolic(_CTX.cosh),
    sympy.tanh: _hyperbolic(_CTX.tanh),
    sympy.asinh: _CTX.asinh,
    sympy.acosh: _CTX.acosh,
    sympy.atanh: _CTX.atanh,
    sympy.sign: _CTX.sign,
    sympy.re: _CTX.re,
    sympy.im: _CTX.im,
}


def compile_expr(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> Compiled:
    """A function of the variables' values (in order) that evaluates `expr`.

    Raises Undefined at compile time for nodes outside the whitelist (so a stray
    sympy object can never be "evaluated" in an unknown way)."""
    return _compile_cached(expr, tuple(variables))


@lru_cache(maxsize=8192)
def _compile_cached(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> Compiled:
    index = {v: i for i, v in enumerate(variables)}
    return _compile(expr, index)


def _compile(expr: sympy.Basic, index: Mapping[sympy.Basic, int]) -> Compiled:
    if expr in index:
        i = index[expr]
        return lambda values: values[i]
    if expr.is_Number or expr in (sympy.pi, sympy.E, sympy.I):
        value = _constant(expr)
        return lambda values: value
    parts = [_compile(arg, index) for arg in expr.args]
    if isinstance(expr, sympy.Add):
        return lambda values: _CTX.fsum(part(values) for part in parts)
    if isinstance(expr, sympy.Mul):
        return lambda values: _CTX.fprod(part(values) for part in parts)
    if isinstance(expr, sympy.Pow):
        base, exponent = parts
        return lambda values: _power(base(values), exponent(values))
    function = _FUNCTIONS.get(type(expr))
    if function is not None and len(parts) == 1:
        (argument,) = parts
        return lambda values: function(argument(values))
    raise Undefined(f"cannot evaluate {type(expr).__name__}")


def _constant(expr: sympy.Basic) -> Number:
    if expr is sympy.pi:
        return _CTX.pi
    if expr is sympy.E:
        return _CTX.e
    if expr is sympy.I:
        return _CTX.mpc(0, 1)
    if isinstance(expr, sympy.Rational):
        return _CTX.mpf(int(expr.p)) / int(expr.q)
    if isinstance(expr, sympy.Float):
        return _CTX.make_mpf(expr._mpf_)
    raise Undefined(f"no finite value: {expr}")


def evaluate(compiled: Compiled, values: Sequence[Number]) -> Number:
    """The value at a point, or Undefined for poles, overflow and domain errors."""
    try:
        with _LOCK:
            _CTX.prec = _PREC
            result = compiled(values)
    except (ZeroDivisionError, OverflowError, ValueError) as exc:
        raise Undefined(str(exc)) from exc
    if not _CTX.isfinite(result):
        raise Undefined("not finite")
    return result


def value_of(expr: sympy.Expr) -> Number:
    """The numeric value of an expression without free symbols."""
    return evaluate(compile_expr(expr, ()), ())


def magnitude(x: Number) -> int:
    """About log2 |x| (0 for 0): cheap, exact enough to bound sizes."""
    return 0 if x == 0 else int(_CTX.mag(x))


def to_context(x: float | int) -> Number:
    return _CTX.mpf(x)


def is_close(answer: Number, expected: Number, rtol: float, atol: float) -> bool:
    return bool(abs(answer - expected) <= atol + rtol * abs(expected))


def is_real(x: Number, rel: float = 1e-12) -> bool:
    if isinstance(x, _CTX.mpf):
        return True
    return bool(abs(_CTX.im(x)) <= rel * max(abs(x), 1))
