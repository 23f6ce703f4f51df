"""Every mistake is named on every form it takes in the shipped banks, on several seeds.

Each wrong answer here is worked out by hand from the variant's parameters — the way a
learner with that misconception would compute it — never taken from the grader's own
candidate list. A seed where the mistake happens to give the right answer (a coupling
term with coefficient 0) is skipped, but every case must be tried on at least three.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from practice.banks import Catalog, load_catalog
from practice.variants import grade_variant, make_variant
from practice.variants.variant import template_values
from tests.problems.test_shipped_banks import pinned

P = dict[str, Fraction]
SEEDS = range(8)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _n(value: Fraction) -> str:
    return f"({value.numerator}/{value.denominator})"


def _vector(*values: Fraction) -> str:
    return ", ".join(_n(v) for v in values)


def _two_steps(p: P, g: Callable[[Fraction, Fraction], tuple[Fraction, Fraction]]) -> P:
    """Weights after the first step, and where a fresh or a stale gradient takes them."""
    x0, y0, eta = p["x0"], p["y0"], p["eta"]
    gx, gy = g(x0, y0)
    x1, y1 = x0 - eta * gx, y0 - eta * gy
    return {"x1": x1, "y1": y1, "sx": x1 - eta * gx, "sy": y1 - eta * gy}


def _bowl(p: P) -> Callable[[Fraction, Fraction], tuple[Fraction, Fraction]]:
    return lambda x, y: (2 * x, 2 * p["a"] * y)


def _given(p: P) -> Callable[[Fraction, Fraction], tuple[Fraction, Fraction]]:
    return lambda x, y: (p["a2"] * x, p["b2"] * y)


def _renamed(p: P) -> P:
    return {**p, "x0": p["p"], "y0": p["q"]}


CASES: list[tuple[str, str, Callable[[P], str]]] = [
    # a scalar form: the step length without η (‖∇L‖ for η‖∇L‖)
    ("gd-step-length", "missing-learning-rate", lambda p: _n(p["n"])),
    # the squared length for the length
    ("gr-magnitude", "squared-norm", lambda p: _n(p["gx"] ** 2 + p["gy"] ** 2)),
    # the update of w1 written as a formula: ascent, no η, the w1·w2 term dropped
    (
        "gd-update-rule-expression",
        "descent-sign",
        lambda p: f"w1 + {_n(p['eta'])}(2w1 + {_n(p['a'])}w2)",
    ),
    ("gd-update-rule-expression", "missing-learning-rate", lambda p: f"w1 - (2w1 + {p['a']}w2)"),
    ("gd-update-rule-expression", "dropped-coupling-term", lambda p: f"w1 - {_n(p['eta'])}*2w1"),
    # two steps: stopped after one, and the first gradient used again
    (
        "gd-two-steps",
        "one-step-only",
        lambda p: _vector(_two_steps(p, _bowl(p))["x1"], _two_steps(p, _bowl(p))["y1"]),
    ),
    (
        "gd-two-steps",
        "stale-gradient",
        lambda p: _vector(_two_steps(p, _bowl(p))["sx"], _two_steps(p, _bowl(p))["sy"]),
    ),
    (
        "gd-two-steps-given-gradient",
        "stale-gradient",
        lambda p: _vector(
            _two_steps(_renamed(p), _given(p))["sx"], _two_steps(_renamed(p), _given(p))["sy"]
        ),
    ),
    (
        "gd-two-steps-given-gradient",
        "one-step-only",
        lambda p: _vector(
            _two_steps(_renamed(p), _given(p))["x1"], _two_steps(_renamed(p), _given(p))["y1"]
        ),
    ),
    # the loss after an ascent step: a mistake inside an earlier step
    (
        "gd-loss-after-step",
        "descent-sign",
        lambda p: _n((1 + 2 * p["eta"]) ** 2 * (p["p"] ** 2 + p["q"] ** 2)),
    ),
    # one step on a x² + b y² + c x y: the gradient slipped before the step uses it
    (
        "gd-one-step-from-function",
        "dropped-coupling-term",
        lambda p: _vector(
            p["x0"] - p["eta"] * 2 * p["a"] * p["x0"], p["y0"] - p["eta"] * 2 * p["b"] * p["y0"]
        ),
    ),
    (
        "gd-one-step-from-function",
        "power-rule-factor",
        lambda p: _vector(
            p["x0"] - p["eta"] * (p["a"] * p["x0"] + p["c"] * p["y0"]),
            p["y0"] - p["eta"] * (p["b"] * p["y0"] + p["c"] * p["x0"]),
        ),
    ),
    # three steps on (w - c)²: the power rule's 2 lost in the gradient of every step
    (
        "gd-several-steps-1d",
        "power-rule-factor",
        lambda p: _n(p["c"] + (p["w0"] - p["c"]) * (1 - p["eta"]) ** 3),
    ),
    (
        "gd-several-steps-1d",
        "one-step-only",
        lambda p: _n(p["w0"] - p["eta"] * 2 * (p["w0"] - p["c"])),
    ),
    # a number written with η: three steps of w - η·2w without η, and as ascent
    ("gd-tiny-learning-rate", "missing-learning-rate", lambda p: _n(-p["w0"])),
    ("gd-tiny-learning-rate", "descent-sign", lambda p: _n(p["w0"] * (1 + 2 * p["eta"]) ** 3)),
]


@pytest.mark.parametrize(("problem_id", "tag", "wrong"), CASES)
def test_the_mistake_is_named_on_several_seeds(
    catalog: Catalog, problem_id: str, tag: str, wrong: Callable[[P], str]
) -> None:
    problem = catalog.problems[problem_id]
    tried = 0
    for seed in SEEDS:
        params = {
            name: Fraction(text)
            for name, text in template_values(problem, seed).items()
            if _is_number(text)
        }
        variant = make_variant(problem, seed)
        answer = wrong(params)
        result = grade_variant(variant, answer)
        if result.correct:
            continue  # the mistake changes nothing in this variant
        tried += 1
        assert result.mistake == tag, (seed, answer, variant.answer, result)
        assert result.counts
    assert tried >= 3, f"only {tried} seeds where the mistake shows"


def _is_number(text: str) -> bool:
    try:
        Fraction(text)
    except ValueError:
        return False
    return True


def test_a_chain_factor_that_is_one_is_no_mistake(tmp_path: Path) -> None:
    """L = (2w - 0)² reads 4w²: `4w` drops the power rule's 2, there is no chain to miss."""
    variant = pinned(tmp_path, "ml-squared-error-partial", xi="2", yi="0")
    assert "4 w^{2}" in variant.prompt
    assert grade_variant(variant, "4w").mistake == "power-rule-factor"
    chained = pinned(tmp_path, "ml-squared-error-partial", xi="2", yi="3")
    assert grade_variant(chained, "2(2w - 3)").mistake == "missing-chain-factor"


@pytest.mark.parametrize(
    ("problem_id", "params", "wrong"),
    [
        # a buggy plus update asked for: the correct descent is not "descent-sign"
        ("gd-plus-sign-bug", {"w0": "2", "eta": "0.25"}, "1"),
        # merely wrong answers
        ("gd-step-length", {"k": "4", "eta": "0.5"}, "7"),
        ("gd-two-steps", {"a": "1", "x0": "2", "y0": "3", "eta": "0.25"}, "1, 1"),
        ("gr-magnitude", {"x0": "1", "y0": "2"}, "5"),
    ],
)
def test_a_merely_wrong_answer_names_no_mistake(
    tmp_path: Path, problem_id: str, params: dict[str, str], wrong: str
) -> None:
    result = grade_variant(pinned(tmp_path, problem_id, **params), wrong)
    assert not result.correct and result.mistake is None, result
