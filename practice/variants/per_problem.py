"""Symbolic work done once per problem and shared by all its variants.

Differentiating ``f`` with its parameters still symbols, ordering its terms, generating
its typical wrong answers: a variant only substitutes numbers into the results. They
are kept here, beside the problem rather than on it (a ``Problem`` is frozen bank data),
and dropped with it when the banks are reloaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

from practice.banks.problem import Problem

T = TypeVar("T")


class once_per_problem(Generic[T]):  # noqa: N801 — used as a decorator, like functools.cache
    """``make(problem)`` computed on first use and remembered for that problem object.

    Two threads asking at once may both compute it; the work is deterministic, so either
    result is the same.
    """

    def __init__(self, make: Callable[[Problem], T]) -> None:
        self._make = make
        self._done: WeakKeyDictionary[Problem, T] = WeakKeyDictionary()
        self.__doc__ = make.__doc__

    def __call__(self, problem: Problem) -> T:
        try:
            return self._done[problem]
        except KeyError:
            value = self._done[problem] = self._make(problem)
            return value
