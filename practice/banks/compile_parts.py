"""Compiling a problem in parts: each part becomes a problem of its own on the shared draw.

A part's answer is read with the names of *all* parts declared, so that a name used
too early is reported as what it is — a forward or circular reference — rather than as
an unknown name. The names a part uses decide which earlier parts it depends on, which
is what follow-through re-derives (``practice.variants.follow_through``).

A placeholder that would show an earlier part's answer (``{{start}}`` when the start is
that answer, or the part's name itself) is refused in a prompt, a hint or an option:
they are on screen before the part is answered, and with all parts shown at once
they would give the earlier answers away. Solutions and option feedback may use them.
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from practice.banks.compile import (
    CompileError,
    KeyPath,
    Reader,
    answer_plan,
    compile_shared,
    known_placeholders,
    templates,
)
from practice.banks.parts_schema import MultiPartSpec, PartSpec
from practice.banks.problem import AnswerPlan, Part, Problem
from practice.banks.schema import ProblemSpec
from practice.banks.templates import PLACEHOLDER, placeholder_problems
from practice.mathread.names import symbol
from practice.vocabulary import AnswerForm, Kind

FUNCTION_NAME = "f"  # in a part's `value`, the problem's function


def compile_parts(spec: MultiPartSpec, *, topic: str, bank: str, line: int) -> Problem:
    """The problem and its parts with every expression read; raises ``CompileError``."""
    shared = compile_shared(spec, Reader(spec))
    owners = {name: number for number, part in enumerate(spec.parts, 1) for name in part.names}
    function_name = _function_name(spec)
    parts: list[Part] = []
    for number, part_spec in enumerate(spec.parts, start=1):
        merged = part_problem_spec(spec, part_spec)
        reader = Reader(merged, extra=(*owners, *function_name))
        path: KeyPath = ("parts", number - 1)
        plan = _continued(_plan(path, merged, part_spec, reader), parts)
        used = _names_used(plan, owners)
        _check_order(path, number, used, owners, function_name, plan)
        depends_on = tuple(sorted({owners[name] for name in used if name in owners}))
        problem = shared.problem(merged, plan, topic=topic, bank=bank, line=line, stem=spec.prompt)
        _check_part_placeholders(path, merged, part_spec, plan, owners, number)
        parts.append(
            Part(
                number=number,
                problem=problem,
                names=tuple(symbol(name) for name in part_spec.names),
                depends_on=depends_on,
                credit=part_spec.credit,
                symbolic=_symbolic(part_spec, plan, used, parts, owners),
            )
        )
    _check_stem(spec)
    last = parts[-1].problem
    whole = last.spec.model_copy(update={"prompt": spec.prompt, "tolerance": spec.tolerance})
    return shared.problem(
        whole,
        last.answer,
        topic=topic,
        bank=bank,
        line=line,
        parts=tuple(parts),
        reveal=spec.reveal,
    )


def part_problem_spec(spec: MultiPartSpec, part: PartSpec) -> ProblemSpec:
    """The part as a one-part problem: the shared fields with the part's own. Every
    field was validated already (the part's on its own, the fit with the shared ones by
    ``MultiPartSpec``), so it is put together without validating again."""
    return ProblemSpec.model_construct(
        id=spec.id,
        level=spec.level,
        title=spec.title,
        prompt=part.prompt,
        variables=spec.variables,
        params=spec.params,
        derived=spec.derived,
        constraints=spec.constraints,
        function=spec.function,
        tolerance=part.tolerance or spec.tolerance,
        tags=spec.tags,
        kind=part.kind,
        answer=part.answer,
        choices=part.choices,
        hints=part.hints,
        solution=part.solution,
        precision=part.precision,
        unit=part.unit,
    )


def _function_name(spec: MultiPartSpec) -> tuple[str, ...]:
    """``f`` names the function in a part's `value`, unless a variable is called `f`."""
    if spec.function is None or FUNCTION_NAME in spec.variables:
        return ()
    return (FUNCTION_NAME,)


def _plan(path: KeyPath, merged: ProblemSpec, part: PartSpec, reader: Reader) -> AnswerPlan:
    """The part's answer plan, read; a fault is reported under the part's path."""
    try:
        if part.at is None:
            plan = answer_plan(merged, reader)
        else:  # a value at a point may be written in the variables themselves
            at = reader.read_all(("at",), part.at, reader.parameters)
            plan = AnswerPlan(AnswerForm.VALUE, at=at, value=_value_in_variables(part, reader))
    except CompileError as error:
        raise CompileError((*path, *error.path), error.message) from None
    return plan


def _value_in_variables(part: PartSpec, reader: Reader) -> sympy.Expr | tuple[sympy.Expr, ...]:
    """The value of a part with `at`, read with the variables declared."""
    value, path = part.answer.value, ("answer", "value")
    assert value is not None  # `at` goes with a `value` answer (the schema checks it)
    if isinstance(value, list):
        return reader.read_all(path, value, reader.with_variables)
    return reader.read(path, value, reader.with_variables)


def _continued(plan: AnswerPlan, before: list[Part]) -> AnswerPlan:
    """A descent that starts where an earlier part's descent ended counts its steps on
    from there, so the worked solution of "a second step" writes w₂, not w₁ again."""
    if plan.form != AnswerForm.DESCENT:
        return plan
    for part in before:
        earlier = part.problem.answer
        if earlier.form == AnswerForm.DESCENT and part.names and plan.start == part.names:
            return replace(plan, first_step=earlier.first_step + earlier.steps)
    return plan


def _expressions(plan: AnswerPlan) -> list[sympy.Expr]:
    found = [*(plan.at or ()), *plan.start, *(plan.given_gradient or ())]
    if plan.rate is not None:
        found.append(plan.rate)
    if isinstance(plan.value, tuple):
        found += list(plan.value)
    elif plan.value is not None:
        found.append(plan.value)
    return found


def _names_used(plan: AnswerPlan, owners: dict[str, int]) -> set[str]:
    """The part names (and ``f``) the part's answer uses."""
    symbols = set().union(*(expression.free_symbols for expression in _expressions(plan)))
    return {s.name for s in symbols if s.name in owners or s.name == FUNCTION_NAME}


def _check_order(
    path: KeyPath,
    number: int,
    used: set[str],
    owners: dict[str, int],
    function_name: tuple[str, ...],
    plan: AnswerPlan,
) -> None:
    where = (*path, "answer")
    for name in sorted(used):
        if name in function_name:
            if plan.form != AnswerForm.VALUE:
                raise CompileError(where, "`f` (the function) can be used in a `value` only")
            continue
        owner = owners[name]
        if owner == number:
            raise CompileError(
                where, f"uses `{name}`, this part's own answer: a circular reference"
            )
        if owner > number:
            raise CompileError(
                where,
                f"uses `{name}`, the answer of part {owner}, which comes later: "
                "a part may use only the answers of the parts before it",
            )


def _symbolic(
    part: PartSpec, plan: AnswerPlan, used: set[str], before: list[Part], owners: dict[str, int]
) -> bool:
    """Whether the part is answered in the variables: an expression, a gradient without
    a point, or a vector of earlier expressions (or of ``f``) not evaluated anywhere."""
    if part.kind == Kind.EXPRESSION:
        return True
    if plan.form == AnswerForm.GRADIENT:
        return plan.at is None
    if plan.form != AnswerForm.VALUE or part.kind != Kind.VECTOR or plan.at is not None:
        return False
    return any(name == FUNCTION_NAME or before[owners[name] - 1].symbolic for name in used)


def _tainted(plan: AnswerPlan, owners: dict[str, int]) -> set[str]:
    """Built-in placeholders whose value is (made from) an earlier part's answer."""

    def uses_parts(expressions: tuple[sympy.Expr, ...] | list[sympy.Expr]) -> bool:
        return any(s.name in owners for e in expressions for s in e.free_symbols)

    found = set()
    if plan.at is not None and uses_parts(plan.at):
        found.add("point")
    if uses_parts(plan.start):
        found.add("start")
    if plan.rate is not None and uses_parts([plan.rate]):
        found.add("rate")
    if plan.given_gradient is not None and uses_parts(plan.given_gradient):
        found.add("gradient")
    return found


def _check_part_placeholders(
    path: KeyPath,
    merged: ProblemSpec,
    part: PartSpec,
    plan: AnswerPlan,
    owners: dict[str, int],
    number: int,
) -> None:
    hidden = _tainted(plan, owners) | set(owners)
    shown_after = {name for name, owner in owners.items() if owner <= number}
    for where, text, in_prompt in templates(merged):
        if not text.strip():
            raise CompileError((*path, *where), "is empty")
        known = set(known_placeholders(merged, in_prompt=in_prompt))
        if part.at is not None:
            known.add("point")
        if _after_answering(where):
            problems = placeholder_problems(text, frozenset(known | shown_after))
        else:
            problems = _giveaways(text, hidden) or placeholder_problems(
                text, frozenset(known - hidden)
            )
        if problems:
            raise CompileError((*path, *where), problems[0])


def _after_answering(where: KeyPath) -> bool:
    """Solutions and option feedback are shown once the part is answered."""
    return where[0] == "solution" or (where[0] == "choices" and where[-1] == "feedback")


def _giveaways(text: str, hidden: set[str]) -> list[str]:
    return [
        f"`{match.group(0)}` would show an earlier part's answer before this part is "
        'answered; say it in words ("your answer to part 2") or use it in `solution`'
        for match in PLACEHOLDER.finditer(text)
        if match.group(1) in hidden
    ]


def _check_stem(spec: MultiPartSpec) -> None:
    """The stem knows the parameters and the function, nothing of any part."""
    known = set(spec.params) | set(spec.derived) | ({"f"} if spec.function else set())
    problems = placeholder_problems(spec.prompt, frozenset(known))
    if problems:
        raise CompileError(("prompt",), problems[0])
