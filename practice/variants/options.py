"""Which options of a choice problem a variant shows, in which order, under which letters.

A choice problem whose options always come in the same order is learnt by its letter:
in review, "B" is what is recalled. So every variant shuffles its options (and, when the
bank gives a larger pool than ``show``, draws which wrong ones appear), and letters them
A, B, C in the order shown; the key follows its option. Options that carry their own
``label`` (T / F) keep it and their written order, since the label is part of the text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from practice.banks.problem import Problem
from practice.variants.sampling import rng_for


@dataclass(frozen=True)
class ShownOption:
    """One option as a variant shows it: its letter there, and where it is in the bank."""

    label: str
    index: int  # position in the problem's `choices`
    correct: bool


def shown_options(problem: Problem, seed: int) -> tuple[ShownOption, ...]:
    """The options of ``problem``'s variant for ``seed``, in the order shown."""
    spec = problem.spec
    correct = {label.upper() for label in spec.correct_labels()}
    is_correct = [label.upper() in correct for label in problem.choice_labels]
    rng = rng_for(problem.id, seed, "options")
    chosen = _pool_sample(is_correct, spec.show or len(is_correct), rng)
    own_labels = any(choice.label for choice in spec.choices)
    if own_labels or not spec.shuffle:
        order = sorted(chosen)
    else:
        order = rng.sample(chosen, len(chosen))
    return tuple(
        ShownOption(
            problem.choice_labels[index] if own_labels else _letter(position),
            index,
            is_correct[index],
        )
        for position, index in enumerate(order)
    )


def _pool_sample(is_correct: list[bool], show: int, rng: random.Random) -> list[int]:
    """``show`` options of the pool. One right answer is always shown; with several
    right answers (select all that apply) at least one right and one wrong are shown,
    and the key is whichever right ones were drawn."""
    indices = list(range(len(is_correct)))
    if show >= len(indices):
        return indices
    right = [i for i in indices if is_correct[i]]
    wrong = [i for i in indices if not is_correct[i]]
    if len(right) == 1:
        return right + rng.sample(wrong, show - 1)
    first = [rng.choice(right)] + ([rng.choice(wrong)] if wrong else [])
    rest = [i for i in indices if i not in first]
    return first + rng.sample(rest, show - len(first))


def _letter(position: int) -> str:
    return chr(ord("A") + position)
