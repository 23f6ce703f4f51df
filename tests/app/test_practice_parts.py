"""A problem in parts on the Practice page (AppTest, fresh SQLite store each): parts
revealed one after another, each checked through the worker pool and stored with its
part number; a slip in part 1 with a consistent part 2 is right "given your earlier
answer"; the whole chain is one card, rated once, when every part is answered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from fsrs import Rating
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db import StoredAttempt, open_store
from db.models import ReviewLogRow, ReviewStateRow
from practice.session import Round
from tests.conftest import ROOT
from ui.answer_box import answer_key
from ui.parts_feedback import FOLLOWED, RESUMED, SEEN_THEN_RIGHT
from ui.practice_flow import Desk
from ui.practice_parts import (
    EMPTY_PARTS,
    SAME_PART,
    all_check_key,
    chain_key,
    part_desk,
)

DESK = Desk("practice")
CHAIN = "chain-slope-and-nudge"  # f = a x² y + b y²: ∂f/∂x, its value at a point, Δf
SEED = 3  # f = 4x²y - 2y² at (1, 3), Δx = 0.02: answers 8xy, 24, 0.48


@pytest.fixture
def chain(open_app: Callable[..., AppTest]) -> AppTest:
    return open_app("practice", learner="Ana", query_params={"problem": CHAIN, "seed": str(SEED)})


def _answer(at: AppTest, number: int, text: str) -> AppTest:
    current = at.session_state[DESK.round_key]
    assert isinstance(current, Round)
    name = part_desk(DESK.name, number)
    at.text_input(key=answer_key(name, current.problem_id, current.seed)).input(text).run()
    at.button(key=f"{name}_check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _shown_parts(at: AppTest) -> list[int]:
    return [
        n
        for n in range(1, 4)
        if any(b.key == f"{part_desk(DESK.name, n)}_check" for b in at.button)
    ]


def _stored(url: str) -> tuple[list[StoredAttempt], list[tuple[str, int]]]:
    store = open_store(url)
    try:
        attempts = [a for learner in store.learners() for a in store.attempts(learner.id)]
        with store.engine.connect() as connection:
            logs = connection.execute(
                select(ReviewStateRow.problem_id, ReviewLogRow.rating).join(
                    ReviewStateRow, ReviewStateRow.id == ReviewLogRow.review_state_id
                )
            ).all()
        return attempts, [(problem, rating) for problem, rating in logs]
    finally:
        store.close()


def test_parts_are_revealed_one_by_one_and_the_right_chain_is_one_good_card(
    chain: AppTest, database_url: str
) -> None:
    assert _shown_parts(chain) == [1]
    assert any(f"in 3 parts · `{CHAIN}` #{SEED}" in c.value for c in chain.caption)
    assert any("Let $f(x, y) = 4 x^{2} y - 2 y^{2}$" in m.value for m in chain.markdown)
    _answer(chain, 1, "8xy")
    assert _shown_parts(chain) == [1, 2]
    assert chain.button(key=f"{part_desk(DESK.name, 1)}_check").disabled
    assert any(s.value.startswith("**Right.**") for s in chain.success)
    attempts, logs = _stored(database_url)
    assert [(a.part, a.correct) for a in attempts] == [(1, True)] and logs == []
    _answer(chain, 2, "24")
    _answer(chain, 3, "0.48")
    attempts, logs = _stored(database_url)
    assert [(a.part, a.correct, a.follow_through) for a in attempts] == [
        (1, True, False),
        (2, True, False),
        (3, True, False),
    ]
    assert len(logs) == 1 and logs[0][0] == CHAIN and logs[0][1] in (Rating.Good, Rating.Easy)
    assert any("Saved, counted as **" in c.value for c in chain.caption)
    state = chain.session_state[chain_key(DESK.name)]
    assert state.chain.finished and state.chain.rated
    assert chain.session_state[DESK.round_key].finished


def test_a_slip_in_part_1_costs_only_part_1(chain: AppTest, database_url: str) -> None:
    _answer(chain, 1, "4xy")  # the power rule's factor forgotten
    assert any("Not right" in e.value for e in chain.error)
    assert not chain.button(key=f"{part_desk(DESK.name, 1)}_check").disabled  # may retry
    _answer(chain, 2, "12")  # 4·1·3: right for the learner's own ∂f/∂x
    assert any(s.value.startswith(f"**{FOLLOWED}**") for s in chain.success)
    attempts, logs = _stored(database_url)
    assert [(a.part, a.correct, a.follow_through) for a in attempts] == [
        (1, False, False),
        (2, True, True),
    ]
    assert attempts[1].given is not None and "4xy" in attempts[1].given
    assert logs == []  # the chain is not complete yet
    _answer(chain, 3, "0.24")  # 12 · 0.02, consistent again
    attempts, logs = _stored(database_url)
    assert [(a.part, a.follow_through) for a in attempts][-1] == (3, True)
    assert logs == [(CHAIN, Rating.Again)]  # part 1 is still wrong: one review, Again
    assert any("Saved, counted as **" in c.value for c in chain.caption)
    _answer(chain, 1, "8xy")  # put right later: stored, the card is not rated again
    attempts, logs = _stored(database_url)
    assert [a.part for a in attempts] == [1, 2, 3, 1] and len(logs) == 1


def test_hints_are_per_part_and_the_same_answer_is_not_checked_twice(
    chain: AppTest, database_url: str
) -> None:
    chain.button(key=f"{part_desk(DESK.name, 1)}_hint").click().run()
    assert any("**Hint 1.**" in i.value for i in chain.info)
    _answer(chain, 1, "4xy")
    _answer(chain, 1, "4xy")
    assert any(w.value == SAME_PART for w in chain.warning)
    attempts, _ = _stored(database_url)
    assert [(a.part, a.hints_used) for a in attempts] == [(1, 1)]


def test_an_unreadable_part_is_not_counted_and_reveals_nothing(
    chain: AppTest, database_url: str
) -> None:
    _answer(chain, 1, "8x*(")
    assert _shown_parts(chain) == [1]
    attempts, _ = _stored(database_url)
    assert attempts == []


def _all_at_once_bank(folder: Path) -> None:
    """The shipped three-part chain, as a bank of its own whose parts show all at once."""
    shipped = yaml.safe_load((ROOT / "problems" / "chains.yaml").read_text(encoding="utf-8"))
    [problem] = [p for p in shipped["problems"] if p["id"] == CHAIN]
    problem["reveal"] = "all-at-once"
    bank = {key: shipped[key] for key in ("topic", "title", "description")}
    bank["problems"] = [problem]
    (folder / "chains.yaml").write_text(yaml.safe_dump(bank), encoding="utf-8")


@pytest.fixture
def all_at_once(
    open_app: Callable[..., AppTest], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[AppTest, list[str]]:
    """The chain with its parts shown all at once, open for Ana; and its boxes' keys."""
    banks = tmp_path / "banks"
    banks.mkdir()
    _all_at_once_bank(banks)
    monkeypatch.setenv("PRACTICE_BANKS", str(banks))
    at = open_app("practice", learner="Ana", query_params={"problem": CHAIN, "seed": str(SEED)})
    return at, [answer_key(part_desk(DESK.name, n), CHAIN, SEED) for n in (1, 2, 3)]


def test_all_at_once_shows_every_part_and_checks_them_together(
    all_at_once: tuple[AppTest, list[str]], database_url: str
) -> None:
    at, boxes = all_at_once
    assert all(at.text_input(key=box) for box in boxes)
    assert _shown_parts(at) == []  # one check for all, no check per part
    at.text_input(key=boxes[0]).input("4xy").run()
    at.button(key=all_check_key(DESK.name)).click().run()
    assert any(w.value == EMPTY_PARTS for w in at.warning)
    at.text_input(key=boxes[1]).input("12").run()
    at.text_input(key=boxes[2]).input("0.48").run()
    at.button(key=all_check_key(DESK.name)).click().run()
    assert not at.exception, [e.value for e in at.exception]
    attempts, logs = _stored(database_url)
    assert [(a.part, a.correct, a.follow_through) for a in attempts] == [
        (1, False, False),
        (2, True, True),
        (3, False, False),  # 0.48 is neither the reference for 12 nor for the slip
    ]
    assert logs == [(CHAIN, Rating.Again)]
    at.text_input(key=boxes[0]).input("8xy").run()
    at.text_input(key=boxes[2]).input("0.24").run()
    at.button(key=all_check_key(DESK.name)).click().run()
    attempts, logs = _stored(database_url)
    assert [a.part for a in attempts] == [1, 2, 3, 1, 3] and len(logs) == 1


def test_a_reloaded_page_rebuilds_the_chain_from_the_store(
    chain: AppTest, open_app: Callable[..., AppTest], database_url: str
) -> None:
    _answer(chain, 1, "4xy")
    _answer(chain, 2, "12")
    token = chain.session_state[DESK.round_key].token
    again = open_app(
        "practice",
        learner="Ana",
        query_params={"problem": CHAIN, "seed": str(SEED), "round": token},
    )
    assert not again.exception, [e.value for e in again.exception]
    assert again.session_state[DESK.round_key].token == token
    assert _shown_parts(again) == [1, 2, 3]
    assert again.text_input(key=answer_key(part_desk(DESK.name, 1), CHAIN, SEED)).value == "4xy"
    assert again.button(key=f"{part_desk(DESK.name, 2)}_check").disabled  # right given part 1
    assert not again.button(key=f"{part_desk(DESK.name, 1)}_check").disabled
    assert any(RESUMED in e.value for e in again.error)
    _answer(again, 3, "0.24")
    attempts, logs = _stored(database_url)
    assert [a.part for a in attempts] == [1, 2, 3] and logs == [(CHAIN, Rating.Again)]
    state = again.session_state[chain_key(DESK.name)]
    assert state.chain.rated and state.chain.part(1).attempts == 1


def test_a_part_right_only_after_reading_its_solution_makes_the_chain_again(
    chain: AppTest, database_url: str
) -> None:
    _answer(chain, 1, "4xy")
    token = chain.session_state[DESK.round_key].token
    chain.session_state[f"{part_desk(DESK.name, 1)}_solution_{token}"] = True  # opened
    chain.run()
    state = chain.session_state[chain_key(DESK.name)]
    assert state.chain.part(1).solution_seen
    assert any("counts as Again" in e.label for e in chain.expander)
    _answer(chain, 1, "8xy")
    assert any(SEEN_THEN_RIGHT in i.value for i in chain.info)
    _answer(chain, 2, "24")
    _answer(chain, 3, "0.48")
    _, logs = _stored(database_url)
    assert logs == [(CHAIN, Rating.Again)]  # without the solution read: Hard (a retry)


def test_all_at_once_all_right_finishes_the_chain(
    all_at_once: tuple[AppTest, list[str]], database_url: str
) -> None:
    at, boxes = all_at_once
    # safe_dump sorted the parameters, and they are drawn in the order written: here
    # the nudge is 0.1, not the shipped bank's 0.02 (python -m practice preview)
    for box, answer in zip(boxes, ("8xy", "24", "2.4"), strict=True):
        at.text_input(key=box).input(answer).run()
    at.button(key=all_check_key(DESK.name)).click().run()
    assert not at.exception, [e.value for e in at.exception]
    attempts, logs = _stored(database_url)
    assert [(a.part, a.correct) for a in attempts] == [(1, True), (2, True), (3, True)]
    assert len(logs) == 1 and logs[0][1] >= Rating.Good
