"""Variants of a problem in parts: one draw, each part derived in order from those before.

The parameters are drawn once for the whole problem; each part is then derived like a
one-part problem, with the names of the earlier parts bound to their values (a number,
an expression in the variables, or one component of a vector). ``rederived`` does the
same with the learner's own earlier answers in place of the reference's — what
follow-through grades against.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import sympy

from practice.banks.problem import Part, Problem
from practice.banks.templates import render
from practice.mathread import read_expression, read_vector
from practice.mathread.names import symbol
from practice.variants.derive import Answer, Derivation, derive
from practice.variants.numbers import cached_latex, number_latex
from practice.variants.sampling import Draw
from practice.variants.substitute import substitute
from practice.variants.variant import (
    PartVariant,
    Variant,
    _template_values,
    built,
    draw_derived,
)
from practice.vocabulary import Kind

Values = dict[sympy.Symbol, sympy.Expr]
FUNCTION = symbol("f")


@dataclass(frozen=True)
class Chain:
    """What re-deriving a part needs: the problem in parts and its draw, with every
    part's name bound to the reference value."""

    problem: Problem
    draw: Draw


def made_in_parts(problem: Problem, seed: int) -> Variant:
    """The variant of a problem in parts (``make_variant`` calls this)."""
    draw, derivations = draw_derived(problem, seed, lambda found: _derived(problem, found))
    names = name_texts(problem, draw.values)
    parts = tuple(
        PartVariant(
            part.number,
            built(part.problem, seed, draw, derivation, symbolic=part.symbolic, texts=names),
            part.depends_on,
            part.credit,
        )
        for part, derivation in zip(problem.parts, derivations, strict=True)
    )
    last = parts[-1].variant
    stem = _template_values(problem.parts[0].problem, draw, derivations[0])
    return Variant(
        problem_id=problem.id,
        seed=seed,
        kind=problem.kind,
        level=problem.level,
        topic=problem.topic,
        prompt=render(problem.spec.prompt, stem),
        answer=last.answer,
        answer_latex=last.answer_latex,
        hints=(),
        solution=_whole_solution(parts),
        variables=last.variables,
        choices=(),
        rtol=last.rtol,
        atol=last.atol,
        expected=last.expected,
        parts=parts,
        chain=Chain(problem, draw),
    )


def rederived(variant: Variant, number: int, own: Mapping[int, Answer]) -> Variant:
    """Part ``number`` of ``variant`` derived with the learner's own answers to the
    earlier parts in ``own`` (part number -> value) in place of the reference's. Raises
    what ``derive`` raises when those answers leave the part undefined."""
    chain = variant.chain
    assert chain is not None, "only a variant of a problem in parts has a chain"
    values = dict(chain.draw.values)
    for earlier, value in own.items():
        values.update(bindings(chain.problem.parts[earlier - 1], value))
    part = chain.problem.parts[number - 1]
    draw = Draw(values, chain.draw.shown)
    derivation = derive(part.problem, values)
    return built(
        part.problem,
        variant.seed,
        draw,
        derivation,
        symbolic=part.symbolic,
        texts=name_texts(chain.problem, values),
    )


def read_value(part: Variant, text: str) -> Answer:
    """A learner's answer to ``part`` as the value its names stand for, read as the
    grader reads it; raises ``ReadError``."""
    if part.kind == Kind.VECTOR:
        return read_vector(text, part.variables)
    if part.kind == Kind.EXPRESSION:
        return read_expression(text, part.variables)
    if part.kind == Kind.NUMBER:
        return read_expression(text, ())
    raise ValueError(f"a {part.kind} part has no value later parts can use")


def with_given(variant: Variant, given: Mapping[int, Answer]) -> Variant:
    """``variant`` as it would be had the earlier parts in ``given`` (part number ->
    value) been answered so: every later part computed from them is derived again, in
    order, from those values and from each other (``preview --given``). Raises what
    ``derive`` raises when the values leave a later part undefined."""
    own: dict[int, Answer] = dict(given)
    parts = list(variant.parts)
    for index, part in enumerate(parts):
        if part.number in given or not set(part.depends_on) & own.keys():
            continue
        uses = {number: own[number] for number in part.depends_on if number in own}
        again = rederived(variant, part.number, uses)
        parts[index] = PartVariant(part.number, again, part.depends_on, part.credit)
        if not isinstance(again.expected, str):
            own[part.number] = again.expected
    last = parts[-1].variant
    return replace(
        variant,
        parts=tuple(parts),
        answer=last.answer,
        answer_latex=last.answer_latex,
        expected=last.expected,
        solution=_whole_solution(parts),
    )


def bindings(part: Part, value: Answer) -> Values:
    """The names of ``part`` bound to ``value``: one name, or one per component."""
    if not part.names:
        return {}
    components = value if isinstance(value, tuple) else (value,)
    if len(components) != len(part.names):
        raise ValueError(f"{len(components)} components for the names of part {part.number}")
    return dict(zip(part.names, components, strict=True))


def _whole_solution(parts: Sequence[PartVariant]) -> str:
    return "\n\n".join(f"**Part {part.number}.** {part.variant.solution}" for part in parts)


def part_template_values(problem: Problem, seed: int) -> list[dict[str, str]]:
    """What each placeholder of each part stands for (``validate`` looks for zeros)."""
    draw, derivations = draw_derived(problem, seed, lambda found: _derived(problem, found))
    names = name_texts(problem, draw.values)
    return [
        {**_template_values(part.problem, draw, derivation), **names}
        for part, derivation in zip(problem.parts, derivations, strict=True)
    ]


def _derived(problem: Problem, draw: Draw) -> tuple[Derivation, ...]:
    """Every part's derivation. ``draw.values`` (a fresh draw's own dict) gains the
    parts' names and ``f``: the values a part's answer and solution are made from."""
    values = draw.values
    if problem.function is not None and FUNCTION.name not in problem.variable_names:
        values[FUNCTION] = substitute(problem.function, values)
    derivations = []
    for part in problem.parts:
        derivation = derive(part.problem, values)
        if derivation.answer is not None:  # a choice part has no value to name
            values.update(bindings(part, derivation.answer))
        derivations.append(derivation)
    return tuple(derivations)


def name_texts(problem: Problem, values: Values) -> dict[str, str]:
    """LaTeX of the parts' values by name, for the placeholders of solutions."""
    return {
        name.name: _latex(values[name])
        for part in problem.parts
        for name in part.names
        if name in values
    }


def _latex(value: sympy.Expr) -> str:
    return cached_latex(value) if value.free_symbols else number_latex(value)
