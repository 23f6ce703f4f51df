"""The shipped banks in ``problems/``: they load cleanly, cover what the course needs,
and reproduce the lessons' worked numbers.

The worked-number checks pin a shipped problem's parameters to the values a lesson
uses (the problem is copied, unchanged except for its ``params``, into a temporary
bank) so the very prompt, answer derivation and grading the app uses are checked
against numbers computed independently of the app.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from practice.banks import Catalog, load_catalog
from practice.variants import Variant, grade_variant, make_variant
from practice.vocabulary import Kind
from tests.conftest import CliRun

ROOT = Path(__file__).resolve().parents[2]
BANKS = ROOT / "problems"
GRADED_KINDS = (Kind.EXPRESSION, Kind.NUMBER, Kind.VECTOR, Kind.CHOICE)
TOPICS = {
    "partial-derivatives",
    "gradient",
    "gradient-geometry",
    "gradient-descent",
    "ml-gradients",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([BANKS])


def test_shipped_banks_load_without_a_single_issue(catalog: Catalog) -> None:
    assert [str(issue) for issue in catalog.issues] == []
    assert {bank.topic for bank in catalog.banks} >= TOPICS


def test_validate_command_accepts_the_shipped_banks(cli: Callable[..., CliRun]) -> None:
    result = cli("validate", str(BANKS), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_enough_problems_of_every_kind_and_level(catalog: Catalog) -> None:
    problems = list(catalog.problems.values())
    kinds = Counter(problem.kind for problem in problems)
    levels = Counter(problem.level for problem in problems)
    assert len(problems) >= 60
    for kind in GRADED_KINDS:
        assert kinds[kind] >= 10, f"only {kinds[kind]} {kind} problems"
    assert kinds[Kind.SELF_CHECK] >= 5
    assert set(levels) == {"A", "B", "C", "D"}
    assert min(levels.values()) >= 5


def test_every_problem_has_hints_a_solution_and_no_unfilled_placeholder(catalog: Catalog) -> None:
    for problem in catalog.problems.values():
        for seed in (0, 1):
            whole = make_variant(problem, seed)
            for variant in [part.variant for part in whole.parts] or [whole]:
                assert variant.hints and all(hint.strip() for hint in variant.hints), problem.id
                assert variant.solution.strip(), problem.id
                texts = [whole.prompt, variant.prompt, variant.solution, *variant.hints]
                texts += [text for _, text in variant.choices]
                assert not any("{{" in text for text in texts), problem.id


def test_every_wrong_choice_explains_its_misconception(catalog: Catalog) -> None:
    correct_labels: Counter[str] = Counter()
    for problem in catalog.problems.values():
        if problem.kind != "choice":
            continue
        assert all(choice.feedback for choice in problem.spec.choices), problem.id
        correct_labels.update(problem.spec.correct_labels())
    # The right answer must not always sit in the same place.
    assert len(correct_labels) >= 4


def test_the_issue_topics_are_all_covered(catalog: Catalog) -> None:
    tags = Counter(tag for problem in catalog.problems.values() for tag in problem.tags)
    required = [
        "product",
        "power-rule",
        "held-variable",
        "chain-rule",
        "three-variables",
        "linear-function",
        "evaluate-at-point",
        "several-steps",
        "learning-rate",
        "steepest-ascent",
        "contours",
        "sign",
        "shape",
        "saddle-point",
        "vanishing-gradient",
        "numerical-gradient",
        "cost",
        "research-thinking",
    ]
    assert [tag for tag in required if tags[tag] == 0] == []


def test_variants_render_byte_identically_for_the_same_seed(catalog: Catalog) -> None:
    for problem in catalog.problems.values():
        assert make_variant(problem, 7) == make_variant(problem, 7), problem.id


# ---- the lessons' worked numbers, through pinned copies of shipped problems ----------


def _shipped_spec(problem_id: str) -> dict[str, Any]:
    for path in sorted(BANKS.glob("*.yaml")):
        bank = yaml.safe_load(path.read_text(encoding="utf-8"))
        for spec in bank["problems"]:
            if spec["id"] == problem_id:
                return dict(spec)
    raise LookupError(problem_id)


def pinned(tmp_path: Path, problem_id: str, **values: str) -> Variant:
    """The shipped problem with every parameter fixed to the given value."""
    spec = _shipped_spec(problem_id)
    assert set(values) == set(spec.get("params", {})), "pin every parameter"
    spec["params"] = {name: {"choice": [value]} for name, value in values.items()}
    path = tmp_path / f"{problem_id}.yaml"
    bank = {"topic": "pinned", "title": "Pinned copy", "problems": [spec]}
    path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pinned_catalog = load_catalog([path])
    assert [str(issue) for issue in pinned_catalog.issues] == []
    return make_variant(pinned_catalog.problems[problem_id], 0)


def accepts(variant: Variant, answer: str) -> bool:
    return grade_variant(variant, answer).correct


def test_gradient_of_xy_plus_sin_x_at_2_3(tmp_path: Path) -> None:
    variant = pinned(tmp_path, "gr-xy-plus-sin-at-point", x0="2", y0="3")
    assert "(2, 3)" in variant.prompt
    assert accepts(variant, "2.5839, 2")
    assert accepts(variant, "(3 + cos(2), 2)")
    assert not accepts(variant, "2, 2.5839")


def test_partial_of_xy_plus_sin_x_at_2_3(tmp_path: Path) -> None:
    variant = pinned(tmp_path, "pd-xy-plus-sin-at-point", x0="2", y0="3")
    assert accepts(variant, "2.5839")
    assert not accepts(variant, "2")


def test_gradient_of_the_bowl(tmp_path: Path) -> None:
    assert accepts(pinned(tmp_path, "gr-bowl-at-point", x0="1", y0="2"), "2, 4")
    assert accepts(pinned(tmp_path, "gr-bowl-at-point", x0="-1", y0="1"), "(-2, 2)")
    assert accepts(pinned(tmp_path, "pd-bowl-partial-at-point", x0="1", y0="2"), "4")


def test_gradient_of_x2_plus_sin_yz(tmp_path: Path) -> None:
    # <2x, z cos(yz), y cos(yz)>
    variant = pinned(tmp_path, "gr-x2-sin-yz-at-point", x0="1", y0="1", z0="2")
    assert accepts(variant, "2, 2cos(2), cos(2)")
    variant = pinned(tmp_path, "gr-x2-sin-yz-at-point", x0="2", y0="1", z0="-1")
    assert accepts(variant, "4, -0.5403, 0.5403")


def test_held_variable_is_a_constant_not_zero(tmp_path: Path) -> None:
    # f = x^2 y + y^3: df/dx = 2xy = 12 at (2, 3)
    variant = pinned(tmp_path, "pd-held-variable-constant", a="1", b="1", x0="2", y0="3")
    assert accepts(variant, "12")
    result = grade_variant(variant, "0")
    assert not result.correct and result.mistake == "held-variable-zero"


@pytest.mark.parametrize(
    ("w", "g", "eta", "expected"),
    [
        (("3", "-1"), ("4", "-2"), "0.1", "2.6, -0.8"),
        (("2", "-3"), ("6", "-4"), "0.05", "1.7, -2.8"),
    ],
)
def test_one_descent_step_from_given_weights_and_gradient(
    tmp_path: Path, w: tuple[str, str], g: tuple[str, str], eta: str, expected: str
) -> None:
    variant = pinned(tmp_path, "gd-step-given-gradient", a=w[0], b=w[1], g1=g[0], g2=g[1], eta=eta)
    assert accepts(variant, expected)
    ascent = ", ".join(
        str(round(float(wi) + float(eta) * float(gi), 6)) for wi, gi in zip(w, g, strict=True)
    )
    result = grade_variant(variant, ascent)
    assert not result.correct and result.mistake == "descent-sign"


def test_descent_steps_on_functions(tmp_path: Path) -> None:
    # bowl x^2 + y^2: one step multiplies the point by 1 - 2*eta
    assert accepts(pinned(tmp_path, "gd-one-step-bowl", x0="3", y0="4", eta="0.1"), "2.4, 3.2")
    # w^2 with eta = 1.5: factor -2 per step, three steps from 1
    assert accepts(pinned(tmp_path, "gd-divergence-1d", w0="1", eta="1.5"), "-8")
    # (w - 1)^2 from 0 with eta = 0.25: the gap halves each step, 3 steps
    assert accepts(pinned(tmp_path, "gd-several-steps-1d", c="1", w0="0", eta="0.25"), "0.875")
    # given gradient (2x, 6y) from (1, 1) with eta = 0.1: factors 0.8 and 0.4, two steps
    given = pinned(tmp_path, "gd-two-steps-given-gradient", a="1", b="3", p="1", q="1", eta="0.1")
    assert accepts(given, "0.64, 0.16")


def test_step_length_and_central_difference(tmp_path: Path) -> None:
    # the lesson's eta = 0.01 against a gradient of length 5 (k = 1): a step of 0.05
    assert accepts(pinned(tmp_path, "gd-step-length", k="1", eta="0.01"), "0.05")
    # ((2.1)^3 - (1.9)^3) / 0.2 = 3*4 + 0.01
    assert accepts(pinned(tmp_path, "ml-central-difference-value", a="2", h="0.1"), "12.01")


@pytest.mark.parametrize(
    ("problem_id", "params", "wrong", "tag"),
    [
        ("pd-chain-sin-yz", {"a": "1", "b": "1", "k": "1"}, "cos(y z)", "missing-chain-factor"),
        ("gr-xy-plus-sin-at-point", {"x0": "2", "y0": "3"}, "2, 3 + cos(2)", "swapped-components"),
        (
            "gd-step-given-gradient",
            {"a": "3", "b": "-1", "g1": "4", "g2": "-2", "eta": "0.1"},
            "-1, 1",
            "missing-learning-rate",
        ),
    ],
)
def test_the_lessons_typical_mistakes_are_named(
    tmp_path: Path, problem_id: str, params: dict[str, str], wrong: str, tag: str
) -> None:
    result = grade_variant(pinned(tmp_path, problem_id, **params), wrong)
    assert not result.correct
    assert result.mistake == tag
