"""A code problem's variant: its tests as calls for the sandbox, with expected values.

Each test becomes a ``practice.sandbox.Call`` (the arguments as data: numbers, arrays,
the source of a test function) and a ``practice.sandbox.compare.Expected`` that stays
outside the sandbox. Each test also gets a description in words built from its
arguments and the signature's names, ``f(x, y) = x·sin(y), v = (1.2, -0.4)``, which
the feedback quotes.
"""

from __future__ import annotations

import sympy

from practice.banks.code_spec import CodeArg, CodeCheck, CodeExpect, CodeTest
from practice.banks.problem import CodePlan, KeyPath, Problem
from practice.grading.code import CodeCase, CodeTask
from practice.sandbox import Call, array, function, learner
from practice.sandbox.compare import DEFAULT_ATOL, DEFAULT_RTOL, Expected
from practice.sandbox.protocol import Node
from practice.variants import code_expect
from practice.variants.code_expect import number
from practice.variants.code_source import field_source, function_source, gradient_source
from practice.variants.derive import UndefinedDraw, Values
from practice.variants.numbers import number_text, reading_text
from practice.variants.substitute import substitute


def code_task(problem: Problem, values: Values) -> CodeTask:
    plan = problem.answer.code
    assert plan is not None  # a code problem always has one
    spec = plan.spec
    builder = _Builder(plan, problem.variables, values, spec.parameter_names())
    cases = [builder.test(("tests", i), test, i) for i, test in enumerate(spec.tests)]
    cases += [
        builder.check(("checks", i), check, spec.function) for i, check in enumerate(spec.checks)
    ]
    return CodeTask(spec.function, spec.signature, spec.starter, spec.solution, tuple(cases))


class _Builder:
    def __init__(
        self,
        plan: CodePlan,
        variables: tuple[sympy.Symbol, ...],
        values: Values,
        parameter_names: list[str],
    ) -> None:
        self.plan = plan
        self.variables = variables
        self.values = values
        self.parameter_names = parameter_names

    def read(self, path: KeyPath) -> sympy.Expr:
        """The expression at ``path``, with the drawn parameters substituted."""
        return substitute(self.plan.expressions[path], self.values)

    def test(self, path: KeyPath, test: CodeTest, index: int) -> CodeCase:
        args, words = [], []
        for position, arg in enumerate(test.args):
            name = self._name(position)
            node, said = self.argument((*path, "args", position), arg, name)
            args.append(node)
            words.append(said)
        kwargs = {}
        for key, arg in test.kwargs.items():
            kwargs[key], said = self.argument((*path, "kwargs", key), arg, key)
            words.append(said)
        return CodeCase(
            name=test.name or f"test {index + 1}",
            description=", ".join(words),
            call=Call(tuple(args), kwargs),
            expected=self.expected((*path, "expect"), test.expect, test.rtol, test.atol),
        )

    def check(self, path: KeyPath, check: CodeCheck, entry: str) -> CodeCase:
        return CodeCase(
            name=check.name,
            description="",
            call=Call((learner(entry),), target=function("check", check.code)),
            expected=self.expected((*path, "expect"), check.expect, check.rtol, check.atol),
        )

    def _name(self, position: int) -> str:
        names = self.parameter_names
        return names[position] if position < len(names) else f"arg{position + 1}"

    def argument(self, path: KeyPath, arg: CodeArg, name: str) -> tuple[Node, str]:
        form = arg.form
        if form in ("function", "gradient"):
            expression = self.read((*path, form))
            inner = ", ".join(v.name for v in self.variables)
            if form == "function":
                source = function_source(name, expression, self.variables)
                return function(name, source), f"{name}({inner}) = {reading_text(expression)}"
            source = gradient_source(name, expression, self.variables)
            return function(name, source), f"{name} = ∇({reading_text(expression)})"
        if form == "field":
            parts = [self.read((*path, form, i)) for i in range(len(arg.field or ()))]
            shown = ", ".join(reading_text(part) for part in parts)
            return function(name, field_source(name, parts, self.variables)), f"{name} = ({shown})"
        if form in ("vector", "numbers"):
            parts = [self.read((*path, form, i)) for i in range(len(getattr(arg, form)))]
            floats = [number(part) for part in parts]
            shown = "(" + ", ".join(number_text(p) for p in parts) + ")"
            node: Node = array(floats) if form == "vector" else floats
            return node, f"{name} = {shown if form == 'vector' else '[' + shown[1:-1] + ']'}"
        value = self.read((*path, form))
        if form == "integer":
            if not (isinstance(value, sympy.Integer)):
                raise UndefinedDraw(f"`integer` is not a whole number: {value}")
            return int(value), f"{name} = {value}"
        return number(value), f"{name} = {number_text(value)}"

    def expected(
        self, path: KeyPath, expect: CodeExpect, rtol: float | None, atol: float | None
    ) -> Expected:
        form = expect.form
        if form == "exact":
            return Expected(expect.exact, numeric=False)
        if form == "diverges":
            assert expect.diverges is not None
            part = self._part((*path, form))
            verdicts = code_expect.diverges(expect.diverges, part(("of",)), self.variables, part)
            return Expected(verdicts, numeric=False)
        return Expected(
            self._numbers(path, expect),
            rtol=DEFAULT_RTOL if rtol is None else rtol,
            atol=DEFAULT_ATOL if atol is None else atol,
        )

    def _numbers(self, path: KeyPath, expect: CodeExpect) -> float | list[float]:
        form = expect.form
        part = self._part((*path, form))
        if form == "value":
            value = expect.value
            if isinstance(value, list):
                return [number(part((i,))) for i in range(len(value))]
            return number(self.read((*path, form)))
        if form == "gradient":
            assert expect.gradient is not None
            at = [part(("at", i)) for i in range(len(expect.gradient.at))]
            return code_expect.gradient_at(part(("of",)), self.variables, at)
        if form == "descent":
            assert expect.descent is not None
            return code_expect.descent(expect.descent, part(("of",)), self.variables, part)
        assert expect.relative_error is not None
        given = [part(("given", i)) for i in range(len(expect.relative_error.given))]
        at = [part(("at", i)) for i in range(len(expect.relative_error.at))]
        return code_expect.relative_error(part(("of",)), given, self.variables, at)

    def _part(self, path: KeyPath) -> code_expect.Read:
        return lambda suffix: self.read((*path, *suffix))
