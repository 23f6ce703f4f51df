""" "Next variant" on the Practice page, and a review: never one of the learner's last
three variants of the problem when it has others, even where different seeds draw the
same question."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import UTC, datetime, timedelta

from streamlit.testing.v1 import AppTest

from db import Learner, open_store
from practice.banks import load_catalog
from practice.session import Attempt, Round
from practice.variants import make_variant
from ui.practice_flow import Desk

DESK = Desk("practice", in_address=True)
FEW_VARIANTS = "gd-one-step-to-minimum"  # 5 distinct questions over 300 seeds


def _look(seed: int) -> Hashable:
    variant = make_variant(load_catalog().problems[FEW_VARIANTS], seed)
    return variant.prompt, frozenset(text for _, text in variant.choices)


def test_next_variant_is_none_of_the_last_three(open_app: Callable[..., AppTest]) -> None:
    at = open_app("practice", learner="Ana", query_params={"problem": FEW_VARIANTS, "seed": "0"})
    shown = [_look(0)]
    for _ in range(8):
        at.button(key="practice_next_variant").click().run()
        assert not at.exception
        current = at.session_state[DESK.round_key]
        assert isinstance(current, Round) and current.problem_id == FEW_VARIANTS
        look = _look(current.seed)
        assert look not in shown[-3:], f"seed {current.seed} repeats a recent question"
        shown.append(look)
    assert len(set(shown)) >= 4


def test_a_review_is_none_of_the_last_three_questions_answered(
    open_app: Callable[..., AppTest], add_learner: Callable[[str], Learner], database_url: str
) -> None:
    problem = load_catalog().problems[FEW_VARIANTS]
    seeds: dict[Hashable, int] = {}
    for seed in range(100):
        seeds.setdefault(_look(seed), seed)
    answered = list(seeds.values())[:3]  # three different questions of five
    ana = add_learner("Ana")
    store = open_store(database_url)
    try:
        long_ago = datetime.now(UTC) - timedelta(days=30)
        for minutes, seed in enumerate(answered):  # wrong: due again long since
            attempt = Attempt(
                problem_id=FEW_VARIANTS,
                topic=problem.topic,
                level=problem.level,
                kind=problem.kind,
                seed=seed,
                answer="0",
                read_as=None,
                correct=False,
                score=0.0,
            )
            store.record_attempt(ana.id, attempt, when=long_ago + timedelta(minutes=minutes))
    finally:
        store.close()
    at = open_app("review", learner="Ana")
    current = at.session_state[Desk("review", is_review=True).round_key]
    assert isinstance(current, Round) and current.problem_id == FEW_VARIANTS
    assert _look(current.seed) not in {_look(seed) for seed in answered}
