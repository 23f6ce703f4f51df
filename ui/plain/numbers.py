"""Numbers for people: short enough for a metric, never Python's ``1.3e-05``.

The explorer shows values that span thirty orders of magnitude (a diverging path, a
gradient that vanished); Python's exponent notation is not how a student writes a
power of ten, and a long one is cut short in a metric (``1.303e…``).
"""

from __future__ import annotations

import math

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
SMALL = 1e-3  # below this (and at LARGE and above) a power of ten is clearer
LARGE = 1e5


def _split(value: float, digits: int) -> tuple[str, int] | None:
    """Mantissa text and exponent when ``value`` needs a power of ten, else None."""
    if value == 0 or SMALL <= abs(value) < LARGE:
        return None
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    return mantissa, int(exponent)


def short_number(value: float, digits: int = 3) -> str:
    """``0.00722``, ``-140.9``, ``1.3×10⁻⁵``, ``2.34×10¹²``, ``∞``: at most ~9 characters."""
    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    split = _split(value, digits)
    if split is None:
        return f"{value:.{digits + 1}g}"
    mantissa, exponent = split
    lead = "" if mantissa in ("1", "-1") else f"{mantissa}×"
    sign = "-" if mantissa == "-1" else ""
    return f"{sign}{lead}10{str(exponent).translate(_SUPERSCRIPT)}"


def latex_number(value: float, digits: int = 4) -> str:
    """The same as LaTeX: ``1.3 \\times 10^{-5}``, ``\\infty``."""
    if math.isnan(value):
        return r"\text{undefined}"
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"
    split = _split(value, digits)
    if split is None:
        return f"{value:.{digits}g}"
    mantissa, exponent = split
    return f"{mantissa} \\times 10^{{{exponent}}}"


def _plus(text: str) -> str:
    """`` + 2`` or `` - 3``: a term joined to what comes before it by its own sign."""
    return f" - {text.removeprefix('-')}" if text.startswith("-") else f" + {text}"


def tangent_latex(y0: float, slope: float, x0: float) -> str:
    """``y = 2.25 - 3\\,(x + 1.5)``: the point-slope form with the signs folded in, never
    ``+ (-3)\\,(x - -1.5)``; a zero slope is just ``y = y0``."""
    if slope == 0:
        return f"y = {latex_number(y0)}"
    shift = "x" if x0 == 0 else "(x" + _plus(latex_number(-x0)) + ")"
    return f"y = {latex_number(y0)}{_plus(latex_number(slope))}\\,{shift}"
