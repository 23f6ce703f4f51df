"""Reading a code problem's tests: every expression in them, with the right names.

Functions of the variables (``function``, ``gradient``, an expectation's ``of`` and a
given gradient) are read with the variables and parameters declared; points, rates and
values with the parameters only. ``f`` is the problem's own function. The result is a
``CodePlan``: the spec, and each expression read, by where it stands in the spec.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sympy
from pydantic import BaseModel

from practice.banks.code_spec import THE_FUNCTION, CodeAnswer
from practice.banks.problem import CodePlan, KeyPath

Read = Callable[[KeyPath, str, Sequence[str]], sympy.Expr]
# Fields whose expressions are functions of the variables; the rest are numbers.
OF_VARIABLES = frozenset({"function", "gradient", "field", "of", "given"})
NOT_EXPRESSIONS = frozenset({"name", "code", "exact", "steps", "rtol", "atol"})
ROOT: KeyPath = ("answer", "code")


def compile_code(
    code: CodeAnswer,
    read: Read,
    *,
    function: sympy.Expr | None,
    variables: Sequence[str],
    parameters: Sequence[str],
) -> CodePlan:
    with_variables = tuple(variables) + tuple(parameters)
    expressions: dict[KeyPath, sympy.Expr] = {}
    for case in ("tests", "checks"):
        for index, test in enumerate(getattr(code, case)):
            for path, field, text in _expression_fields(test, (case, index)):
                if field in OF_VARIABLES and text.strip() == THE_FUNCTION:
                    assert function is not None  # the schema requires it
                    expressions[path] = function
                    continue
                names = with_variables if field in OF_VARIABLES else tuple(parameters)
                expressions[path] = read((*ROOT, *path), text, names)
    return CodePlan(code, expressions)


def _expression_fields(
    node: Any, path: KeyPath, field: str = ""
) -> Iterator[tuple[KeyPath, str, str]]:
    """(path, the field it belongs to, text) for every expression under ``node``."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name not in NOT_EXPRESSIONS:
                yield from _expression_fields(getattr(node, name), (*path, name), name)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _expression_fields(item, (*path, index), field)
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _expression_fields(item, (*path, key), field)
    elif isinstance(node, str):
        yield path, field, node
