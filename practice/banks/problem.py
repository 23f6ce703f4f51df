"""A problem as the variant layer uses it: its spec with every expression already read.

Reading and checking happen once, when the catalog loads (``compile.py``); making a
variant then only draws numbers and substitutes them into these sympy objects.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

import sympy

from practice.banks.code_spec import CodeAnswer
from practice.banks.schema import ProblemSpec
from practice.vocabulary import AnswerForm, Kind, Level, Reveal


def decimal_text(value: Decimal) -> str:
    """``0.1`` for 0.10, ``10`` for 1E+1: how a parameter is shown to learners."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def decimal_to_sympy(value: Decimal) -> sympy.Rational:
    numerator, denominator = value.as_integer_ratio()
    return sympy.Rational(numerator, denominator)


@dataclass(frozen=True)
class ParamDomain:
    """The values one parameter can take: a grid ``low + k*step`` or a list of choices."""

    name: str
    symbol: sympy.Symbol
    low: Decimal = Decimal(0)
    step: Decimal = Decimal(1)
    count: int = 0
    choices: tuple[Decimal, ...] = ()
    excluded: frozenset[Decimal] = frozenset()

    def draw(self, rng: random.Random) -> Decimal | None:
        """One uniform draw, or ``None`` when it hit a ``not`` value (the caller redraws)."""
        value = (
            rng.choice(self.choices)
            if self.choices
            else self.low + self.step * rng.randrange(self.count)
        )
        return None if value in self.excluded else value

    def allowed_count(self) -> int:
        """How many values survive ``not``; 0 means the parameter can never be drawn."""
        if self.choices:
            return len({v for v in self.choices if v not in self.excluded})
        on_grid = 0
        for value in self.excluded:
            index = (value - self.low) / self.step
            if index == index.to_integral_value() and 0 <= index < self.count:
                on_grid += 1
        return self.count - on_grid


@dataclass(frozen=True)
class Constraint:
    """``a < b <= 2c``: the expressions between the comparison operators, in order."""

    text: str
    parts: tuple[sympy.Expr, ...]
    operators: tuple[str, ...]


KeyPath = tuple[str | int, ...]  # where in a problem: ("answer", "descent", "start", 0)


@dataclass(frozen=True)
class CodePlan:
    """A code problem's tests with their expressions read, each by its path under
    ``answer.code`` (``("tests", 0, "args", 1, "vector", 0)``)."""

    spec: CodeAnswer
    expressions: dict[KeyPath, sympy.Expr] = field(default_factory=dict)


@dataclass(frozen=True)
class AnswerPlan:
    """How the reference answer is derived, with its expressions read."""

    form: AnswerForm
    wrt: tuple[sympy.Symbol, ...] = ()
    at: tuple[sympy.Expr, ...] | None = None
    start: tuple[sympy.Expr, ...] = ()
    rate: sympy.Expr | None = None
    steps: int = 0
    given_gradient: tuple[sympy.Expr, ...] | None = None
    value: sympy.Expr | tuple[sympy.Expr, ...] | None = None
    first_step: int = 1  # a descent that goes on from an earlier part's steps counts on
    code: CodePlan | None = None


@dataclass(frozen=True, eq=False)
class Problem:
    """One compiled problem of the catalog."""

    spec: ProblemSpec
    topic: str
    bank: str
    line: int
    variables: tuple[sympy.Symbol, ...]
    params: tuple[ParamDomain, ...]
    derived: tuple[tuple[str, sympy.Symbol, sympy.Expr], ...]
    constraints: tuple[Constraint, ...]
    function: sympy.Expr | None
    answer: AnswerPlan
    choice_labels: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()  # a problem in parts: each part, in order
    stem: str = ""  # a part of a problem in parts: the stem above it (names the function)
    reveal: Reveal = Reveal.ONE_BY_ONE
    # The other versions of the prompt (``stems``), each compiled as a whole problem with
    # the same id; a variant draws the problem itself or one of these.
    stems: tuple[Problem, ...] = ()
    # Line of each top-level key (`answer`, `constraints`, …): where `validate` points
    # when a generated variant shows a fault of that part.
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def versions(self) -> tuple[Problem, ...]:
        """The problem as written, then each of its stems."""
        return (self, *self.stems)

    def line_of(self, key: str) -> int:
        return self.field_lines.get(key, self.line)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def kind(self) -> Kind:
        return self.spec.kind

    @property
    def level(self) -> Level:
        return self.spec.level

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.spec.tags)

    @property
    def variable_names(self) -> tuple[str, ...]:
        return tuple(self.spec.variables)


@dataclass(frozen=True, eq=False)
class Part:
    """One part of a problem in parts, compiled.

    ``problem`` is the part as a problem of its own (its kind, prompt, answer, hints and
    solution, with the parameters, variables and function of the whole), so deriving,
    grading and solving a part is what they are for any problem. Its answer's
    expressions may use the ``names`` of earlier parts, which are filled in with those
    parts' values, the reference's or the learner's own (follow-through)."""

    number: int  # from 1
    problem: Problem
    names: tuple[sympy.Symbol, ...]  # what later parts call this part's answer (per component)
    depends_on: tuple[int, ...]  # numbers of the earlier parts whose answers it uses
    credit: float  # share of the credit when right only given the learner's own earlier answers
    symbolic: bool  # answered in the variables (an expression, a gradient without a point)
