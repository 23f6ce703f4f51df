"""The shipped problems in parts (problems/chains.yaml): enough of them, across levels,
and in every one a slip costs only the part it is in.

The follow-through check is generic: for each named part of each chain, a learner who
gets that part wrong (its reference plus one) and then works every later part correctly
from it — what ``with_given`` derives — must be marked wrong at that part only, right
with ``follow_through`` at every part computed from it, and plainly right elsewhere."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import sympy

from practice.banks import Catalog, Problem, load_catalog
from practice.variants import Variant, make_variant
from practice.variants.follow_through import grade_parts
from practice.variants.parts import read_value, with_given
from practice.vocabulary import Kind

BANKS = Path(__file__).resolve().parents[2] / "problems"
SEEDS = (0, 1)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([BANKS])


def chains(catalog: Catalog) -> list[Problem]:
    return [problem for problem in catalog.problems.values() if problem.parts]


def test_enough_chains_across_levels(catalog: Catalog) -> None:
    found = chains(catalog)
    assert len(found) >= 12
    assert Counter(problem.level for problem in found).keys() == {"A", "B", "C", "D"}
    ids = {problem.id for problem in found}
    # The chains the lessons work through, each at least once.
    assert {
        "chain-gd-two-steps",  # partials -> gradient -> at a point -> one step -> second step
        "chain-loss-update-new-loss",  # a loss over two weights -> gradient -> update -> new loss
        "chain-numerical-vs-analytic",  # numerical vs analytic gradient at a point
        "chain-momentum-1d",  # momentum over two steps
        "chain-momentum-2d",
    } <= ids


def test_every_chain_is_right_when_every_part_is(catalog: Catalog) -> None:
    for problem in chains(catalog):
        for seed in SEEDS:
            variant = make_variant(problem, seed)
            grade = grade_parts(variant, [part.variant.answer for part in variant.parts])
            assert grade.correct and grade.score == 1.0, (problem.id, seed)


def downstream(variant: Variant, number: int) -> set[int]:
    """Parts computed, directly or not, from part ``number``."""
    found = {number}
    for part in variant.parts:
        if set(part.depends_on) & found:
            found.add(part.number)
    return found - {number}


def slipped(variant: Variant, number: int) -> str:
    """Part ``number``'s reference plus one, as a learner would type it."""
    part = variant.parts[number - 1].variant
    value = read_value(part, part.answer)
    if isinstance(value, tuple):
        return "(" + ", ".join(f"({sympy.sstr(c)}) + 1" for c in value) + ")"
    return f"({sympy.sstr(value)}) + 1"


def test_a_slip_costs_only_its_own_part(catalog: Catalog) -> None:
    checked = 0
    for problem in chains(catalog):
        for seed in SEEDS:
            variant = make_variant(problem, seed)
            for part in variant.parts:
                later = downstream(variant, part.number)
                if not later or part.variant.kind == Kind.CHOICE:
                    continue
                wrong = slipped(variant, part.number)
                carried = with_given(variant, {part.number: read_value(part.variant, wrong)})
                answers = [p.variant.answer for p in carried.parts]
                answers[part.number - 1] = wrong
                grade = grade_parts(variant, answers)
                where = (problem.id, seed, part.number, wrong)
                for verdict in grade.parts:
                    if verdict.number == part.number:
                        assert not verdict.correct, where
                    elif verdict.number not in later:
                        assert verdict.correct and not verdict.follow_through, where
                    elif verdict.follow_through:
                        assert verdict.correct and verdict.result.mistake is None, where
                    else:
                        # The slip left this part as it was (right against the reference
                        # itself), or made it degenerate (all zeros): then it is graded
                        # against the reference instead, and the feedback says so.
                        feedback = verdict.result.feedback
                        assert verdict.correct or "against the reference" in feedback, where
                followed = [v for v in grade.parts if v.number in later and v.follow_through]
                checked += len(followed)
    assert checked >= 60
