"""The Practice page in AppTest through app.py, each test on a fresh SQLite store:
answers right and wrong, the named mistake, hints, unreadable answers, choices,
self-checks, new variants, and the pages' error states."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from db import Learner, StoredAttempt, open_store
from practice.banks import Catalog, load_catalog
from practice.grading import Misconception
from practice.session import Attempt, Round
from practice.variants import Variant, make_variant
from ui.answer_box import answer_key
from ui.feedback import NOT_COUNTED, UNREADABLE
from ui.learner import NEW_NAME_KEY
from ui.practice_flow import EMPTY_ANSWER, SAME_ANSWER, Desk

DESK = Desk("practice")
DESCENT = "gd-step-given-gradient"  # vector; the ascent step is the `descent-sign` mistake
CHOICE = "gd-sign-of-partial"
SELF_CHECK = "gd-how-big-step"


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


OpenPractice = Callable[..., AppTest]


@pytest.fixture
def practise(open_app: Callable[..., AppTest]) -> OpenPractice:
    """The Practice page for Ana on one variant: ``practise(problem_id, seed)``."""

    def open_it(problem_id: str = DESCENT, seed: int = 1) -> AppTest:
        return open_app(
            "practice", learner="Ana", query_params={"problem": problem_id, "seed": str(seed)}
        )

    return open_it


def _round(at: AppTest) -> Round:
    found = at.session_state[DESK.round_key]
    assert isinstance(found, Round)
    return found


def _variant(at: AppTest, catalog: Catalog) -> Variant:
    current = _round(at)
    return make_variant(catalog.problems[current.problem_id], current.seed)


def _ascent_step(variant: Variant) -> tuple[Misconception, str]:
    """The descent-sign mistake of a descent variant, and how a learner types it."""
    [ascent] = [m for m in variant.misconceptions if m.tag == "descent-sign"]
    typed = ", ".join(str(component) for component in ascent.value)
    return ascent, typed


def _answer(at: AppTest, text: str) -> AppTest:
    """Type ``text`` (the live reading runs), then press "Check answer"."""
    current = _round(at)
    at.text_input(key=answer_key(DESK.name, current.problem_id, current.seed)).input(text).run()
    at.button(key=DESK.check_key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _attempts(database_url: str) -> list[StoredAttempt]:
    store = open_store(database_url)
    try:
        learners = store.learners()
        return [a for learner in learners for a in store.attempts(learner.id)]
    finally:
        store.close()


def test_without_a_learner_the_page_says_to_pick_one(open_app: Callable[..., AppTest]) -> None:
    at = open_app("practice")
    assert any("learner profile in the sidebar" in i.value for i in at.info)
    assert not [b for b in at.button if b.key == DESK.check_key]
    assert DESK.round_key not in at.session_state


def test_a_new_learner_created_in_the_sidebar_gets_a_problem(
    open_app: Callable[..., AppTest],
) -> None:
    at = open_app("practice")
    at.sidebar.text_input(key=NEW_NAME_KEY).input("Zoe")
    at.sidebar.button[0].click().run()
    assert not at.exception
    current = _round(at)
    assert current.attempts == 0 and current.seed >= 0
    assert any(
        c.value.startswith(current.problem_id) or current.problem_id in c.value for c in at.caption
    )


def test_the_right_answer_is_stored_and_says_when_it_comes_back(
    practise: OpenPractice, shipped: Catalog, database_url: str
) -> None:
    at = practise()
    variant = _variant(at, shipped)
    _answer(at, variant.answer)
    assert [s.value for s in at.success][0].startswith("**Right.**")
    assert any("comes back" in c.value for c in at.caption)
    assert any("Saved, counted as **" in c.value for c in at.caption)  # not "Rated"
    assert _round(at).finished
    # drawn after the attempt was stored, in the same run: nothing left to submit
    assert at.text_input(key=answer_key(DESK.name, DESCENT, 1)).value == variant.answer
    assert at.button(key=DESK.check_key).disabled
    [stored] = _attempts(database_url)
    assert (stored.problem_id, stored.seed, stored.correct, stored.score) == (DESCENT, 1, True, 1.0)
    assert (stored.attempt_number, stored.hints_used, stored.is_review) == (1, 0, False)
    assert stored.seconds is not None and stored.seconds >= 0
    assert at.expander[0].label == "Worked solution"


def test_the_ascent_step_is_named_as_the_descent_sign_mistake(
    practise: OpenPractice, shipped: Catalog, database_url: str
) -> None:
    at = practise()
    variant = _variant(at, shipped)
    ascent, typed = _ascent_step(variant)
    _answer(at, typed)
    assert at.error[0].value.startswith("**Not right.**")
    assert ascent.message in at.error[0].value
    # the mistake by a name a student reads; the tag is for the store and the instructor
    assert any("Stepping uphill (wrong sign in the update)" in i.value for i in at.info)
    assert not any("descent-sign" in i.value for i in at.info)
    [stored] = _attempts(database_url)
    assert (stored.correct, stored.mistake) == (False, "descent-sign")
    # a wrong answer leaves the round open for another try, numbered 2
    assert not _round(at).finished
    _answer(at, variant.answer)
    assert [a.attempt_number for a in _attempts(database_url)] == [1, 2]


def test_checking_the_same_wrong_answer_again_is_not_a_second_attempt(
    practise: OpenPractice, shipped: Catalog, database_url: str
) -> None:
    at = practise()
    _, typed = _ascent_step(_variant(at, shipped))
    _answer(at, typed)
    at.button(key=DESK.check_key).click().run()  # Enter pressed twice, or a double click
    assert [w.value for w in at.warning] == [SAME_ANSWER]
    assert at.error[0].value.startswith("**Not right.**")  # the feedback stays
    assert [a.answer for a in _attempts(database_url)] == [typed]
    assert _round(at).attempts == 1


def test_the_answer_box_carries_the_enter_to_check_script(practise: OpenPractice) -> None:
    at = practise()
    scripts = [h.proto.body for h in at.get("html")]
    assert any("gradientPracticeEnterToCheck" in body for body in scripts)


def test_partial_credit_is_shown_per_component(
    practise: OpenPractice, shipped: Catalog, database_url: str
) -> None:
    at = practise()
    first = _variant(at, shipped).answer.strip("()").split(",")[0]
    _answer(at, f"{first}, 12345")
    assert "50% credit" in at.warning[0].value
    assert any("component 1 ✓ · component 2 ✗" in m.value for m in at.markdown)
    assert _attempts(database_url)[0].score == 0.5


def test_a_hint_opens_and_its_count_is_stored(
    practise: OpenPractice, shipped: Catalog, database_url: str
) -> None:
    at = practise()
    variant = _variant(at, shipped)
    at.button(key=DESK.hint_key).click().run()
    assert any(i.value.startswith("**Hint 1.**") for i in at.info)
    assert not any(i.value.startswith("**Hint 2.**") for i in at.info)
    assert _round(at).hints_shown == 1
    _answer(at, variant.answer)
    [stored] = _attempts(database_url)
    assert stored.hints_used == 1 and stored.correct


def test_the_reading_shows_as_the_learner_types(practise: OpenPractice, database_url: str) -> None:
    at = practise()
    current = _round(at)
    at.text_input(key=answer_key(DESK.name, current.problem_id, current.seed)).input("1/2, 3").run()
    assert any(r"\frac{1}{2}" in latex.value for latex in at.latex)
    assert any("We read this as" in c.value for c in at.caption)
    assert _attempts(database_url) == []  # reading is never an attempt


def test_the_reading_shows_how_letters_written_together_were_split(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    at = open_app(
        "practice", learner="Ana", query_params={"problem": "pd-bowl-partial-x", "seed": "2"}
    )
    current = _round(at)
    at.text_input(key=answer_key(DESK.name, current.problem_id, current.seed)).input("4xy").run()
    assert any(r"4 \cdot x \cdot y" in latex.value for latex in at.latex)
    assert not at.warning
    assert _attempts(database_url) == []


@pytest.mark.parametrize(
    "hostile",
    [
        "(" * 300 + "1" + ")" * 199,
        "9^9^9^9^9",
        "__import__('os').system('true')",
        "1" * 500,
        "\x00\u202e$$\\frac{a}{b}$$ <script>",
    ],
)
def test_hostile_answers_are_read_safely_and_not_stored(
    practise: OpenPractice, database_url: str, hostile: str
) -> None:
    at = practise()
    current = _round(at)
    at.text_input(key=answer_key(DESK.name, current.problem_id, current.seed)).input(hostile).run()
    assert not at.exception
    at.button(key=DESK.check_key).click().run()
    assert not at.exception
    stored = _attempts(database_url)
    assert all(not a.correct for a in stored)
    assert len(stored) <= 1


def test_an_answer_sympy_would_think_about_for_minutes_is_stopped_on_the_page(
    practise: OpenPractice, shipped: Catalog, database_url: str
) -> None:
    """The page runs on a Streamlit thread, where no alarm signal arrives: the reader
    and the grader still give up within a second (practice/timelimit.py)."""
    problem = next(
        p for p in sorted(shipped.problems.values(), key=lambda p: p.id)
        if p.kind == "expression" and {"x", "y"} <= set(make_variant(p, 1).variables)
    )  # fmt: skip
    at = practise(problem.id, 1)
    box = at.text_input(key=answer_key(DESK.name, problem.id, 1))
    nested = "1/log2(sinh(1/csc(1/sqrt(1/log10(ln(x+y))^2 + sqrt(y))^2 + atanh(y))^2 + atanh(y)))^2"
    box.input(nested).run(timeout=10)
    assert not at.exception
    assert any("takes too long to read" in w.value for w in at.warning)
    at.button(key=DESK.check_key).click().run(timeout=10)
    assert not at.exception
    assert any(NOT_COUNTED in w.value for w in [*at.warning, *at.error])
    assert _attempts(database_url) == []  # "took too long" is not an attempt


def test_an_unreadable_answer_says_why_and_is_not_stored(
    practise: OpenPractice, database_url: str
) -> None:
    at = _answer(practise(), "(1, 2")
    assert any(UNREADABLE in w.value and "never closed" in w.value for w in at.warning)
    assert any(NOT_COUNTED in w.value for w in at.warning)
    assert at.code, "the caret line under the spot is shown"
    assert _attempts(database_url) == []
    assert _round(at).attempts == 0


def test_an_unknown_name_gets_a_suggestion(open_app: Callable[..., AppTest]) -> None:
    at = open_app(
        "practice", learner="Ana", query_params={"problem": "pd-bowl-partial-x", "seed": "2"}
    )
    current = _round(at)
    at.text_input(key=answer_key(DESK.name, current.problem_id, current.seed)).input("4sinx").run()
    warning = at.warning[0].value
    assert UNREADABLE in warning and "Did you mean" in warning


def test_an_empty_answer_is_not_an_attempt(practise: OpenPractice, database_url: str) -> None:
    at = practise()
    at.button(key=DESK.check_key).click().run()
    assert any(EMPTY_ANSWER in w.value for w in at.warning)
    assert _attempts(database_url) == []


def test_a_choice_problem_is_answered_with_a_radio(
    practise: OpenPractice, shipped: Catalog, database_url: str
) -> None:
    at = practise(CHOICE, 4)
    variant = _variant(at, shipped)
    radio = at.radio(key=answer_key(DESK.name, CHOICE, 4))
    wrong = next(label for label, _ in variant.choices if label != variant.answer)
    radio.set_value(wrong)
    at.button(key=DESK.check_key).click().run()
    assert at.error[0].value.startswith("**Not right.**")
    at.radio(key=answer_key(DESK.name, CHOICE, 4)).set_value(variant.answer)
    at.button(key=DESK.check_key).click().run()
    assert at.success[0].value.startswith("**Right.**")
    stored = _attempts(database_url)
    assert [(a.answer, a.correct) for a in stored] == [(wrong, False), (variant.answer, True)]


def test_a_self_check_shows_the_model_answer_and_stores_the_rating(
    practise: OpenPractice, shipped: Catalog, database_url: str
) -> None:
    at = practise(SELF_CHECK, 0)
    variant = _variant(at, shipped)
    at.button(key="practice_reveal").click().run()
    assert any("Write your answer first" in w.value for w in at.warning)
    at.text_area(key=answer_key(DESK.name, SELF_CHECK, 0)).input("It overshoots; or crawls.")
    at.button(key="practice_reveal").click().run()
    first_line = variant.model_answer.strip().splitlines()[0]
    assert any(first_line in m.value for m in at.markdown)
    assert _attempts(database_url) == []  # seeing the model answer is not an attempt
    at.button(key="practice_rate_partly").click().run()
    [stored] = _attempts(database_url)
    assert (stored.answer, stored.read_as, stored.score, stored.correct, stored.kind) == (
        "It overshoots; or crawls.",
        "partly",
        0.5,
        False,
        "self-check",
    )
    assert _round(at).finished


def test_next_variant_draws_new_numbers_for_the_same_problem(practise: OpenPractice) -> None:
    at = practise()
    at.button(key="practice_next_variant").click().run()
    current = _round(at)
    assert current.problem_id == DESCENT and current.seed != 1
    box = at.text_input(key=answer_key(DESK.name, DESCENT, current.seed))
    assert box.value == ""


def test_choosing_a_topic_and_level_picks_from_them(open_app: Callable[..., AppTest]) -> None:
    at = open_app("practice", learner="Ana")
    at.selectbox(key="practice_topic").select("partial-derivatives").run()
    at.button_group(key="practice_levels").set_value(["B"]).run()
    assert not at.exception
    current = _round(at)
    assert current.problem_id.startswith("pd-")
    at.button(key="practice_next_problem").click().run()
    assert _round(at).problem_id.startswith("pd-")


def test_recommended_goes_to_the_weakest_topic(
    open_app: Callable[..., AppTest],
    add_learner: Callable[[str], Learner],
    database_url: str,
    shipped: Catalog,
) -> None:
    learner = add_learner("Ana")
    store = open_store(database_url)
    try:
        for topic in shipped.topics:
            if topic == "gradient":
                continue
            for problem in shipped.problems_of(topic)[:3]:
                store.record_attempt(
                    learner.id,
                    Attempt(
                        problem_id=problem.id,
                        topic=topic,
                        level=problem.level,
                        kind=problem.kind,
                        seed=0,
                        answer="x",
                        read_as=None,
                        correct=True,
                        score=1.0,
                    ),
                )
    finally:
        store.close()
    at = open_app("practice", learner="Ana")
    assert _round(at).problem_id.startswith("gr-")


def test_a_broken_bank_folder_gives_a_message_not_a_traceback(
    open_app: Callable[..., AppTest], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "broken.yaml").write_text("topic: x\nproblems: [ {id: 1\n", encoding="utf-8")
    monkeypatch.setenv("PRACTICE_BANKS", str(banks))
    at = open_app("practice", learner="Ana")
    assert any("No problems could be loaded" in e.value for e in at.error)


def test_an_unreachable_database_gives_a_message(
    open_app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody:secret@127.0.0.1:9/none")
    at = open_app("practice")
    assert any("could not be opened" in e.value for e in at.error)
    assert not any("secret" in e.value for e in at.error)


MULTI_BANK = """\
topic: checks
title: Quick checks
problems:
  - id: multi-true
    level: A
    kind: choice
    prompt: Which are true of the gradient of $f$ at a point?
    choices:
      - text: It points uphill.
      - text: It points downhill.
      - text: It is perpendicular to the contour line.
    answer:
      choice: A,C
    hints:
      - Think of a hill and its contour lines.
"""


def test_a_multi_answer_choice_takes_a_multiselect(
    open_app: Callable[..., AppTest],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
) -> None:
    (tmp_path / "checks.yaml").write_text(MULTI_BANK, encoding="utf-8")
    monkeypatch.setenv("PRACTICE_BANKS", str(tmp_path))
    at = open_app("practice", learner="Ana", query_params={"problem": "multi-true", "seed": "0"})
    key = answer_key(DESK.name, "multi-true", 0)
    at.multiselect(key=key).select("A").run()
    at.button(key=DESK.check_key).click().run()
    assert not at.success
    at.multiselect(key=key).select("C").run()
    at.button(key=DESK.check_key).click().run()
    assert at.success[0].value.startswith("**Right.**")
    assert [(a.answer, a.correct) for a in _attempts(database_url)] == [("A", False), ("A,C", True)]


@pytest.mark.parametrize(
    "params",
    [
        {"problem": DESCENT, "seed": "²"},
        {"problem": DESCENT, "seed": "9" * 5000},
        {"problem": DESCENT, "seed": "-3"},
        {"problem": "<script>alert(1)</script>", "seed": "1"},
        {"topic": "no-such-topic\x00"},
    ],
)
def test_hostile_links_open_a_problem_anyway(
    open_app: Callable[..., AppTest], params: dict[str, str]
) -> None:
    at = open_app("practice", learner="Ana", query_params=params)
    assert not at.error
    current = _round(at)
    assert 0 <= current.seed
    if params.get("problem") == DESCENT:
        assert current.problem_id == DESCENT and current.seed != 1


def test_a_mistake_link_practises_problems_that_catch_it(
    open_app: Callable[..., AppTest], shipped: Catalog
) -> None:
    at = open_app("practice", learner="Ana", query_params={"mistake": "descent-sign"})
    assert at.selectbox(key="practice_topic").value == "mistake:descent-sign"
    # the option reads as the mistake's name, as on the Progress page that links here
    label = "Problems that catch the mistake “Stepping uphill (wrong sign in the update)”"
    assert label in at.selectbox(key="practice_topic").options
    for _ in range(3):
        variant = _variant(at, shipped)
        assert "descent-sign" in {m.tag for m in variant.misconceptions}
        at.button(key="practice_next_problem").click().run()


def test_an_unknown_mistake_link_falls_back_to_the_recommendation(
    open_app: Callable[..., AppTest],
) -> None:
    at = open_app("practice", learner="Ana", query_params={"mistake": "no-such-mistake"})
    assert at.selectbox(key="practice_topic").value == "__recommended__"
    assert _round(at).problem_id


def test_choosing_another_learner_starts_afresh(
    practise: OpenPractice,
    add_learner: Callable[[str], object],
    shipped: Catalog,
    database_url: str,
) -> None:
    add_learner("Ben")
    at = practise()
    _answer(at, _variant(at, shipped).answer)
    at.sidebar.selectbox(key="learner_choice").select("Ben").run()
    assert not at.exception
    assert not at.success, "Ana's feedback is not shown to Ben"
    assert _round(at).attempts == 0
    assert [a.learner for a in _attempts(database_url)] == ["Ana"]


def test_a_store_that_fails_while_saving_says_so_and_keeps_the_feedback(
    practise: OpenPractice, shipped: Catalog, database_url: str
) -> None:
    import sqlite3

    at = practise()
    variant = _variant(at, shipped)
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as broken:  # the store loses its tables under the page
        broken.execute("DROP TABLE review_logs")
        broken.execute("DROP TABLE attempts")
    _answer(at, variant.answer)
    assert at.success[0].value.startswith("**Right.**")
    [unsaved] = [e.value for e in at.error if "was not saved" in e.value]
    assert "tell your instructor" in unsaved and path not in unsaved and "sqlite" not in unsaved
    assert any(c.value == variant.answer for c in at.code), "the answer's text stays on screen"
    assert not any("comes back" in c.value for c in at.caption)
    assert not at.button(key=DESK.check_key).disabled, "it can be submitted again"
    assert _round(at).attempts == 0


def test_a_topic_without_problems_at_those_levels_says_so(
    open_app: Callable[..., AppTest],
) -> None:
    at = open_app("practice", learner="Ana")
    at.selectbox(key="practice_topic").select("gradient").run()
    at.button_group(key="practice_levels").set_value(["D"]).run()
    assert any("No problem matches" in i.value for i in at.info)
    at.button_group(key="practice_levels").set_value(["A"]).run()
    assert _round(at).problem_id.startswith("gr-")
