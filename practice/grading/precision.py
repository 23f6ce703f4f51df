"""How many figures an answer needs: one setting that the prompt states and the grader
applies, so that a prompt never promises what the grader refuses.

A problem asks for significant figures or decimal places (``precision:`` in a bank;
4 significant figures when it says nothing, the usual standard: WeBWorK's default
relative tolerance is 0.1 %). The tolerance follows from it: any answer correctly
rounded to that precision is right — half a unit in the last place asked for, relative
for significant figures, absolute for decimal places. The prompt's sentence
(``{{precision}}``) is generated from the same setting.

An answer rounded too early (`2.58` when 4 significant figures were asked for) is a
*near miss*: within ten times the tolerance, and a correct rounding of the reference at
the figures the learner typed. It is not counted, like an unreadable answer: the learner
is told how many figures to give and tries again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy

from practice.mathread.numeric import Number

# Rounding exactly half a unit lands on the bound; floats must not push it over.
_SLACK = 1e-9
NEAR_MISS_FACTOR = 10  # "close" is within this many tolerances
DEFAULT_ATOL = 1e-9  # lets an expected 0 accept round-off like 1e-12, never 0.001
MAX_SIGNIFICANT = 15
MAX_DECIMALS = 12


@dataclass(frozen=True)
class Precision:
    """Significant figures or decimal places: exactly one of the two."""

    significant: int | None = None
    decimals: int | None = None

    def __post_init__(self) -> None:
        if (self.significant is None) == (self.decimals is None):
            raise ValueError("a precision is significant figures or decimal places, not both")
        if self.significant is not None and not 1 <= self.significant <= MAX_SIGNIFICANT:
            raise ValueError(f"significant figures must be 1 to {MAX_SIGNIFICANT}")
        if self.decimals is not None and not 0 <= self.decimals <= MAX_DECIMALS:
            raise ValueError(f"decimal places must be 0 to {MAX_DECIMALS}")

    @property
    def rtol(self) -> float:
        if self.significant is None:
            return 0.0
        return 0.5 * 10.0 ** (1 - self.significant) * (1 + _SLACK)

    @property
    def atol(self) -> float:
        if self.decimals is None:
            return DEFAULT_ATOL
        return 0.5 * 10.0 ** (-self.decimals) * (1 + _SLACK)

    def phrase(self) -> str:
        """`4 significant figures`, `2 decimal places`, `1 decimal place`."""
        if self.significant is not None:
            return _counted(self.significant, "significant figure")
        assert self.decimals is not None
        if self.decimals == 0:
            return "a whole number"
        return _counted(self.decimals, "decimal place")

    def instruction(self, *, components: bool = False) -> str:
        """The prompt's sentence (``{{precision}}``): what to type, which the grader takes."""
        what = "each component" if components else "your answer"
        return f"Round {what} to {self.phrase()}, or give it exactly."

    def close_message(self) -> str:
        return f"Close — give {self.phrase()} (rounded, not cut off)."

    def rounded(self, value: float) -> str:
        """``value`` correctly rounded to this precision, as a learner would type it."""
        if self.significant is not None:
            return _plain(f"{value:.{self.significant - 1}e}")
        return f"{value:.{self.decimals}f}"


DEFAULT_PRECISION = Precision(significant=4)


def implied_precision(rtol: float, atol: float) -> Precision | None:
    """The precision a tolerance grants, for the "close" message of a request that gave
    tolerances rather than a precision (``grade --jsonl`` with ``rtol``). None: exact."""
    if rtol > 0:
        figures = math.ceil(1 - math.log10(2 * rtol) - _SLACK)
        return Precision(significant=min(max(figures, 1), MAX_SIGNIFICANT))
    if atol > DEFAULT_ATOL:
        places = math.ceil(-math.log10(2 * atol) - _SLACK)
        return Precision(decimals=min(max(places, 0), MAX_DECIMALS))
    return None


def is_near_miss(answer: sympy.Expr, typed: Number, expected: Number, tolerance: float) -> bool:
    """Rounded too early: `answer` is a decimal that is a correct rounding of `expected`
    at the places the learner typed, and within NEAR_MISS_FACTOR tolerances of it.
    (`109` for 110 is no near miss: 110 rounded to units is 110.) ``tolerance`` is the
    allowed absolute difference, atol + rtol·|expected|."""
    places = _decimal_places(answer)
    if places is None:
        return False
    difference = abs(typed - expected)
    half_unit = 0.5 * 10.0 ** (-places) * (1 + _SLACK)
    return bool(difference <= NEAR_MISS_FACTOR * tolerance and difference <= half_unit)


def _decimal_places(value: sympy.Expr) -> int | None:
    """How many decimal places a typed terminating decimal has (`2.58` → 2, `3` → 0);
    None for anything else (an exact form such as 1/3 is not rounded)."""
    if not isinstance(value, sympy.Rational):
        return None
    q = int(value.q)
    twos = (q & -q).bit_length() - 1
    rest = q >> twos
    fives = 0
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    return max(twos, fives) if rest == 1 else None


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _plain(scientific: str) -> str:
    """`2.584e+00` → `2.584`, `9.540e-07` stays scientific: a short plain decimal where
    one exists, as people write it."""
    mantissa, _, exponent = scientific.partition("e")
    power = int(exponent)
    if -4 <= power < 0 or 0 <= power <= 6:
        digits = mantissa.replace("-", "").replace(".", "")
        sign = "-" if mantissa.startswith("-") else ""
        if power >= 0:
            whole, fraction = digits[: power + 1].ljust(power + 1, "0"), digits[power + 1 :]
        else:
            whole, fraction = "0", "0" * (-power - 1) + digits
        return sign + whole + (f".{fraction}" if fraction else "")
    return f"{mantissa}e{power}"
