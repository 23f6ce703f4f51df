"""Python source for the functions a code test hands to the learner's function.

sympy's NumPy printer writes the drawn function (and its gradient) as numpy code; the
harness defines it inside the sandbox, the only place it runs. The expression comes
from the bank through the safe reader, so the source holds only numbers, the
variables' names and numpy's functions.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy.printing.numpy import NumPyPrinter

POINT = "_point"  # the parameter's name: no variable can be called that


def _printed(expression: sympy.Expr) -> str:
    printer = NumPyPrinter({"allow_unknown_functions": False, "strict": True})
    text: str = printer.doprint(expression)
    return text


def _unpack(variables: Sequence[sympy.Symbol]) -> str:
    return ", ".join(symbol.name for symbol in variables) + f", = {POINT}"


def function_source(name: str, expression: sympy.Expr, variables: Sequence[sympy.Symbol]) -> str:
    """``def f(v)`` returning the expression at the point ``v``."""
    return f"def {name}({POINT}):\n    {_unpack(variables)}\n    return {_printed(expression)}\n"


def gradient_source(name: str, expression: sympy.Expr, variables: Sequence[sympy.Symbol]) -> str:
    """``def grad_f(v)`` returning the gradient of the expression as a float array."""
    return field_source(name, [sympy.diff(expression, v) for v in variables], variables)


def field_source(
    name: str, components: Sequence[sympy.Expr], variables: Sequence[sympy.Symbol]
) -> str:
    """``def g(v)`` returning these expressions at ``v`` as a float array."""
    listed = ", ".join(_printed(component) for component in components)
    return (
        f"def {name}({POINT}):\n    {_unpack(variables)}\n"
        f"    return numpy.array([{listed}], dtype=float)\n"
    )
