"""Every problem varies: options shuffled per seed with the key following, pools of options
and of stems, options with parameters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from practice.variants import grade_variant, make_variant
from practice.variants.variety import fingerprint, visible_length
from tests.banks.bank_helpers import Load, one_problem

FOUR_OPTIONS = """
- id: c
  level: B
  kind: choice
  prompt: Which way does the gradient point?
  choices:
    - {text: Uphill, feedback: 'Yes.'}
    - {text: Downhill, feedback: 'That is minus the gradient.'}
    - {text: Along the contour}
    - {text: Towards the minimum}
  answer: {choice: A}
  hints: [Ascent.]
"""


def _key_texts(variant_choices: tuple[tuple[str, str], ...], answer: str) -> set[str]:
    keys = {label.upper() for label in answer.split(",")}
    return {text for label, text in variant_choices if label.upper() in keys}


def test_options_are_shuffled_per_seed_and_the_key_follows(
    write_bank: Callable[..., Path], load: Load
) -> None:
    problem = one_problem(write_bank, load, FOUR_OPTIONS)
    variants = [make_variant(problem, seed) for seed in range(24)]
    orders = {tuple(text for _label, text in v.choices) for v in variants}
    assert len(orders) >= 6  # 24 orders exist; 24 seeds show many of them
    assert Counter(v.answer for v in variants).keys() >= {"A", "B", "C", "D"}
    for variant in variants:
        assert [label for label, _text in variant.choices] == ["A", "B", "C", "D"]
        assert _key_texts(variant.choices, variant.answer) == {"Uphill"}
        assert grade_variant(variant, variant.answer).correct
        wrong = next(label for label, text in variant.choices if text == "Downhill")
        result = grade_variant(variant, wrong)
        assert not result.correct and "minus the gradient" in result.feedback
        assert f"**{variant.answer}.** Uphill" in variant.solution
    assert make_variant(problem, 5) == make_variant(problem, 5)  # still deterministic


def test_a_pool_of_options_shows_the_key_and_some_of_the_rest(
    write_bank: Callable[..., Path], load: Load
) -> None:
    problem = one_problem(
        write_bank,
        load,
        FOUR_OPTIONS.replace("  answer: {choice: A}", "  answer: {choice: A}\n  show: 3"),
    )
    shown: Counter[str] = Counter()
    for seed in range(40):
        variant = make_variant(problem, seed)
        texts = [text for _label, text in variant.choices]
        assert len(texts) == 3 and "Uphill" in texts
        assert _key_texts(variant.choices, variant.answer) == {"Uphill"}
        shown.update(texts)
    assert shown["Uphill"] == 40
    assert all(shown[text] > 5 for text in ("Downhill", "Along the contour", "Towards the minimum"))


def test_select_all_from_a_pool_keys_whichever_right_options_were_drawn(
    write_bank: Callable[..., Path], load: Load
) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: s
          level: B
          kind: choice
          prompt: Select every true statement.
          choices:
            - {text: t1}
            - {text: f1}
            - {text: t2}
            - {text: f2}
            - {text: t3}
            - {text: f3}
          answer: {choice: [A, C, E]}
          show: 3
          hints: [h]
        """,
    )
    keys = set()
    for seed in range(40):
        variant = make_variant(problem, seed)
        right = _key_texts(variant.choices, variant.answer)
        texts = {text for _label, text in variant.choices}
        assert right == {t for t in texts if t.startswith("t")}
        assert right and right != texts  # at least one right and one wrong shown
        assert grade_variant(variant, variant.answer).correct
        keys.add(variant.answer)
    assert len(keys) > 3


def test_options_with_their_own_labels_keep_them_and_their_order(
    write_bank: Callable[..., Path], load: Load
) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: tf
          level: B
          kind: choice
          prompt: True or false?
          choices:
            - {label: T, text: 'True'}
            - {label: F, text: 'False'}
          answer: {choice: F}
          hints: [h]
          fixed: true
        """,
    )
    for seed in range(5):
        variant = make_variant(problem, seed)
        assert variant.choices == (("T", "True"), ("F", "False")) and variant.answer == "F"


def test_stems_are_other_versions_with_their_own_answers(
    write_bank: Callable[..., Path], load: Load
) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: angle
          level: B
          kind: number
          prompt: Angle between the gradient and the contour?
          answer: {value: 90}
          hints: [Perpendicular.]
          stems:
            - prompt: Angle between the gradient and steepest descent?
              answer: {value: 180}
              hints: [Opposite.]
            - prompt: Angle between the gradient and steepest ascent, plus {{k}}?
              answer: {value: k}
          params:
            k: {int: [1, 9]}
        """,
    )
    seen = {}
    for seed in range(30):
        variant = make_variant(problem, seed)
        assert grade_variant(variant, variant.answer).correct
        seen[variant.prompt.split(",")[0].split("?")[0]] = (variant.answer, variant.hints)
    assert seen["Angle between the gradient and the contour"] == ("90", ("Perpendicular.",))
    assert seen["Angle between the gradient and steepest descent"] == ("180", ("Opposite.",))
    assert seen["Angle between the gradient and steepest ascent"][1] == ("Perpendicular.",)
    assert problem.id == "angle" and all(stem.id == "angle" for stem in problem.stems)


def test_options_may_hold_parameters(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: step
          level: A
          kind: choice
          params: {w: {int: [2, 6]}, g: {int: [2, 4]}}
          derived: {right: w - g/2, ascent: w + g/2, no_rate: w - g}
          prompt: 'w = {{w}}, gradient {{g}}, rate 0.5: the new w?'
          choices:
            - {text: '${{right}}$'}
            - {text: '${{ascent}}$'}
            - {text: '${{no_rate}}$'}
          answer: {choice: A}
          hints: [Subtract.]
        """,
    )
    for seed in range(10):
        variant = make_variant(problem, seed)
        w, g = (int(part) for part in variant.prompt.replace(",", "").split()[2:5:2])
        assert _key_texts(variant.choices, variant.answer) == {f"${w - g / 2:g}$"}


def test_fingerprints_tell_variants_apart_by_what_a_learner_sees(
    write_bank: Callable[..., Path], load: Load
) -> None:
    problem = one_problem(write_bank, load, FOUR_OPTIONS)
    a, b = make_variant(problem, 0), make_variant(problem, 1)
    assert fingerprint(a) == fingerprint(make_variant(problem, 0))
    assert (fingerprint(a) == fingerprint(b)) == (a.choices == b.choices)


def test_visible_length_counts_symbols_not_latex_commands() -> None:
    assert visible_length(r"$\lVert\nabla f\rVert$") == len("‖∇ f‖")
    assert visible_length("**Right** answer") == len("Right answer")
