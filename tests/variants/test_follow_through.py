"""Follow-through: a later part graded on the learner's own earlier answers.

The five cases of the issue — right; wrong then consistent; wrong then inconsistent;
a degenerate earlier answer; an unreadable earlier answer — on the lessons' chain of
``chain_bank``, plus the bank's credit, ``with_given`` and a hostile earlier answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from practice.banks import load_catalog
from practice.variants import Variant, make_variant
from practice.variants.check import check_problem
from practice.variants.follow_through import PartsGrade, grade_parts
from practice.variants.parts import read_value, with_given
from practice.vocabulary import Mistake
from tests.banks.bank_helpers import Load
from tests.variants.chain_bank import CARRIED, CHAIN, LOSS, RIGHT


@pytest.fixture
def chain(write_bank: Callable[..., Path], load: Load) -> Variant:
    write_bank(CHAIN + LOSS)
    catalog = load()
    assert catalog.issues == [], [str(issue) for issue in catalog.issues]
    return make_variant(catalog.problems["chain-two-steps"], 0)


@pytest.fixture
def loss(write_bank: Callable[..., Path], load: Load) -> Variant:
    write_bank(CHAIN + LOSS)
    return make_variant(load().problems["chain-loss"], 0)


def verdicts(grade: PartsGrade) -> list[tuple[bool, bool, str | None]]:
    return [(p.correct, p.follow_through, p.result.mistake) for p in grade.parts]


def test_the_chain_is_derived_part_by_part(chain: Variant) -> None:
    assert [part.variant.answer for part in chain.parts] == [
        "3*y + 4*x",
        "2*y + 3*x",
        "(-2, -2)",
        "(-1.8, 2.2)",
        "(-1.74, 2.3)",
    ]
    assert [part.depends_on for part in chain.parts] == [(), (), (1, 2), (3,), (1, 2, 4)]
    assert chain.parts[0].variant.variables == ("x", "y")
    assert chain.parts[2].variant.variables == ()
    assert "Step 2" in chain.parts[4].variant.solution  # the second step counts on


def test_all_right(chain: Variant) -> None:
    grade = grade_parts(chain, RIGHT)
    assert verdicts(grade) == [(True, False, None)] * 5
    assert grade.score == 1.0 and grade.correct


def test_wrong_then_consistent_costs_only_the_first_part(chain: Variant) -> None:
    grade = grade_parts(chain, CARRIED)
    assert verdicts(grade) == [
        (False, False, Mistake.HELD_VARIABLE_ZERO),  # named once, where it was made
        (True, False, None),
        (True, True, None),
        (True, True, None),
        (True, True, None),
    ]
    assert grade.score == pytest.approx(0.8)
    assert not grade.correct
    assert "given your answer to part 1" in grade.parts[2].result.feedback
    assert grade.parts[2].given == ((1, "4x"),)
    assert grade.parts[4].given == ((1, "4x"), (4, "(-1.2, 2.2)"))


def test_wrong_then_inconsistent_names_the_mistake_made_later(chain: Variant) -> None:
    # The carried gradient (-8, -2), then a step *up* it: the slip of part 4 is its own.
    answers = [*CARRIED[:3], "(-2.8, 1.8)", "(-0.72, 2.12)"]
    grade = grade_parts(chain, answers)
    assert verdicts(grade)[3] == (False, False, Mistake.DESCENT_SIGN)
    assert verdicts(grade)[4] == (False, False, None)  # not what part 4's numbers give
    assert grade.score == pytest.approx(0.4)


def test_a_later_part_right_against_the_reference_stays_right(chain: Variant) -> None:
    grade = grade_parts(chain, ["4x", *RIGHT[1:]])
    assert verdicts(grade)[2:] == [(True, False, None)] * 3


def test_an_earlier_answer_of_zero_gives_no_follow_through(chain: Variant) -> None:
    # A zero gradient makes "one step" a copy of the start: not credited.
    grade = grade_parts(chain, [*RIGHT[:2], "(0, 0)", "(-2, 2)"])
    part = grade.parts[3]
    assert (part.correct, part.follow_through) == (False, False)
    assert "part 3 is zero" in part.result.feedback


def test_a_re_derived_answer_of_zero_gives_no_follow_through(chain: Variant) -> None:
    # Partials that both vanish at w0 make the gradient there (0, 0) "given" them.
    grade = grade_parts(chain, ["y - 2", "x + 2", "(0, 0)"])
    part = grade.parts[2]
    assert (part.correct, part.follow_through) == (False, False)
    assert "come out as zero" in part.result.feedback


def test_an_unreadable_earlier_answer_gives_no_follow_through(chain: Variant) -> None:
    grade = grade_parts(chain, ["4x +", *CARRIED[1:]])
    assert grade.parts[0].result.error is not None
    part = grade.parts[2]
    assert (part.correct, part.follow_through) == (False, False)
    assert "part 1 could not be read" in part.result.feedback
    # Later parts computed from readable (if wrong) answers still follow through.
    assert verdicts(grade)[3] == (True, True, None)


def test_the_bank_sets_the_credit_of_a_followed_part(loss: Variant) -> None:
    right = grade_parts(loss, ["(-4, -4)", "(2, -1)", "1"])
    assert right.correct and right.score == 1.0
    # ∇L with the factor 2 of (w1 - 3)² dropped: (-2, -4); then consistently on.
    carried = grade_parts(loss, ["(-2, -4)", "(1.5, -1)", "2.25"])
    assert verdicts(carried)[1:] == [(True, True, None), (True, True, None)]
    assert [part.score for part in carried.parts] == [0.5, 0.5, 1.0]
    assert "50% of its credit" in carried.parts[1].result.feedback


def test_given_answers_re_derive_every_later_part(chain: Variant) -> None:
    given = with_given(chain, {1: read_value(chain.parts[0].variant, "4x")})
    assert [part.variant.answer for part in given.parts] == [
        "3*y + 4*x",  # the given part itself keeps its reference
        "2*y + 3*x",
        "(-8, -2)",
        "(-1.2, 2.2)",
        "(-0.72, 2.12)",
    ]
    assert given.answer == "(-0.72, 2.12)"


def test_only_the_answered_parts_are_graded(chain: Variant) -> None:
    grade = grade_parts(chain, RIGHT[:2])
    assert len(grade.parts) == 2 and grade.score == pytest.approx(0.4)
    assert not grade.correct  # three parts are still to answer
    with pytest.raises(ValueError, match="6 answers for 5 parts"):
        grade_parts(chain, [*RIGHT, "1"])


@pytest.mark.parametrize(
    "hostile",
    ["exp(exp(exp(exp(x))))", "x^999 y^999", "(x+y)^200", "sin(1/(x - x))"],
)
def test_a_hostile_earlier_answer_ends_in_a_verdict(chain: Variant, hostile: str) -> None:
    grade = grade_parts(chain, [hostile, "3x + 2y", "(1, 2)", "(1, 2)", "(1, 2)"])
    assert len(grade.parts) == 5
    assert not any(part.correct for part in grade.parts[2:])


def test_the_authoring_guide_chain_works_as_it_says(tmp_path: Path) -> None:
    guide = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    start = guide.index("```yaml", guide.index("## Problems in parts")) + len("```yaml")
    (tmp_path / "guide.yaml").write_text(
        "topic: guide\ntitle: Guide\nproblems:\n" + guide[start : guide.index("```", start)],
        encoding="utf-8",
    )
    catalog = load_catalog([tmp_path])
    assert catalog.issues == []
    problem = catalog.problems["chain-gd-two-steps"]
    assert check_problem(problem, 5) == []
    variant = make_variant(problem, 2)  # the seed of the guide's `check` line
    assert [part.variant.answer for part in variant.parts] == [
        "3*y + 4*x",
        "2*y + 3*x",
        "(-2, -2)",
        "(-1.8, 2.2)",
        "(-1.74, 2.3)",
    ]
    grade = grade_parts(variant, CARRIED)
    assert verdicts(grade)[2:] == [(True, True, None)] * 3
    assert [part.score for part in grade.parts] == [0.0, 1.0, 1.0, 0.5, 1.0]
