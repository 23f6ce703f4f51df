"""Turning a validated spec into a ``Problem``: every expression read, every name known.

All expressions go through ``practice.mathread`` with the problem's variables and
parameters declared, exactly like a learner's answer: a bank can come from anyone,
so nothing in it is ever handed to ``sympify`` or ``eval``. Every message names the
field (and so the line) to fix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

import sympy

from practice.banks.code_compile import compile_code
from practice.banks.problem import AnswerPlan, Constraint, KeyPath, ParamDomain, Part, Problem
from practice.banks.schema import ParamSpec, ProblemCommon, ProblemSpec
from practice.banks.templates import placeholder_problems
from practice.mathread import ReadError, read_expression
from practice.mathread.names import symbol
from practice.vocabulary import Kind, Reveal

# Longest operators first, so `<=` is never read as `<` followed by `=`.
_COMPARISON = re.compile(r"(<=|>=|!=|==|≤|≥|≠|<|>|=)")
_OPERATOR_NAMES = {"≤": "<=", "≥": ">=", "≠": "!=", "=": "=="}
DEFAULT_DECIMAL_STEP = Decimal("0.1")


class CompileError(Exception):
    """What is wrong, and at which field of the problem."""

    def __init__(self, path: KeyPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def compile_problem(spec: ProblemSpec, *, topic: str, bank: str, line: int) -> Problem:
    """The problem with its expressions read; raises ``CompileError`` on the first fault."""
    problem = _compile_one(spec, topic=topic, bank=bank, line=line)
    if not spec.stems:
        return problem
    stems = tuple(
        _compile_stem(spec, index, topic=topic, bank=bank, line=line)
        for index in range(len(spec.stems))
    )
    return replace(problem, stems=stems)


def _compile_stem(spec: ProblemSpec, index: int, *, topic: str, bank: str, line: int) -> Problem:
    """Stem ``index`` as a whole problem; a fault in a field it brings is reported there."""
    own = spec.stems[index].overrides()
    try:
        return _compile_one(spec.with_stem(index), topic=topic, bank=bank, line=line)
    except CompileError as exc:
        if exc.path and exc.path[0] in own:
            raise CompileError(("stems", index, *exc.path), exc.message) from None
        raise


def _compile_one(spec: ProblemSpec, *, topic: str, bank: str, line: int) -> Problem:
    reader = Reader(spec)
    shared = compile_shared(spec, reader)
    plan = answer_plan(spec, reader, shared.function)
    problem = shared.problem(spec, plan, topic=topic, bank=bank, line=line)
    check_placeholders(spec)
    return problem


@dataclass(frozen=True)
class Shared:
    """What every variant of a problem is drawn from, read: for one problem, or for all
    the parts of a problem in parts."""

    variables: tuple[sympy.Symbol, ...]
    params: tuple[ParamDomain, ...]
    derived: tuple[tuple[str, sympy.Symbol, sympy.Expr], ...]
    constraints: tuple[Constraint, ...]
    function: sympy.Expr | None

    def problem(
        self,
        spec: ProblemSpec,
        answer: AnswerPlan,
        *,
        topic: str,
        bank: str,
        line: int,
        parts: tuple[Part, ...] = (),
        reveal: Reveal = Reveal.ONE_BY_ONE,
        stem: str = "",
    ) -> Problem:
        """A problem (or one part of a problem in parts) drawn from these."""
        return Problem(
            spec=spec,
            topic=topic,
            bank=bank,
            line=line,
            variables=self.variables,
            params=self.params,
            derived=self.derived,
            constraints=self.constraints,
            function=self.function,
            answer=answer,
            choice_labels=tuple(spec.choice_labels()),
            parts=parts,
            reveal=reveal,
            stem=stem,
        )


def compile_shared(spec: ProblemCommon, reader: Reader) -> Shared:
    derived = tuple(
        (name, symbol(name), reader.read(("derived", name), text, reader.before(name)))
        for name, text in spec.derived.items()
    )
    constraints = tuple(
        _constraint(reader, ("constraints", index), text)
        for index, text in enumerate(spec.constraints)
    )
    function = None
    if spec.function is not None:
        function = reader.read(("function",), spec.function, reader.with_variables)
    return Shared(
        variables=tuple(symbol(name) for name in spec.variables),
        params=tuple(_domain(name, param) for name, param in spec.params.items()),
        derived=derived,
        constraints=constraints,
        function=function,
    )


class Reader:
    """Reads a problem's expressions with the right names declared for each field;
    ``extra`` names (a problem in parts: the earlier parts' answers) count as parameters."""

    def __init__(self, spec: ProblemCommon, extra: Sequence[str] = ()) -> None:
        self.parameters = tuple(spec.params) + tuple(spec.derived) + tuple(extra)
        self.with_variables = tuple(spec.variables) + self.parameters
        self._derived_order = list(spec.derived)
        self._params = tuple(spec.params)

    def before(self, derived_name: str) -> tuple[str, ...]:
        """Names a derived value may use: the params and the derived values above it."""
        index = self._derived_order.index(derived_name)
        return self._params + tuple(self._derived_order[:index])

    def read(self, path: KeyPath, text: str, names: Sequence[str]) -> sympy.Expr:
        try:
            return read_expression(text, names)
        except ReadError as error:
            where = error.render(text) if "\n" not in text else error.message
            raise CompileError(path, f"cannot read `{text}`: {where.splitlines()[0]}") from None

    def read_all(
        self, path: KeyPath, texts: Sequence[str], names: Sequence[str]
    ) -> tuple[sympy.Expr, ...]:
        return tuple(self.read((*path, index), text, names) for index, text in enumerate(texts))


def _domain(name: str, param: ParamSpec) -> ParamDomain:
    excluded = frozenset(param.not_)
    if param.choice is not None:
        domain = ParamDomain(name, symbol(name), choices=tuple(param.choice), excluded=excluded)
    elif param.int_ is not None:
        low, high = param.int_
        domain = ParamDomain(
            name, symbol(name), Decimal(low), Decimal(1), high - low + 1, excluded=excluded
        )
    else:
        assert param.decimal is not None  # the schema guarantees one source
        low_d, high_d = param.decimal
        step = param.step or DEFAULT_DECIMAL_STEP
        count = int((high_d - low_d) // step) + 1
        domain = ParamDomain(name, symbol(name), low_d, step, count, excluded=excluded)
    if domain.allowed_count() <= 0:
        raise CompileError(("params", name), f"`{name}` has no value left once `not` is applied")
    return domain


def _constraint(reader: Reader, path: KeyPath, text: str) -> Constraint:
    pieces = _COMPARISON.split(text)
    sides, operators = pieces[0::2], pieces[1::2]
    if not operators:
        raise CompileError(path, f"`{text}` compares nothing: write e.g. `a != b` or `a + b > 0`")
    parts = tuple(reader.read(path, side.strip() or side, reader.parameters) for side in sides)
    names = tuple(_OPERATOR_NAMES.get(op, op) for op in operators)
    return Constraint(text, parts, names)


def answer_plan(
    spec: ProblemSpec, reader: Reader, function: sympy.Expr | None = None
) -> AnswerPlan:
    """How the answer is derived; ``function`` is the problem's, read (a code problem's
    tests may use it as ``f``)."""
    answer = spec.answer
    form = answer.form
    params = reader.parameters
    if answer.code is not None:
        plan = compile_code(
            answer.code,
            reader.read,
            function=function,
            variables=spec.variables,
            parameters=params,
        )
        return AnswerPlan(form, code=plan)
    if answer.partial is not None:
        wrt = answer.partial.wrt
        names = (wrt,) if isinstance(wrt, str) else tuple(wrt)
        at = answer.partial.at
        return AnswerPlan(
            form,
            wrt=tuple(symbol(name) for name in names),
            at=None if at is None else reader.read_all(("answer", "partial", "at"), at, params),
        )
    if answer.gradient is not None:
        at = answer.gradient.at
        return AnswerPlan(
            form,
            at=None if at is None else reader.read_all(("answer", "gradient", "at"), at, params),
        )
    if answer.descent is not None:
        descent, path = answer.descent, ("answer", "descent")
        given = None
        if descent.gradient is not None:
            given = reader.read_all((*path, "gradient"), descent.gradient, reader.with_variables)
        return AnswerPlan(
            form,
            start=reader.read_all((*path, "start"), descent.start, params),
            rate=reader.read((*path, "rate"), descent.rate, params),
            steps=descent.steps,
            given_gradient=given,
        )
    if answer.value is not None:
        names = reader.with_variables if spec.kind == Kind.EXPRESSION else params
        if isinstance(answer.value, list):
            return AnswerPlan(form, value=reader.read_all(("answer", "value"), answer.value, names))
        return AnswerPlan(form, value=reader.read(("answer", "value"), answer.value, names))
    return AnswerPlan(form)


def known_placeholders(spec: ProblemSpec, *, in_prompt: bool) -> frozenset[str]:
    """The names a template of this problem may use (``answer`` not in the prompt)."""
    names = set(spec.params) | set(spec.derived)
    answer = spec.answer
    if spec.function is not None:
        names.add("f")
    if (answer.partial is not None and answer.partial.at is not None) or (
        answer.gradient is not None and answer.gradient.at is not None
    ):
        names.add("point")
    if answer.descent is not None:
        names.update({"start", "rate", "steps"})
        if answer.descent.gradient is not None:
            names.add("gradient")
    if spec.kind in (Kind.NUMBER, Kind.VECTOR):
        names.add("precision")
    if not in_prompt:
        names.add("answer")
    return frozenset(names)


def check_placeholders(spec: ProblemSpec) -> None:
    for path, text, in_prompt in templates(spec):
        if not text.strip():
            # An empty hint or choice is a blank line in the app, not a help.
            raise CompileError(path, "is empty")
        problems = placeholder_problems(text, known_placeholders(spec, in_prompt=in_prompt))
        if problems:
            raise CompileError(path, problems[0])


def templates(spec: ProblemSpec) -> list[tuple[KeyPath, str, bool]]:
    texts: list[tuple[KeyPath, str, bool]] = [(("prompt",), spec.prompt, True)]
    texts += [(("hints", index), hint, False) for index, hint in enumerate(spec.hints)]
    if spec.solution is not None:
        texts.append((("solution",), spec.solution, False))
    for index, choice in enumerate(spec.choices):
        texts.append((("choices", index, "text"), choice.text, True))
        if choice.feedback is not None:
            texts.append((("choices", index, "feedback"), choice.feedback, False))
    if spec.answer.model_answer is not None:
        texts.append((("answer", "model_answer"), spec.answer.model_answer, False))
    return texts
