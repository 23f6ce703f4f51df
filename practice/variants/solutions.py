"""Worked solutions generated from a derivation, in Markdown + LaTeX.

Each one shows the reasoning a tutor would write on the board: which variables are
held constant, each term's derivative, the substitution of the point, and for
gradient descent every update with its numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import sympy

from practice.banks.problem import Problem
from practice.variants.arithmetic import written_out
from practice.variants.derive import Derivation, Stage
from practice.variants.numbers import cached_latex, number_latex, sum_latex, vector_latex
from practice.vocabulary import AnswerForm


def worked_solution(problem: Problem, derivation: Derivation) -> str:
    """The generated steps for derived answers (empty for literal answers)."""
    form = problem.answer.form
    if form == AnswerForm.PARTIAL:
        return _partial(problem, derivation)
    if form == AnswerForm.GRADIENT:
        return _gradient(problem, derivation)
    if form == AnswerForm.DESCENT:
        return _descent(problem, derivation)
    if form == AnswerForm.VALUE and derivation.answer is not None:
        return _value(problem, derivation, derivation.answer)
    if derivation.code is not None:
        return f"A solution:\n\n```python\n{derivation.code.solution.rstrip()}\n```"
    return ""


def _value(
    problem: Problem, derivation: Derivation, answer: sympy.Expr | tuple[sympy.Expr, ...]
) -> str:
    if derivation.point is not None and derivation.evaluated is not None:
        names = [v.name for v in problem.variables]
        return (
            f"With ${_point_equation(names, derivation.point)}$: "
            f"${cached_latex(derivation.evaluated)} = {_latex(answer)}$."
        )
    value = problem.answer.value
    written = None
    if problem.stem and derivation.inputs is not None and value is not None:  # a part
        written = written_out(value, derivation.inputs)
    if written is not None:
        return f"${written} = {_latex(answer)}$."
    return f"The answer is ${_latex(answer)}$."


def function_name(problem: Problem) -> str:
    """The letter the prompt calls the function by (``L`` in ``L(w)`` or ``\\nabla L``),
    else ``f``, so the worked solution speaks of the same function as the question."""
    variables = ", ".join(v.name for v in problem.variables)
    prompt = problem.stem + problem.spec.prompt
    found = (
        re.search(r"(?<![A-Za-z\\])([A-Za-z])\(" + re.escape(variables) + r"\)", prompt)
        if variables
        else None
    )
    found = found or re.search(r"\\nabla\s*([A-Za-z])(?![A-Za-z])", prompt)
    return found.group(1) if found else "f"


def _partial(problem: Problem, derivation: Derivation) -> str:
    names = [v.name for v in problem.variables]
    name = function_name(problem)
    blocks = []
    for index, stage in enumerate(derivation.stages):
        symbol = _partial_symbol(problem.answer.wrt[: index + 1], name, len(names))
        blocks.append(_stage_text(stage, names, symbol, first=index == 0))
    if derivation.point is not None and derivation.at_point is not None:
        symbol = _partial_symbol(problem.answer.wrt, name, len(names), at=True)
        blocks.append(
            f"At ${_point_equation(names, derivation.point)}$: "
            f"${symbol}{vector_latex(derivation.point)} = "
            f"{number_latex(_as_expr(derivation.at_point))}$."
        )
    return "\n\n".join(blocks)


def _gradient(problem: Problem, derivation: Derivation) -> str:
    names = [v.name for v in problem.variables]
    name = function_name(problem)
    blocks = ["The gradient collects one partial derivative per variable:"]
    blocks.append(
        "\n".join(_component_line(stage, names, name) for stage in derivation.gradient_stages)
    )
    vector = tuple(stage.after for stage in derivation.gradient_stages)
    blocks.append(f"So $\\nabla {name} = {cached_latex(vector)}$.")
    if derivation.point is not None and derivation.at_point is not None:
        at = (
            derivation.at_point
            if isinstance(derivation.at_point, tuple)
            else (derivation.at_point,)
        )
        blocks.append(
            f"At ${_point_equation(names, derivation.point)}$: "
            f"$\\nabla {name}{vector_latex(derivation.point)} = {vector_latex(at)}$."
        )
    return "\n\n".join(blocks)


def _descent(problem: Problem, derivation: Derivation) -> str:
    names = [v.name for v in problem.variables]
    name = function_name(problem)
    if len(names) == 1:
        return _descent_1d(derivation, names[0], name, problem.answer.first_step)
    blocks = []
    if derivation.gradient_stages:
        blocks.append("First the gradient, one partial derivative per variable:")
        blocks.append(
            "\n".join(_component_line(stage, names, name) for stage in derivation.gradient_stages)
        )
        vector = tuple(stage.after for stage in derivation.gradient_stages)
        blocks.append(f"So $\\nabla {name} = {cached_latex(vector)}$.")
    elif derivation.given_gradient is not None and any(
        g.free_symbols for g in derivation.given_gradient
    ):
        blocks.append(
            f"The gradient is $\\nabla {name} = {cached_latex(derivation.given_gradient)}$."
        )
    rate = number_latex(derivation.rate) if derivation.rate is not None else r"\eta"
    iterate = _iterate(names)
    current, following = iterate("t"), iterate("t+1")
    blocks.append(
        f"Each step moves against the gradient: ${following} = {current} - \\eta\\, \\nabla {name}({current})$ "
        f"with $\\eta = {rate}$."
    )
    for index, step in enumerate(derivation.steps, start=problem.answer.first_step):
        blocks.append(
            f"Step {index}: $\\nabla {name}{vector_latex(step.before)} = {vector_latex(step.gradient)}$, "
            f"so ${iterate(str(index))} = {vector_latex(step.before)} - {rate} \\cdot "
            f"{vector_latex(step.gradient)} = {vector_latex(step.after)}$."
        )
    return "\n\n".join(blocks)


def _iterate(names: Sequence[str]) -> Callable[[str], str]:
    """How the t-th point is written: ``w_t``; ``w^{(t)}`` when the coordinates are
    ``w1, w2`` (so ``w_1`` would read as the first weight); ``\\theta_t`` when one
    coordinate is ``w`` itself (``w`` and ``b`` of a model)."""
    if "w" in names:
        return lambda t: f"\\theta_{{{t}}}"
    if any(re.fullmatch(r"w_?\d+", name) for name in names):
        return lambda t: f"w^{{({t})}}"
    return lambda t: f"w_{{{t}}}"


def _descent_1d(derivation: Derivation, variable: str, name: str, first_step: int = 1) -> str:
    """One weight: a derivative ``L'(w)`` and plain numbers, not a 1-vector ``(0.8)``
    and a gradient symbol."""
    blocks = []
    if derivation.gradient_stages:
        stage = derivation.gradient_stages[0]
        blocks.append(
            f"First the derivative: ${name}'({variable}) = {sum_latex(stage.after, stage.after_terms)}$."
        )
    elif derivation.given_gradient is not None and derivation.given_gradient[0].free_symbols:
        blocks.append(
            f"The derivative is ${name}'({variable}) = {cached_latex(derivation.given_gradient[0])}$."
        )
    rate = number_latex(derivation.rate) if derivation.rate is not None else r"\eta"
    blocks.append(
        f"Each step moves against the slope: ${variable}_{{t+1}} = {variable}_t - \\eta\\, "
        f"{name}'({variable}_t)$ with $\\eta = {rate}$."
    )
    for index, step in enumerate(derivation.steps, start=first_step):
        before, slope, after = (
            number_latex(step.before[0]),
            number_latex(step.gradient[0]),
            number_latex(step.after[0]),
        )
        blocks.append(
            f"Step {index}: ${name}'({before}) = {slope}$, so "
            f"${variable}_{{{index}}} = {before} - {rate} \\cdot {_parenthesised(slope)} = {after}$."
        )
    return "\n\n".join(blocks)


def _parenthesised(number: str) -> str:
    return f"({number})" if number.startswith("-") else number


def _stage_text(stage: Stage, names: Sequence[str], symbol: str, *, first: bool) -> str:
    """Paragraph, list of term derivatives, conclusion — blank lines between, so that
    Markdown neither glues the conclusion onto the last list item nor the list onto
    the paragraph."""
    variable = stage.variable.name
    held = [name for name in names if name != variable]
    verb = "Differentiate" if first else "Now differentiate that result"
    intro = f"{verb} with respect to ${variable}$, {_holding(held)}"
    if len(stage.terms) > 1:
        intro += " Term by term:"
    ordinary = len(names) == 1
    terms = "\n".join(
        _term_line(term, derivative, variable, ordinary=ordinary)
        for term, derivative in stage.terms
    )
    conclusion = f"So ${symbol} = {sum_latex(stage.after, stage.after_terms)}$."
    return "\n\n".join(part for part in (intro, terms, conclusion) if part)


def _component_line(stage: Stage, names: Sequence[str], name: str) -> str:
    variable = stage.variable.name
    held = [other for other in names if other != variable]
    constant = f" (holding {_names_text(held)} constant)" if held else ""
    return (
        f"- $\\dfrac{{\\partial {name}}}{{\\partial {variable}}} = "
        f"{sum_latex(stage.after, stage.after_terms)}${constant}"
    )


def _term_line(
    term: sympy.Expr, derivative: sympy.Expr, variable: str, *, ordinary: bool = False
) -> str:
    operator = (
        f"\\dfrac{{d}}{{d{variable}}}"
        if ordinary
        else f"\\dfrac{{\\partial}}{{\\partial {variable}}}"
    )
    left = f"- ${operator}\\left({cached_latex(term)}\\right) = {cached_latex(derivative)}$"
    if not any(symbol.name == variable for symbol in term.free_symbols):
        return f"{left}: no ${variable}$ in it, so it is a constant."
    if _needs_chain_rule(term, variable):
        return f"{left} (chain rule: times the derivative of the inside)."
    return left


def _needs_chain_rule(term: sympy.Expr, variable: str) -> bool:
    """A function or power whose inside is more than the bare variable."""
    for node in sympy.preorder_traversal(term):
        if isinstance(node, sympy.Function | sympy.Pow):
            inside = node.args[0]
            if (
                inside.free_symbols
                and any(s.name == variable for s in inside.free_symbols)
                and not inside.is_Symbol
            ):
                return True
    return False


def _holding(held: Sequence[str]) -> str:
    if not held:
        return "as an ordinary derivative."
    verb = "is" if len(held) == 1 else "are"
    return f"treating {_names_text(held)} as {'a constant' if len(held) == 1 else 'constants'}: {_names_text(held)} {verb} held fixed, not zero."


def _names_text(names: Sequence[str]) -> str:
    shown = [f"${name}$" for name in names]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _partial_symbol(
    wrt: Sequence[sympy.Symbol], name: str = "f", variables: int = 2, *, at: bool = False
) -> str:
    """``\\frac{\\partial f}{\\partial x}``; with a single variable the ordinary
    derivative, ``f'(x)`` (``f'`` before a point, which follows in parentheses)."""
    if variables == 1:
        primes = "'" * len(wrt) if len(wrt) <= 3 else f"^{{({len(wrt)})}}"
        return f"{name}{primes}" if at else f"{name}{primes}({wrt[0].name})"
    if len(wrt) == 1:
        return f"\\frac{{\\partial {name}}}{{\\partial {wrt[0].name}}}"
    order = len(wrt)
    denominator = " ".join(f"\\partial {v.name}" for v in reversed(wrt))
    return f"\\frac{{\\partial^{{{order}}} {name}}}{{{denominator}}}"


def _point_equation(names: Sequence[str], point: Sequence[sympy.Expr]) -> str:
    return ", ".join(
        f"{name} = {number_latex(value)}" for name, value in zip(names, point, strict=True)
    )


def _latex(answer: sympy.Expr | tuple[sympy.Expr, ...]) -> str:
    if isinstance(answer, tuple):
        return (
            vector_latex(answer)
            if not any(a.free_symbols for a in answer)
            else cached_latex(answer)
        )
    return number_latex(answer) if not answer.free_symbols else cached_latex(answer)


def _as_expr(answer: sympy.Expr | tuple[sympy.Expr, ...]) -> sympy.Expr:
    return answer[0] if isinstance(answer, tuple) else answer
