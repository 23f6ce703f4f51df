"""The bank format of a code problem: the learner's function, and its tests as data.

A test calls the learner's function on arguments drawn from the problem's parameters
(a function of the variables, its gradient, a point, a number) and names what sympy
derives as the right result (a gradient at a point, where some descent steps land, …).
The arguments are built inside the sandbox; the expected value never goes there.
Instructor test code (``checks``) is a probe that receives the learner's function and
returns data, compared with an expectation the same way.

In ``function``, ``gradient`` and the expectations' ``of``, the text ``f`` stands for
the problem's own ``function``.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from practice.banks.schema_types import ExpressionText, Name, Text

MAX_TESTS = 20
MAX_STEPS = 10_000
SIGNATURE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\((.*)\)$")
THE_FUNCTION = "f"  # in a test: the problem's own `function`

Points = Annotated[list[ExpressionText], Field(min_length=1, max_length=8)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _OneOf(_Strict):
    """Exactly one key, like ``answer:``."""

    @model_validator(mode="after")
    def _exactly_one(self) -> _OneOf:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            keys = ", ".join(f"`{name}`" for name in type(self).model_fields)
            raise ValueError(f"needs exactly one of {keys} (found {len(given)})")
        return self

    @property
    def form(self) -> str:
        return next(name for name in type(self).model_fields if getattr(self, name) is not None)


class CodeArg(_OneOf):
    """One argument of a test, as the learner's function receives it."""

    function: ExpressionText | None = Field(
        None, description="a Python function f(v) of a numpy vector v, one entry per variable"
    )
    gradient: ExpressionText | None = Field(
        None, description="a function returning the gradient of this expression as an array"
    )
    field: Points | None = Field(
        None,
        description="a function of v returning these expressions, one per variable, as an "
        "array (a hand-made gradient, right or wrong)",
    )
    vector: Points | None = Field(None, description="a numpy array of numbers")
    number: ExpressionText | None = Field(None, description="a float")
    integer: ExpressionText | None = Field(None, description="an int")
    numbers: Annotated[list[ExpressionText], Field(min_length=1, max_length=20)] | None = Field(
        None, description="a Python list of floats"
    )


class GradientAt(_Strict):
    of: ExpressionText = THE_FUNCTION
    at: Points


class DescentRun(_Strict):
    """Where gradient descent from ``start`` with learning rate ``rate`` is after
    ``steps`` updates; with ``momentum`` β, heavy-ball momentum (v ← βv + ∇f(w),
    w ← w − ηv, v starting at 0); with ``until``, it stops before an update once
    ‖∇f(w)‖ < until."""

    of: ExpressionText = THE_FUNCTION
    start: Points
    rate: ExpressionText
    steps: int = Field(ge=0, le=MAX_STEPS)
    momentum: ExpressionText | None = None
    until: ExpressionText | None = None


class Divergence(_Strict):
    """For each rate: whether plain descent from ``start`` leaves the ball of radius
    ``limit`` (or stops being finite) within ``steps`` updates."""

    of: ExpressionText = THE_FUNCTION
    start: Points
    rates: Annotated[list[ExpressionText], Field(min_length=1, max_length=20)]
    steps: int = Field(ge=1, le=MAX_STEPS)
    limit: ExpressionText = "10^6"


class RelativeError(_Strict):
    """‖∇f − g‖ / (‖∇f‖ + ‖g‖) at a point: how far a ``given`` gradient g is from the
    true one (0 when it is right)."""

    of: ExpressionText = THE_FUNCTION
    given: Points
    at: Points


class CodeExpect(_OneOf):
    """What the test's call must return, derived by sympy from the drawn parameters."""

    value: ExpressionText | Points | None = Field(
        None, description="a number, or a list of numbers, in the params"
    )
    gradient: GradientAt | None = None
    descent: DescentRun | None = None
    diverges: Divergence | None = Field(None, description="a list of true/false, one per rate")
    relative_error: RelativeError | None = None
    exact: bool | int | str | list[bool | int | str] | None = Field(
        None, description="data compared as it is, type for type"
    )


class _Compared(_Strict):
    expect: CodeExpect
    rtol: float | None = Field(None, gt=0, le=1)
    atol: float | None = Field(None, ge=0, le=1e6)


class CodeTest(_Compared):
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        None, description="default: the arguments, e.g. `f(x, y) = x*y, v = (1, 2)`"
    )
    args: list[CodeArg] = Field(default_factory=list, max_length=10)
    kwargs: dict[Name, CodeArg] = Field(default_factory=dict, max_length=10)


class CodeCheck(_Compared):
    """Instructor test code: ``code`` defines ``check(fn)``, which is called with the
    learner's function and returns data (in the sandbox, like the learner's code)."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    code: Text = Field(min_length=1)


class CodeAnswer(_Strict):
    """A code problem: the function to write, where to start, the tests, the solution."""

    function: Name = Field(description="the name of the function the learner writes")
    signature: Annotated[str, Field(max_length=200)] = Field(
        description="how it is called, e.g. `numerical_gradient(f, v, h=1e-5)`"
    )
    starter: Text = Field(min_length=1, description="the code the editor starts with")
    solution: Text = Field(min_length=1, description="a model solution, shown after grading")
    tests: list[CodeTest] = Field(min_length=1, max_length=MAX_TESTS)
    checks: list[CodeCheck] = Field(default_factory=list, max_length=MAX_TESTS)

    @model_validator(mode="after")
    def _signature_names_the_function(self) -> CodeAnswer:
        match = SIGNATURE.match(self.signature.strip())
        if match is None or match.group(1) != self.function:
            raise ValueError(f"`signature` must read `{self.function}(…)`, the function's call")
        return self

    def parameter_names(self) -> list[str]:
        """The names in the signature, in order: how tests describe their arguments."""
        match = SIGNATURE.match(self.signature.strip())
        inside = match.group(2) if match else ""
        names = [part.split("=")[0].strip() for part in inside.split(",") if part.strip()]
        return [name for name in names if name.isidentifier()]


def function_texts(answer: CodeAnswer) -> list[str]:
    """Every expression of the code answer that is a function of the variables: the
    arguments ``function`` and ``gradient`` and the expectations' ``of``."""
    texts: list[str] = []
    for case in [*answer.tests, *answer.checks]:
        expect = getattr(case.expect, case.expect.form)
        if isinstance(expect, BaseModel):
            texts.append(expect.of)  # type: ignore[attr-defined]
        if isinstance(case, CodeTest):
            for arg in [*case.args, *case.kwargs.values()]:
                texts += [arg.function or arg.gradient or ""] if arg.form in FUNCTION_ARGS else []
                texts += arg.field or []
    return texts


FUNCTION_ARGS = ("function", "gradient")
