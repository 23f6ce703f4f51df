"""Next variant never repeats one of the learner's last few variants when the problem
has others; with none left, the one seen longest ago comes back, never the one on screen
when another exists."""

from __future__ import annotations

import random
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from practice.session import fresh_variant_seed


def _problem(variants: int) -> Callable[[int], str]:
    """A problem whose seed ``s`` draws variant ``s % variants``."""
    return lambda seed: f"v{seed % variants}"


def _draws(seed: int) -> Callable[[], int]:
    rng = random.Random(seed)
    return lambda: rng.randrange(1_000_000)


@settings(max_examples=80, deadline=None)
@given(variants=st.integers(4, 30), start=st.integers(0, 2**32))
def test_a_fresh_variant_is_none_of_the_last_three(variants: int, start: int) -> None:
    looks = _problem(variants)
    draws = _draws(start)
    shown = [looks(draws())]
    for _ in range(10):
        seed = fresh_variant_seed(list(reversed(shown[-3:])), draws, looks, tries=200)
        assert looks(seed) not in shown[-3:]
        shown.append(looks(seed))


def test_with_no_other_variant_left_the_oldest_comes_back() -> None:
    looks = _problem(3)
    recent = ["v2", "v0", "v1"]  # newest first: v1 was seen longest ago
    assert looks(fresh_variant_seed(recent, _draws(1), looks, tries=50)) == "v1"


def test_a_problem_with_one_variant_still_gets_a_seed() -> None:
    assert fresh_variant_seed(["same"], _draws(2), lambda seed: "same", tries=5) >= 0


def test_seeds_without_a_variant_are_passed_over() -> None:
    seeds = iter([1, 2, 3, 4])

    def looks(seed: int) -> str | None:
        return None if seed < 3 else f"v{seed}"

    assert fresh_variant_seed(["v9"], lambda: next(seeds), looks, tries=4) == 3
